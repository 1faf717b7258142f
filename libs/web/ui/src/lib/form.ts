import { useCallback, useEffect, useRef } from 'react';

/**
 * After a submission with errors, moves focus to the first invalid control of the form
 * (`aria-invalid="true"`). Call the returned `requestFocus` when setting the errors.
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>() {
  const formRef = useRef<T>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  const requestFocus = useCallback(() => {
    pending.current = true;
  }, []);
  return { formRef, requestFocus };
}

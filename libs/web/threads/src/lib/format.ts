import { useCallback, useEffect, useState } from 'react';

/** « 28 novembre 2026 à 14:05 » in the current language. */
export function formatDateTime(language: string, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/**
 * Moves keyboard focus to the element with the given id once React has rendered the change
 * that closed a form (the button that opened it is back only then).
 */
export function useReturnFocus(): (elementId: string) => void {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    document.getElementById(target)?.focus();
    setTarget(null);
  }, [target]);
  return useCallback((elementId: string) => setTarget(elementId), []);
}

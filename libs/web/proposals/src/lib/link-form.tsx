import { useTranslation } from '@miroir/web/i18n';
import { Button } from '@miroir/web/ui';
import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { normaliseLinkUrl } from './safe-url';

export interface LinkFormProps {
  id: string;
  editor: Editor;
  onClose: (returnFocusTo: 'editor' | 'toolbar') => void;
}

/** Inline form for the link on the selection (no browser prompt): http(s) and mailto only. */
export function LinkForm({ id, editor, onClose }: LinkFormProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const current = (editor.getAttributes('link') as { href?: string }).href ?? '';
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const href = normaliseLinkUrl(value);
    if (!href) {
      setError(t('proposal.linkForm.invalid'));
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: href.replace(/^mailto:/, ''), marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    onClose('editor');
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose('editor');
  }

  /** Escape in the field closes the form, like a popover, and returns to the « Lien » button. */
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose('toolbar');
  }

  return (
    <form id={id} className="link-form" aria-label={t('proposal.linkForm.legend')} noValidate onSubmit={apply}>
      <div className={error ? 'field field--error link-form__field' : 'field link-form__field'}>
        <label className="field__label" htmlFor={inputId}>
          {t('proposal.linkForm.label')}
        </label>
        <p className="field__hint" id={hintId}>
          {t('proposal.linkForm.hint')}
        </p>
        {error ? (
          <p className="field__error" id={errorId}>
            {error}
          </p>
        ) : null}
        <input
          ref={input}
          id={inputId}
          className="field__control"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="link-form__actions">
        <Button type="submit" size="sm">
          {t('proposal.linkForm.apply')}
        </Button>
        {current ? (
          <Button variant="secondary" size="sm" onClick={remove}>
            {t('proposal.linkForm.remove')}
          </Button>
        ) : null}
        <Button variant="tertiary" size="sm" onClick={() => onClose('toolbar')}>
          {t('proposal.linkForm.cancel')}
        </Button>
      </div>
    </form>
  );
}

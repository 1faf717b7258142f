import { COMMENT_BODY_MAX_LENGTH } from '@miroir/shared/contracts';
import { mentionToken } from '@miroir/shared/domain';
import { isApiError, useMembers, useSession } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, FormActions, SelectField, TextAreaField } from '@miroir/web/ui';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export interface CommentFormProps {
  workspaceId: string;
  /** Label of the textarea (« Votre message », « Votre réponse »…). */
  label: string;
  submitLabel: string;
  initialBody?: string;
  busy?: boolean;
  /** Extra fields shown above the message (e.g. the subject of a new thread). */
  children?: ReactNode;
  /** Sends the trimmed body; a rejection is shown in the form (fields errors next to the field). */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * The textarea of a comment, with a « Mentionner » picker that inserts `@[Name](user:id)` at the
 * caret: a native select plus an explicit button, so that browsing the list with the arrow
 * keys does not insert anything. The textarea takes focus when the form opens.
 */
export function CommentForm({ workspaceId, label, submitLabel, initialBody = '', busy, children, onSubmit, onCancel }: CommentFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initialBody);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const trimmed = body.trim();
    const found = !trimmed
      ? t('validation.required')
      : body.length > COMMENT_BODY_MAX_LENGTH
        ? t('threads.comment.tooLong', { max: COMMENT_BODY_MAX_LENGTH })
        : null;
    setError(found);
    if (found) {
      textareaRef.current?.focus();
      return;
    }
    try {
      await onSubmit(trimmed);
    } catch (caught) {
      const fieldMessage = isApiError(caught) ? caught.fieldMessages(t)['body'] : undefined;
      if (fieldMessage) {
        setError(fieldMessage);
        textareaRef.current?.focus();
      } else {
        setFailure(errorMessage(t, caught));
      }
    }
  }

  function insertMention(token: string) {
    const textarea = textareaRef.current;
    const start = textarea?.selectionStart ?? body.length;
    const end = textarea?.selectionEnd ?? body.length;
    const before = body.slice(0, start);
    const spaceBefore = before === '' || /\s$/.test(before) ? '' : ' ';
    const inserted = `${spaceBefore}${token} `;
    const next = before + inserted + body.slice(end);
    setBody(next);
    const caret = start + inserted.length;
    // Back to the text, right after the mention, once React has rendered the new value.
    requestAnimationFrame(() => {
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(caret, caret);
    });
  }

  return (
    // Escape cancels, as in the confirmation panels.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="form thread-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {failure ? <Alert type="error">{failure}</Alert> : null}
      {children}
      <TextAreaField
        ref={textareaRef}
        id={`${id}-body`}
        label={label}
        hint={t('threads.comment.markdownHint')}
        rows={4}
        value={body}
        error={error}
        maxLength={COMMENT_BODY_MAX_LENGTH}
        required
        onChange={(event) => setBody(event.target.value)}
      />
      <MentionPicker workspaceId={workspaceId} onInsert={insertMention} />
      <FormActions size="sm" busy={busy} submitLabel={submitLabel} onCancel={onCancel} cancelLabel={t('common.cancel')} />
    </form>
  );
}

function MentionPicker({ workspaceId, onInsert }: { workspaceId: string; onInsert: (token: string) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const members = useMembers(workspaceId);
  const [chosen, setChosen] = useState('');
  const [announce, setAnnounce] = useState<string | null>(null);
  const others = (members.data?.members ?? []).filter((member) => member.userId !== user?.id);
  if (others.length === 0) return null;
  const nameOf = (userId: string) => others.find((member) => member.userId === userId)?.displayName ?? '';

  return (
    <div className="thread-form__mention">
      <SelectField
        label={t('threads.mention.label')}
        placeholder={t('threads.mention.placeholder')}
        value={chosen}
        options={others.map((member) => ({ value: member.userId, label: member.displayName }))}
        onChange={(event) => setChosen(event.target.value)}
      />
      <Button
        variant="secondary"
        size="sm"
        disabled={!chosen}
        onClick={() => {
          const name = nameOf(chosen);
          onInsert(mentionToken(name, chosen));
          setAnnounce(t('threads.mention.inserted', { name }));
          setChosen('');
        }}
      >
        {t('threads.mention.insert')}
      </Button>
      <span className="sr-only" role="status" aria-live="polite">
        {announce}
      </span>
    </div>
  );
}

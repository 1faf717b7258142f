import { DISPOSITION_REASON_MAX_LENGTH, THREAD_DISPOSITIONS, type Thread, type ThreadDisposition } from '@miroir/shared/contracts';
import { isApiError, useSetDisposition } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, FormActions, TextAreaField } from '@miroir/web/ui';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

const CLEAR = 'none';
type Choice = ThreadDisposition | typeof CLEAR;

export interface DispositionFormProps {
  thread: Thread;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * Moderators record what became of a thread (intégré, répondu, écarté, hors sujet) or clear it.
 * « Écarté » requires a reason, checked here and by the API; errors are linked to their field.
 */
export function DispositionForm({ thread, onDone, onCancel }: DispositionFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const setDisposition = useSetDisposition(thread.id);
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [choice, setChoice] = useState<Choice | ''>(thread.disposition ?? '');
  const [reason, setReason] = useState(thread.dispositionReason ?? '');
  const [errors, setErrors] = useState<{ choice?: string; reason?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const choiceErrorId = `${id}-choice-error`;

  useEffect(() => {
    fieldsetRef.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const trimmed = reason.trim();
    if (!choice) {
      setErrors({ choice: t('threads.disposition.choose') });
      fieldsetRef.current?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    if (choice === 'ecarte' && !trimmed) {
      setErrors({ reason: t('threads.disposition.reasonRequired') });
      reasonRef.current?.focus();
      return;
    }
    setErrors({});
    const disposition = choice === CLEAR ? null : choice;
    try {
      await setDisposition.mutateAsync({ disposition, reason: disposition && trimmed ? trimmed : null });
      onDone(
        disposition
          ? t('threads.disposition.saved', { value: t(`threads.disposition.values.${disposition}`) })
          : t('threads.disposition.cleared'),
      );
    } catch (caught) {
      const reasonMessage = isApiError(caught) ? caught.fieldMessages(t)['reason'] : undefined;
      if (reasonMessage) {
        setErrors({ reason: reasonMessage });
        reasonRef.current?.focus();
      } else {
        setFailure(errorMessage(t, caught));
      }
    }
  }

  const choices: { value: Choice; label: string }[] = [
    ...THREAD_DISPOSITIONS.map((value) => ({ value, label: t(`threads.disposition.values.${value}`) })),
    ...(thread.disposition ? [{ value: CLEAR as Choice, label: t('threads.disposition.clear') }] : []),
  ];

  return (
    // Escape cancels, as in the confirmation panels.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="form thread-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h4 id={`${id}-title`}>{t('threads.disposition.title')}</h4>
      {failure ? <Alert type="error">{failure}</Alert> : null}
      <fieldset
        ref={fieldsetRef}
        className={errors.choice ? 'fieldset field--error' : 'fieldset'}
        aria-describedby={errors.choice ? choiceErrorId : undefined}
      >
        <legend>{t('threads.disposition.label')}</legend>
        {errors.choice ? (
          <p className="field__error" id={choiceErrorId}>
            {errors.choice}
          </p>
        ) : null}
        {choices.map((option) => (
          <div className="choice" key={option.value}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={`${id}-disposition`}
              value={option.value}
              checked={choice === option.value}
              aria-describedby={errors.choice ? choiceErrorId : undefined}
              onChange={() => setChoice(option.value)}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
      {choice && choice !== CLEAR ? (
        <TextAreaField
          ref={reasonRef}
          label={t('threads.disposition.reason')}
          hint={t('threads.disposition.reasonHint')}
          optionalLabel={choice === 'ecarte' ? undefined : t('common.optional')}
          rows={3}
          value={reason}
          error={errors.reason}
          required={choice === 'ecarte'}
          maxLength={DISPOSITION_REASON_MAX_LENGTH}
          onChange={(event) => setReason(event.target.value)}
        />
      ) : null}
      <FormActions
        size="sm"
        busy={setDisposition.isPending}
        submitLabel={t('threads.disposition.submit')}
        onCancel={onCancel}
        cancelLabel={t('common.cancel')}
      />
    </form>
  );
}

import { DESCRIPTION_MAX_LENGTH, PLAN_STATUSES, TITLE_MAX_LENGTH, type PlanStatus } from '@miroir/shared/contracts';
import { isApiError } from '@miroir/web/data-access';
import { errorMessage, useTranslation } from '@miroir/web/i18n';
import { Alert, FormActions, SelectField, TextAreaField, TextField, useFocusFirstInvalid } from '@miroir/web/ui';
import { useState, type FormEvent, type ReactNode } from 'react';

export interface ItemFormValues {
  title: string;
  description: string;
  status: PlanStatus;
}

export interface ItemFormProps {
  initial?: Partial<ItemFormValues>;
  /** Shows the status select (edition); creation uses the server default. */
  withStatus?: boolean;
  submitLabel: string;
  onSubmit: (values: ItemFormValues) => Promise<unknown>;
  onCancel?: () => void;
  /** Extra fields rendered before the title (e.g. the workspace of a new plan). */
  before?: ReactNode;
  /** Accessible name of the form. */
  label: string;
}

/** Title + description (+ status) form shared by plans and axes. */
export function ItemForm({ initial, withStatus = false, submitLabel, onSubmit, onCancel, before, label }: ItemFormProps) {
  const { t } = useTranslation();
  const { formRef, requestFocus } = useFocusFirstInvalid();
  const [values, setValues] = useState<ItemFormValues>({
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    status: initial?.status ?? 'draft',
  });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const title = values.title.trim();
    if (!title) found['title'] = t('validation.required');
    else if (title.length > TITLE_MAX_LENGTH) found['title'] = t('validation.maxLength', { max: TITLE_MAX_LENGTH });
    if (values.description.length > DESCRIPTION_MAX_LENGTH) {
      found['description'] = t('validation.maxLength', { max: DESCRIPTION_MAX_LENGTH.toLocaleString('fr-FR') });
    }
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      requestFocus();
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit({ ...values, title, description: values.description.trim() });
    } catch (error) {
      if (isApiError(error)) {
        setErrors(error.fieldMessages(t));
        if (error.fields.length > 0) requestFocus();
      }
      setFormError(errorMessage(t, error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form ref={formRef} className="form" aria-label={label} noValidate onSubmit={(event) => void handleSubmit(event)}>
      {formError ? <Alert type="error">{formError}</Alert> : null}
      {before}
      <TextField
        label={t('plans.titleField')}
        name="title"
        required
        maxLength={TITLE_MAX_LENGTH}
        value={values.title}
        onChange={(event) => setValues((current) => ({ ...current, title: event.target.value }))}
        error={errors['title']}
      />
      <TextAreaField
        label={t('plans.description')}
        optionalLabel={t('common.optional')}
        name="description"
        value={values.description}
        onChange={(event) => setValues((current) => ({ ...current, description: event.target.value }))}
        error={errors['description']}
      />
      {withStatus ? (
        <SelectField
          label={t('plans.status')}
          name="status"
          options={PLAN_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
          value={values.status}
          onChange={(event) => setValues((current) => ({ ...current, status: event.target.value as PlanStatus }))}
          error={errors['status']}
        />
      ) : null}
      <FormActions
        busy={submitting}
        submitLabel={submitting ? t('common.saving') : submitLabel}
        onCancel={onCancel}
        cancelLabel={t('common.cancel')}
      />
    </form>
  );
}

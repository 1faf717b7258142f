import { useId, type Ref, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** Text appended to the label of optional fields, e.g. « (facultatif) ». */
  optionalLabel?: string;
  /** Keeps the label for assistive technologies only (e.g. a select inside a table row). */
  labelHidden?: boolean;
  className?: string;
}

function useFieldIds(id: string | undefined, hint: ReactNode, error: string | null | undefined) {
  const generated = useId();
  const fieldId = id ?? `field-${generated}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { fieldId, hintId, errorId, describedBy };
}

function FieldFrame({
  fieldId,
  hintId,
  errorId,
  label,
  hint,
  error,
  optionalLabel,
  labelHidden,
  className,
  children,
}: FieldChrome & { fieldId: string; hintId?: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className={labelHidden ? 'sr-only' : 'field__label'} htmlFor={fieldId}>
        {label}
        {optionalLabel ? <span className="field__optional"> {optionalLabel}</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export type TextFieldProps = FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & { ref?: Ref<HTMLInputElement> };

export function TextField({ label, hint, error, optionalLabel, labelHidden, className, id, ...input }: TextFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame
      {...ids}
      label={label}
      hint={hint}
      error={error}
      optionalLabel={optionalLabel}
      labelHidden={labelHidden}
      className={className}
    >
      <input
        {...input}
        id={ids.fieldId}
        className="field__control"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}

export type TextAreaFieldProps = FieldChrome &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField({
  label,
  hint,
  error,
  optionalLabel,
  labelHidden,
  className,
  id,
  rows = 6,
  ...textarea
}: TextAreaFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame
      {...ids}
      label={label}
      hint={hint}
      error={error}
      optionalLabel={optionalLabel}
      labelHidden={labelHidden}
      className={className}
    >
      <textarea
        {...textarea}
        rows={rows}
        id={ids.fieldId}
        className="field__control field__control--textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectFieldProps = FieldChrome &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & {
    ref?: Ref<HTMLSelectElement>;
    options: readonly SelectOption[];
    /** Label of an empty first option (value ""), e.g. « — Choisir — ». */
    placeholder?: string;
  };

export function SelectField({
  label,
  hint,
  error,
  optionalLabel,
  labelHidden,
  className,
  id,
  options,
  placeholder,
  ...select
}: SelectFieldProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame
      {...ids}
      label={label}
      hint={hint}
      error={error}
      optionalLabel={optionalLabel}
      labelHidden={labelHidden}
      className={className}
    >
      <select
        {...select}
        id={ids.fieldId}
        className="field__control field__control--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

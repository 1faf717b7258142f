import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'danger';
export type ButtonSize = 'md' | 'sm';

export function buttonClassName(variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string): string {
  return ['btn', `btn--${variant}`, size === 'sm' ? 'btn--sm' : '', extra ?? ''].filter(Boolean).join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner and marks the button busy; the button stays focusable but inert. */
  busy?: boolean;
  icon?: ReactNode;
}

export function Button({
  variant = 'primary',
  size = 'md',
  busy = false,
  icon,
  className,
  children,
  type,
  disabled,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      className={buttonClassName(variant, size, className)}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={busy ? (event) => event.preventDefault() : onClick}
    >
      {busy ? (
        <span className="spinner spinner--inline" aria-hidden="true" />
      ) : icon ? (
        <span className="btn__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      {children}
    </button>
  );
}

export interface FormActionsProps {
  submitLabel: ReactNode;
  /** Without it, the form has no cancel button. */
  onCancel?: () => void;
  cancelLabel: ReactNode;
  busy?: boolean;
  size?: ButtonSize;
}

/** A form's submit button and, when it can be cancelled, its cancel button. */
export function FormActions({ submitLabel, onCancel, cancelLabel, busy, size }: FormActionsProps) {
  return (
    <div className="btn-group">
      <Button type="submit" size={size} busy={busy}>
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="secondary" size={size} onClick={onCancel}>
          {cancelLabel}
        </Button>
      ) : null}
    </div>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';

export type AlertType = 'error' | 'success' | 'info' | 'warning';

export interface AlertProps {
  type?: AlertType;
  title?: ReactNode;
  children?: ReactNode;
  /** Moves keyboard focus to the alert when it appears (for form submission errors). */
  focusOnMount?: boolean;
  className?: string;
}

/** Error alerts use role="alert" (assertive); the others role="status" (polite). */
export function Alert({ type = 'info', title, children, focusOnMount = false, className }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div
      ref={ref}
      className={['alert', `alert--${type}`, className ?? ''].filter(Boolean).join(' ')}
      role={type === 'error' ? 'alert' : 'status'}
      tabIndex={focusOnMount ? -1 : undefined}
    >
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}

/**
 * A polite live region that stays in the DOM so that screen readers announce each new message
 * (success of an action, progress). Renders nothing visible while empty.
 */
export function LiveMessage({ message, type = 'success' }: { message: string | null | undefined; type?: 'success' | 'info' }) {
  return (
    <div className={message ? `alert alert--${type} alert--compact` : 'sr-only'} role="status" aria-live="polite">
      {message}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner" aria-hidden={label ? undefined : true}>
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      {title ? <p className="empty-state__title">{title}</p> : null}
      {children ? <div className="empty-state__body">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

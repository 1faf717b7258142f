import { useEffect, useRef, type ReactNode } from 'react';

/** Sets `document.title` while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}

export function SkipLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a className="skip-link" href={href}>
      {children}
    </a>
  );
}

export function Container({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={['container', className ?? ''].filter(Boolean).join(' ')}>{children}</div>;
}

export interface PageHeaderProps {
  title: ReactNode;
  /** Small line above the title, e.g. the kind of item. */
  overline?: ReactNode;
  meta?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

export function PageHeader({ title, overline, meta, actions, children }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header__main">
        {overline ? <p className="page-header__overline">{overline}</p> : null}
        <h1 className="page-header__title" tabIndex={-1}>
          {title}
        </h1>
        {meta ? <div className="page-header__meta">{meta}</div> : null}
        {children}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

export function Section({
  title,
  titleId,
  children,
  className,
  actions,
}: {
  title: ReactNode;
  titleId?: string;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
}) {
  return (
    <section className={['section', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={titleId}>
      <div className="section__header">
        <h2 className="section__title" id={titleId}>
          {title}
        </h2>
        {actions ? <div className="section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export interface ConfirmPanelProps {
  message: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}

/**
 * Inline confirmation for destructive actions: takes focus when it appears, Escape cancels.
 * (Used instead of a modal so it needs no focus trap.)
 */
export function ConfirmPanel({ message, confirmLabel, cancelLabel, onConfirm, onCancel, busy }: ConfirmPanelProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
  }, []);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className="confirm-panel"
      role="group"
      aria-label={typeof message === 'string' ? message : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p className="confirm-panel__message">{message}</p>
      <div className="confirm-panel__actions">
        <button
          ref={confirmRef}
          type="button"
          className="btn btn--danger btn--sm"
          onClick={busy ? undefined : onConfirm}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
        <button type="button" className="btn btn--secondary btn--sm" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

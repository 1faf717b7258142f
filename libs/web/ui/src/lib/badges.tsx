import type { PlanStatus } from '@miroir/shared/contracts';
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'muted' | 'accent';

export function Badge({ tone = 'neutral', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={['badge', `badge--${tone}`, className ?? ''].filter(Boolean).join(' ')}>{children}</span>;
}

const STATUS_TONES: Record<PlanStatus, BadgeTone> = {
  draft: 'neutral',
  open: 'success',
  voting: 'accent',
  closed: 'muted',
};

/** Status of a plan or an axis; `label` is the translated status name. */
export function StatusBadge({ status, label }: { status: PlanStatus; label: string }) {
  return (
    <Badge tone={STATUS_TONES[status]} className={`badge--status-${status}`}>
      <span className="badge__dot" aria-hidden="true" />
      {label}
    </Badge>
  );
}

import type { SyncStatus } from '@miroir/shared/collab-client';
import { useTranslation } from '@miroir/web/i18n';

/**
 * « Enregistré » only once the server has acknowledged every change (committed in the
 * database), « Synchronisation… » while some are in flight, « Hors ligne » while disconnected.
 */
export function SyncStatusIndicator({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <p className={`sync-status sync-status--${status}`} role="status" aria-live="polite" aria-atomic="true">
      <span className="sync-status__dot" aria-hidden="true" />
      <span className="sync-status__text">{t(`proposal.status.${status}`)}</span>
    </p>
  );
}

import type { AppNotification } from '@miroir/shared/contracts';
import { isUnread, useMarkNotificationRead, useNotifications } from '@miroir/web/data-access';
import { useTranslation } from '@miroir/web/i18n';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { newestFirst } from './format';
import { NotificationItem } from './notification-item';
import './notifications.css';

export interface NotificationsMenuProps {
  /** How many of the latest notifications the panel lists; « Tout voir » leads to the rest. */
  limit?: number;
}

/**
 * The header's notifications button with the unread count, opening a disclosure panel (not a
 * menu: it holds links and text, and keeps the normal Tab order). Escape closes it and gives
 * focus back to the button; so does a click outside.
 */
export function NotificationsMenu({ limit = 8 }: NotificationsMenuProps) {
  const { t } = useTranslation();
  const id = useId();
  const panelId = `${id}-panel`;
  const titleId = `${id}-title`;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();

  const sorted = useMemo(() => newestFirst(notifications.data ?? []), [notifications.data]);
  const unread = sorted.filter(isUnread).length;
  const shown = sorted.slice(0, limit);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !rootRef.current?.contains(document.activeElement)) return;
      event.preventDefault();
      close(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) close(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open, close]);

  function onActivate(notification: AppNotification) {
    if (isUnread(notification)) markRead.mutate(notification.id);
    setOpen(false);
  }

  return (
    <div className="notifications-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn--tertiary btn--sm notifications-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button')}
        onClick={() => setOpen((current) => !current)}
      >
        {t('notifications.button')}
        {/* The space keeps the visible text (« Notifications 2 ») part of the accessible name (WCAG 2.5.3). */}
        {unread > 0 ? ' ' : null}
        {unread > 0 ? (
          <span className="notifications-menu__count" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
      <div id={panelId} className="notifications-menu__panel" hidden={!open}>
        <p className="notifications-menu__title" id={titleId}>
          {t('notifications.panel')}
        </p>
        {notifications.isPending ? (
          <p className="muted">{t('notifications.loading')}</p>
        ) : notifications.isError ? (
          <p className="muted">{t('notifications.unavailable')}</p>
        ) : shown.length === 0 ? (
          <p className="muted">{t('notifications.empty')}</p>
        ) : (
          <ul className="notification-list" aria-labelledby={titleId}>
            {shown.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onActivate={onActivate} />
            ))}
          </ul>
        )}
        <p className="notifications-menu__footer">
          <Link to="/notifications" onClick={() => setOpen(false)}>
            {t('notifications.seeAll')}
          </Link>
        </p>
      </div>
    </div>
  );
}

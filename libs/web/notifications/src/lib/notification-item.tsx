import type { AppNotification } from '@miroir/shared/contracts';
import { isUnread } from '@miroir/web/data-access';
import { useTranslation } from '@miroir/web/i18n';
import { Badge } from '@miroir/web/ui';
import { Link } from 'react-router';
import { formatDateTime, formatWhen, mentionHref } from './format';

export interface NotificationItemProps {
  notification: AppNotification;
  /** Called when the link is activated, before the router navigates (marks it read). */
  onActivate: (notification: AppNotification) => void;
  /** Shows the exact date instead of « il y a 5 minutes ». */
  absolute?: boolean;
}

/** One mention as a link to its thread: who, when, and whether it was read. */
export function NotificationItem({ notification, onActivate, absolute = false }: NotificationItemProps) {
  const { t, i18n } = useTranslation();
  const unread = isUnread(notification);
  const name = notification.payload.by.displayName ?? t('notifications.formerMember');
  const exact = formatDateTime(notification.createdAt, i18n.language);

  return (
    <li className={unread ? 'notification notification--unread' : 'notification'} data-notification-id={notification.id}>
      <Link className="notification__link" to={mentionHref(notification)} onClick={() => onActivate(notification)}>
        <span className="notification__text">{t('notifications.mention', { name })}</span>
        <span className="notification__meta">
          <time dateTime={notification.createdAt} title={exact}>
            {absolute ? exact : formatWhen(notification.createdAt, i18n.language)}
          </time>
          {unread ? <Badge tone="info">{t('notifications.unread')}</Badge> : null}
        </span>
      </Link>
    </li>
  );
}

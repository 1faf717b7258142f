import type { AppNotification } from '@miroir/shared/contracts';
import { isUnread, useMarkNotificationRead, useNotifications } from '@miroir/web/data-access';
import { errorMessage, errorTitle, useTranslation } from '@miroir/web/i18n';
import { Alert, EmptyState, LoadingState, PageHeader, usePageTitle } from '@miroir/web/ui';
import { useMemo } from 'react';
import { newestFirst } from './format';
import { NotificationItem } from './notification-item';
import './notifications.css';

/** `/notifications`: every mention of the signed-in user, newest first, with exact dates. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  usePageTitle(t('app.pageTitle', { page: t('notifications.title') }));

  const sorted = useMemo(() => newestFirst(notifications.data ?? []), [notifications.data]);
  const unread = sorted.filter(isUnread).length;

  function onActivate(notification: AppNotification) {
    if (isUnread(notification)) markRead.mutate(notification.id);
  }

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        meta={notifications.isSuccess && unread > 0 ? <span>{t('notifications.unreadCount', { count: unread })}</span> : null}
      />
      <p className="lead">{t('notifications.intro')}</p>
      {notifications.isPending ? (
        <LoadingState label={t('notifications.loading')} />
      ) : notifications.isError ? (
        <Alert type="error" title={errorTitle(t, notifications.error)}>
          {errorMessage(t, notifications.error)}
        </Alert>
      ) : sorted.length === 0 ? (
        <EmptyState title={t('notifications.empty')} />
      ) : (
        <ul className="notification-list notification-list--page" aria-label={t('notifications.title')}>
          {sorted.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onActivate={onActivate} absolute />
          ))}
        </ul>
      )}
    </>
  );
}

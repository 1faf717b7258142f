export { NotificationsMenu, type NotificationsMenuProps } from './lib/notifications-menu';
export { NotificationsPage } from './lib/notifications-page';

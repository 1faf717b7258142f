import type { AppNotification } from '@miroir/shared/contracts';
import { formatDate } from '@miroir/web/i18n';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Beyond a week, « il y a 12 jours » reads worse than the date itself. */
const RELATIVE_LIMIT = 7 * DAY;

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

/** The exact moment, e.g. « 3 février 2026 à 10:05 », for `title` and the notifications page. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/**
 * How long ago, in words (« il y a 5 minutes », « hier »), for the last seven days; the date
 * (« 3 février 2026 ») before that.
 */
export function formatWhen(iso: string, language: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const elapsed = Math.abs(seconds);
  if (elapsed >= RELATIVE_LIMIT) return formatDate(iso, language);
  const relative = new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto' });
  if (elapsed < MINUTE) return relative.format(0, 'second');
  if (elapsed < HOUR) return relative.format(Math.round(seconds / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(Math.round(seconds / HOUR), 'hour');
  return relative.format(Math.round(seconds / DAY), 'day');
}

/** Newest first, whatever order the server used. */
export function newestFirst(notifications: readonly AppNotification[]): AppNotification[] {
  return [...notifications].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Where a mention leads: the axis page, scrolled to the thread card (`id="thread-<threadId>"`). */
export function mentionHref(notification: AppNotification): string {
  return `/axes/${encodeURIComponent(notification.payload.axisId)}#thread-${encodeURIComponent(notification.payload.threadId)}`;
}

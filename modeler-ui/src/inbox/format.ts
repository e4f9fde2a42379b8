// How the inbox reads: the badge's number, an item's age, and where an item leads.
import type { RouteLocationRaw } from 'vue-router';
import type { InboxItem } from './api';

/** The badge's text: nothing at 0, the number up to 99, then "99+". */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  return unread > 99 ? '99+' : String(Math.floor(unread));
}

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A time as shown in China, to the minute (YYYY-MM-DD HH:mm, UTC+8). */
export function chinaDateTime(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Date(at + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前"; a week or more ago (or in the future), the date and time. */
export function relativeTime(iso: string, now: Date, t: Translate): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const ago = now.getTime() - at;
  if (ago < -MINUTE || ago >= 7 * DAY) return chinaDateTime(iso);
  if (ago < MINUTE) return t('inbox.time.justNow');
  if (ago < HOUR) return t('inbox.time.minutes', { n: Math.floor(ago / MINUTE) });
  if (ago < DAY) return t('inbox.time.hours', { n: Math.floor(ago / HOUR) });
  return t('inbox.time.days', { n: Math.floor(ago / DAY) });
}

/**
 * Where an item leads: its task; a failed delivery, the list of failed deliveries; otherwise nowhere
 * (there is no page of a case on its own, only of its tasks).
 */
export function inboxTarget(item: Pick<InboxItem, 'kind' | 'taskId' | 'petitionId'>): RouteLocationRaw | null {
  if (item.taskId) return { name: 'workbench-task', params: { id: item.taskId } };
  if (item.kind === 'delivery-failed') return { name: 'workbench-print-queue', query: { tab: 'failed' } };
  return null;
}

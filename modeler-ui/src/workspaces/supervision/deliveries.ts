// 告知书送达情况: the written notices of the units in the supervisor's reach, by delivery status
// (GET /api/notices). Supervisors watch; the sending unit resends from its print queue. How a notice
// reads (channel, status, moments) is shared with the workbench, in @/notices/presentation. Pure, so
// that it is tested on its own.
import type { NoticePage, NoticeStatus } from '@/notices/types';

/** The tabs, failures first: they are what a supervisor comes to see. */
export const DELIVERY_TABS: readonly NoticeStatus[] = ['failed', 'pending', 'sent', 'delivered'];

export function isDeliveryTab(value: unknown): value is NoticeStatus {
  return typeof value === 'string' && (DELIVERY_TABS as readonly string[]).includes(value);
}

/** Query string of GET /api/notices. */
export function deliveriesQuery(status: NoticeStatus, page: number, pageSize: number): string {
  return `?${new URLSearchParams({ status, page: String(page), pageSize: String(pageSize) }).toString()}`;
}

/** The answer as a page, whatever came back (an odd answer reads as an empty page, not a crash). */
export function asDeliveryPage(answer: unknown): NoticePage {
  const items = answer && typeof answer === 'object' && Array.isArray((answer as NoticePage).items) ? (answer as NoticePage).items : [];
  const total = answer && typeof answer === 'object' && typeof (answer as NoticePage).total === 'number' ? (answer as NoticePage).total : items.length;
  return { items, total };
}

// 告知书送达情况: the written notices of the units in the supervisor's reach, by delivery status
// (GET /api/notices). Supervisors watch; the sending unit resends from its print queue. Pure, so
// that it is tested on its own.

export type DeliveryChannel = 'sms' | 'email' | 'letter';
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'failed';

/** The tabs, failures first: they are what a supervisor comes to see. */
export const DELIVERY_TABS: readonly DeliveryStatus[] = ['failed', 'pending', 'sent', 'delivered'];

export function isDeliveryTab(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && (DELIVERY_TABS as readonly string[]).includes(value);
}

/** A notice as GET /api/notices lists it; the recipient comes masked to supervisors. */
export interface DeliveryNotice {
  id: string;
  kind: string;
  /** The document's title, in Chinese (信访事项受理告知书, …). */
  title: string;
  channel: DeliveryChannel | string;
  status: DeliveryStatus | string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  recipientName: string;
  recipientContact: string | null;
  printedAt: string | null;
  postedAt: string | null;
  registeredMailNumber: string | null;
  /** 送达 of a letter: when it reached the petitioner, and how. */
  servedAt?: string | null;
  serviceMethod?: 'in-person' | 'post' | null;
  documentUrl: string;
  petitionId: string;
  petitionNumber: string | null;
}

export interface DeliveryPage {
  items: DeliveryNotice[];
  total: number;
}

/** Query string of GET /api/notices. */
export function deliveriesQuery(status: DeliveryStatus, page: number, pageSize: number): string {
  return `?${new URLSearchParams({ status, page: String(page), pageSize: String(pageSize) }).toString()}`;
}

/** The answer as a page, whatever came back (an odd answer reads as an empty page, not a crash). */
export function asDeliveryPage(answer: unknown): DeliveryPage {
  const items = answer && typeof answer === 'object' && Array.isArray((answer as DeliveryPage).items) ? (answer as DeliveryPage).items : [];
  const total = answer && typeof answer === 'object' && typeof (answer as DeliveryPage).total === 'number' ? (answer as DeliveryPage).total : items.length;
  return { items, total };
}

const CHANNELS = ['sms', 'email', 'letter'];
const STATUSES = ['pending', 'sent', 'delivered', 'failed'];

/** The i18n key of the channel, or null for one the UI does not know (shown as the API names it). */
export function channelKey(channel: string): string | null {
  return CHANNELS.includes(channel) ? `supervision.deliveries.channels.${channel}` : null;
}

/**
 * The i18n key of a notice's status: a letter is printed and posted rather than sent and delivered
 * (待打印 / 已打印 / 已邮寄); null for a status the UI does not know.
 */
export function statusKey(channel: string, status: string): string | null {
  if (!STATUSES.includes(status)) return null;
  return `supervision.deliveries.statuses.${channel === 'letter' ? 'letter' : 'electronic'}.${status}`;
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** Red when it failed, green once it reached the petitioner (or the post office). */
export function statusTag(channel: string, status: string): TagType {
  switch (status) {
    case 'failed':
      return 'danger';
    case 'delivered':
      return 'success';
    case 'sent':
      return 'primary';
    case 'pending':
      // a letter waits for someone to print it; an SMS or e-mail goes out by itself
      return channel === 'letter' ? 'warning' : 'info';
    default:
      return 'info';
  }
}

/** Attempts count the SMS and e-mail gateway's tries; a letter is not "tried", so none are shown for it. */
export function showsAttempts(notice: Pick<DeliveryNotice, 'channel' | 'attempts'>): boolean {
  return notice.channel !== 'letter' && notice.attempts > 0;
}

export type MomentName = 'created' | 'sent' | 'delivered' | 'printed' | 'posted' | 'served' | 'failed';

export interface Moment {
  name: MomentName;
  at: string;
}

/** The moments of a notice worth showing, in the order they happen. */
export function deliveryMoments(n: DeliveryNotice): Moment[] {
  const moments: [MomentName, string | null | undefined][] =
    n.channel === 'letter'
      ? [
          ['created', n.createdAt],
          ['printed', n.printedAt],
          ['posted', n.postedAt],
          ['served', n.servedAt],
          ['failed', n.failedAt],
        ]
      : [
          ['created', n.createdAt],
          ['sent', n.sentAt],
          ['delivered', n.deliveredAt],
          ['failed', n.failedAt],
        ];
  return moments.filter((m): m is [MomentName, string] => !!m[1]).map(([name, at]) => ({ name, at }));
}

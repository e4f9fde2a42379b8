// Written notices to petitioners (告知书): how their channel and status read, the moments worth
// showing, and the rules of the resend form. Pure, so that they are tested on their own.
import { compactPhone, isEmail, isMobile } from './contact';
import type { FieldError, NoticeChannel, NoticeStatus, NoticeView, ResendBody } from './types';

export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['sms', 'email', 'letter'];
export const NOTICE_STATUSES: readonly NoticeStatus[] = ['pending', 'sent', 'delivered', 'failed'];

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/**
 * The i18n key of a notice's status: a letter is printed and posted rather than sent and delivered
 * (待打印 / 已打印 / 已邮寄); SMS and e-mail are 待发送 / 已发送 / 已送达 / 发送失败.
 */
export function statusKey(channel: string, status: string): string {
  return `workbench.notices.status.${channel === 'letter' ? 'letter' : 'electronic'}.${status}`;
}

export function channelKey(channel: string): string {
  return `workbench.notices.channel.${channel}`;
}

/** The way in words; a way the UI does not know yet is shown as the API names it. */
export function channelLabel(t: (key: string) => string, te: (key: string) => boolean, channel: string | null | undefined): string {
  if (!channel) return '';
  return te(channelKey(channel)) ? t(channelKey(channel)) : channel;
}

/** The colour of the status tag: red when it failed, green once it reached the petitioner (or the post). */
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

/** The moments of a notice worth showing, in order, as [i18n key, time]. */
export function noticeMoments(n: NoticeView): [string, string][] {
  const moments: [string, string | null][] =
    n.channel === 'letter'
      ? [
          ['workbench.notices.moment.created', n.createdAt],
          ['workbench.notices.moment.printed', n.printedAt],
          ['workbench.notices.moment.posted', n.postedAt],
          ['workbench.notices.moment.failed', n.failedAt],
        ]
      : [
          ['workbench.notices.moment.created', n.createdAt],
          ['workbench.notices.moment.sent', n.sentAt],
          ['workbench.notices.moment.delivered', n.deliveredAt],
          ['workbench.notices.moment.failed', n.failedAt],
        ];
  return moments.filter((m): m is [string, string] => !!m[1]);
}

export interface ResendInput {
  channel: NoticeChannel;
  phone: string;
  email: string;
}

export function resendInput(notice: Pick<NoticeView, 'channel'>): ResendInput {
  return { channel: notice.channel, phone: '', email: '' };
}

/**
 * The resend form's own check (messages are i18n keys). Sent again the same way, an empty contact
 * keeps the one on file; switched to SMS or e-mail, the new way needs its contact. A letter goes to
 * the address on file.
 */
export function resendProblems(input: ResendInput, originalChannel: NoticeChannel): FieldError[] {
  const problems: FieldError[] = [];
  const unchanged = input.channel === originalChannel;
  if (!NOTICE_CHANNELS.includes(input.channel)) problems.push({ field: 'channel', message: 'workbench.task.required' });
  if (input.channel === 'sms') {
    const phone = compactPhone(input.phone);
    if (!phone && !unchanged) problems.push({ field: 'phone', message: 'workbench.notices.resend.phoneRequired' });
    else if (phone && !isMobile(phone)) problems.push({ field: 'phone', message: 'workbench.notices.resend.phoneFormat' });
  }
  if (input.channel === 'email') {
    const email = input.email.trim();
    if (!email && !unchanged) problems.push({ field: 'email', message: 'workbench.notices.resend.emailRequired' });
    else if (email && !isEmail(email)) problems.push({ field: 'email', message: 'workbench.notices.resend.emailFormat' });
  }
  return problems;
}

/** The body of POST /api/notices/:id/resend: the channel, and only the contact that channel uses. */
export function resendBody(input: ResendInput): ResendBody {
  const body: ResendBody = { channel: input.channel };
  if (input.channel === 'sms' && input.phone.trim()) body.phone = compactPhone(input.phone);
  if (input.channel === 'email' && input.email.trim()) body.email = input.email.trim();
  return body;
}

/** A registered-mail (挂号信) number as the post office prints it: letters and digits, 8 to 30 of them. */
export function normalizeMailNumber(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

export function mailNumberProblem(value: string): string | null {
  const number = normalizeMailNumber(value);
  if (!number) return 'workbench.printQueue.mailNumberRequired';
  if (!/^[A-Z0-9]{8,30}$/.test(number)) return 'workbench.printQueue.mailNumberFormat';
  return null;
}

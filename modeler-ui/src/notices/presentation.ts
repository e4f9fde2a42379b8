// How a written notice (告知书) reads wherever it is shown: its channel and status in words and
// colour, the moments worth showing and whether its attempts are. One set of rules for the workbench
// (a case's notices, the print queue) and supervision (deliveries across units), so that the two
// never tell a notice's state differently. Pure, so that it is tested on its own.
import type { NoticeChannel, NoticeStatus, NoticeView } from './types';

export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['sms', 'email', 'letter'];
export const NOTICE_STATUSES: readonly NoticeStatus[] = ['pending', 'sent', 'delivered', 'failed'];

/** vue-i18n's `t` and `te`, passed in so that the rules stay free of any component. */
export type Translate = (key: string) => string;
export type HasKey = (key: string) => boolean;

/** The i18n key of a channel; a channel the UI does not know yet has no words (see `channelLabel`). */
export function channelKey(channel: string): string {
  return `notices.channel.${channel}`;
}

/**
 * The i18n key of a notice's status: a letter is printed and posted rather than sent and delivered
 * (待打印 / 已打印 / 已邮寄/送达); SMS and e-mail are 待发送 / 已发送 / 已送达 / 发送失败.
 */
export function statusKey(channel: string, status: string): string {
  return `notices.status.${channel === 'letter' ? 'letter' : 'electronic'}.${status}`;
}

/** The words of the first key the catalogue has; else the value as the API names it, rather than a key. */
function wordsOf(t: Translate, te: HasKey, key: string, fallback: string): string {
  return te(key) ? t(key) : fallback;
}

/** The way in words; a way the UI does not know yet is shown as the API names it. */
export function channelLabel(t: Translate, te: HasKey, channel: string | null | undefined): string {
  if (!channel) return '';
  return wordsOf(t, te, channelKey(channel), channel);
}

/** The status in words; a status the UI does not know yet is shown as the API names it. */
export function statusLabel(t: Translate, te: HasKey, channel: string, status: string): string {
  return wordsOf(t, te, statusKey(channel, status), status);
}

/** The colours of Element Plus' tags. */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

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

/** Attempts count the SMS and e-mail gateway's tries; a letter is not "tried", so none are shown for it. */
export function showsAttempts(notice: Pick<NoticeView, 'channel' | 'attempts'>): boolean {
  return notice.channel !== 'letter' && notice.attempts > 0;
}

export type MomentName = 'created' | 'sent' | 'delivered' | 'printed' | 'posted' | 'served' | 'failed';
export const MOMENT_NAMES: readonly MomentName[] = ['created', 'sent', 'delivered', 'printed', 'posted', 'served', 'failed'];

export interface Moment {
  name: MomentName;
  at: string;
}

type Timed = Pick<NoticeView, 'channel' | 'createdAt' | 'sentAt' | 'deliveredAt' | 'failedAt' | 'printedAt' | 'postedAt'> & {
  servedAt?: string | null;
};

/**
 * The moments of a notice that happened, in the order they happen: a letter is printed, posted and
 * served; an SMS or e-mail is sent and delivered. The times stay as the API sends them: how to show
 * one (see `shownAsDay`) is for whoever renders it.
 */
export function noticeMoments(n: Timed): Moment[] {
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

/**
 * A service is recorded by its day; the instant the API keeps (noon of that day) is a stand-in, so
 * it is shown as a day, never with a time no one recorded.
 */
export function shownAsDay(name: MomentName): boolean {
  return name === 'served';
}

/** The i18n key naming a moment ("生成时间"), the label before its time. */
export function momentKey(name: MomentName): string {
  return `notices.moment.${name}`;
}


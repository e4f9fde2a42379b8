// The workbench's own rules for written notices (告知书): the resend form (更正并重发) and the
// service form (送达登记), which only the sending unit fills in. How a notice reads (channel, status,
// moments) is shared with supervision, in @/notices/presentation. Pure, so that they are tested on
// their own.
import { NOTICE_CHANNELS } from '@/notices/presentation';
import type { NoticeChannel, NoticeServiceMethod, NoticeView } from '@/notices/types';
import { compactPhone, isEmail, isMobile } from './contact';
import { chinaToday } from './logic';
import type { FieldError, ResendBody, ServedBody } from './types';

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

// ---- 送达登记: the day a printed letter reached the petitioner ----

export const NOTICE_SERVICE_METHODS: readonly NoticeServiceMethod[] = ['in-person', 'post'];

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The day of an instant in China (YYYY-MM-DD, UTC+8); null when there is none or it cannot be read. */
export function chinaDateOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar day written YYYY-MM-DD that exists (2026-02-30 does not). */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls a day that does not exist over into the next month
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Only a printed (已打印) or posted (已邮寄) letter is served by hand or by post; SMS and e-mail prove their own delivery. */
export function canServe(n: Pick<NoticeView, 'channel' | 'status'>): boolean {
  return n.channel === 'letter' && (n.status === 'sent' || n.status === 'delivered');
}

/** The API's default: a posted letter arrived by post, one not posted was handed over. */
export function defaultServiceMethod(n: Pick<NoticeView, 'postedAt'>): NoticeServiceMethod {
  return n.postedAt ? 'post' : 'in-person';
}

export interface ServiceRange {
  earliest: string;
  latest: string;
}

/**
 * The days a letter can have been served on (China time, inclusive), the API's rule: not before it
 * left the desk (posted, for post; printed, in person) and not after today. Null when the method is
 * not open to the letter: by post before it was posted.
 */
export function serviceRange(
  n: Pick<NoticeView, 'createdAt' | 'printedAt' | 'postedAt'>,
  method: NoticeServiceMethod,
  now: Date = new Date(),
): ServiceRange | null {
  // the API falls back to the creation when a letter has no printing on record
  const leftDesk = method === 'post' ? n.postedAt : (n.printedAt ?? n.createdAt);
  const earliest = chinaDateOf(leftDesk);
  return earliest ? { earliest, latest: chinaToday(now) } : null;
}

/** Whether a day lies outside the range (every day does when there is no range). */
export function outsideRange(day: string, range: ServiceRange | null): boolean {
  return !range || day < range.earliest || day > range.latest;
}

export interface ServedInput {
  servedOn: string;
  method: NoticeServiceMethod;
}

/**
 * The service form as it opens. The day stays empty until the clerk enters it (or shows the day
 * already recorded): it moves the petitioner's legal windows, so a guessed "today" must not slip through.
 */
export function servedInput(n: Pick<NoticeView, 'postedAt' | 'servedAt' | 'serviceMethod'>): ServedInput {
  const method = n.serviceMethod === 'post' && !n.postedAt ? 'in-person' : (n.serviceMethod ?? defaultServiceMethod(n));
  return { servedOn: chinaDateOf(n.servedAt) ?? '', method };
}

/**
 * The service form's own check (messages are i18n keys; `workbench.printQueue.service.dateRange`
 * names the range, see `serviceRange`). The API checks again and its message wins.
 */
export function servedProblems(
  input: ServedInput,
  n: Pick<NoticeView, 'channel' | 'status' | 'createdAt' | 'printedAt' | 'postedAt'>,
  now: Date = new Date(),
): FieldError[] {
  const problems: FieldError[] = [];
  const method = (message: string) => problems.push({ field: 'method', message });
  if (!canServe(n)) method('workbench.printQueue.service.notPrinted');
  else if (!NOTICE_SERVICE_METHODS.includes(input.method)) method('workbench.task.required');
  else if (input.method === 'post' && !n.postedAt) method('workbench.printQueue.service.notPosted');
  const day = input.servedOn.trim();
  if (!day) problems.push({ field: 'servedOn', message: 'workbench.printQueue.service.dateRequired' });
  else if (!isCalendarDay(day)) problems.push({ field: 'servedOn', message: 'workbench.printQueue.service.dateFormat' });
  // without a usable method there is no range to name: the method's problem says what is wrong
  else if (!problems.length && outsideRange(day, serviceRange(n, input.method, now))) {
    problems.push({ field: 'servedOn', message: 'workbench.printQueue.service.dateRange' });
  }
  return problems;
}

/** The body of POST /api/notices/:id/served; the method always sent, so the API never has to guess it. */
export function servedBody(input: ServedInput): ServedBody {
  return { servedOn: input.servedOn.trim(), method: input.method };
}

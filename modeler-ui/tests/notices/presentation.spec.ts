import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import {
  channelKey,
  channelLabel,
  MOMENT_NAMES,
  momentKey,
  NOTICE_CHANNELS,
  NOTICE_STATUSES,
  noticeMoments,
  shownAsDay,
  showsAttempts,
  statusKey,
  statusLabel,
  statusTag,
} from '@/notices/presentation';
import { expectInBothCatalogues } from '../helpers/catalogues';
import { listedOf, noticeOf } from '../helpers/notices';

// How a written notice (告知书) reads on every page that shows one: the workbench's case notices and
// print queue, and the supervisors' deliveries.

const t = (key: string) => i18n.global.t(key);
const te = (key: string) => i18n.global.te(key);
afterEach(() => {
  i18n.global.locale.value = DEFAULT_LOCALE;
});

/** A letter printed on 11-21 and posted the same day, as a list across cases has it. */
const POSTED = listedOf({
  id: 'n2',
  kind: 'reply',
  channel: 'letter',
  attempts: 0,
  sentAt: null,
  deliveredAt: '2026-11-21T03:00:00.000Z',
  printedAt: '2026-11-21T01:00:00.000Z',
  postedAt: '2026-11-21T03:00:00.000Z',
  registeredMailNumber: 'XA123456789CN',
});

describe('the status of a notice', () => {
  it('reads 待发送 / 已发送 / 已送达 / 发送失败 for SMS and e-mail, 待打印 / 已打印 / 已邮寄/送达 for letters', () => {
    // given each status of each channel
    // when it is put in words
    const label = (channel: string, status: string) => statusLabel(t, te, channel, status);
    // then a letter reads as the print room says it
    expect(NOTICE_STATUSES.map((s) => label('sms', s))).toEqual(['待发送', '已发送', '已送达', '发送失败']);
    expect(NOTICE_STATUSES.map((s) => label('email', s))).toEqual(['待发送', '已发送', '已送达', '发送失败']);
    expect(NOTICE_STATUSES.map((s) => label('letter', s))).toEqual(['待打印', '已打印', '已邮寄/送达', '发送失败']);
  });

  it('has one key per status and kind of channel, and a status the UI does not know shown as the API names it', () => {
    // given a letter, an SMS and a status the API may add later
    // when / then
    expect(statusKey('letter', 'pending')).toBe('notices.status.letter.pending');
    expect(statusKey('sms', 'delivered')).toBe('notices.status.electronic.delivered');
    expect(statusKey('email', 'delivered')).toBe(statusKey('sms', 'delivered'));
    expect(statusLabel(t, te, 'sms', 'bounced')).toBe('bounced');
  });

  it('is coloured red when it failed, green once it arrived, orange for a letter to print', () => {
    // given each status
    // when it is coloured
    // then an SMS waiting goes out by itself (grey) while a letter waits for someone (orange)
    expect(statusTag('sms', 'failed')).toBe('danger');
    expect(statusTag('email', 'delivered')).toBe('success');
    expect(statusTag('letter', 'delivered')).toBe('success');
    expect(statusTag('sms', 'sent')).toBe('primary');
    expect(statusTag('sms', 'pending')).toBe('info');
    expect(statusTag('letter', 'pending')).toBe('warning');
    expect(statusTag('sms', 'unknown')).toBe('info');
  });
});

describe('the channel of a notice', () => {
  it('reads 短信 / 电子邮件 / 邮寄, and a channel the UI does not know as the API names it', () => {
    // given the known channels, one the API may add later and none
    // when they are put in words
    // then
    expect(NOTICE_CHANNELS.map((c) => channelLabel(t, te, c))).toEqual(['短信', '电子邮件', '邮寄']);
    expect(channelKey('email')).toBe('notices.channel.email');
    expect(channelLabel(t, te, 'fax')).toBe('fax');
    expect(channelLabel(t, te, null)).toBe('');
  });

});

describe('the moments of a notice', () => {
  it('are those that happened, in order: an SMS sent and delivered, a letter printed, posted and served', () => {
    // given an SMS delivered, and a letter posted and then served
    const served = { ...POSTED, status: 'delivered' as const, servedAt: '2026-11-25T04:00:00.000Z', serviceMethod: 'post' as const };
    // when their moments are listed
    // then only those with a time, as the API sent it
    expect(noticeMoments(noticeOf()).map((m) => m.name)).toEqual(['created', 'sent', 'delivered']);
    expect(noticeMoments(POSTED)).toEqual([
      { name: 'created', at: '2026-11-20T02:00:00.000Z' },
      { name: 'printed', at: '2026-11-21T01:00:00.000Z' },
      { name: 'posted', at: '2026-11-21T03:00:00.000Z' },
    ]);
    expect(noticeMoments(served).at(-1)).toEqual({ name: 'served', at: '2026-11-25T04:00:00.000Z' });
  });

  it('end in the failure when it failed, and never show a letter’s delivery twice', () => {
    // given an SMS that failed, and a posted letter whose delivery time is its posting
    const failed = noticeOf({ status: 'failed', sentAt: null, deliveredAt: null, failedAt: '2026-11-20T03:00:00.000Z' });
    // when / then
    expect(noticeMoments(failed).map((m) => m.name)).toEqual(['created', 'failed']);
    expect(noticeMoments(POSTED).map((m) => m.name)).not.toContain('delivered');
  });

  it('show the day of service only, since no one records its hour', () => {
    // given every moment
    // when asked which is shown as a day
    // then only the service
    expect(MOMENT_NAMES.filter(shownAsDay)).toEqual(['served']);
  });

  it('are named as a time (生成时间), the label before it', () => {
    expect([t(momentKey('created')), t(momentKey('served'))]).toEqual(['生成时间', '送达时间']);
  });
});

describe('the attempts of a notice', () => {
  it('are shown for an SMS or e-mail that was tried, never for a letter', () => {
    // given an SMS tried three times, one not tried yet, and a letter
    // when / then
    expect(showsAttempts(noticeOf({ attempts: 3 }))).toBe(true);
    expect(showsAttempts(noticeOf({ attempts: 0 }))).toBe(false);
    expect(showsAttempts({ channel: 'letter', attempts: 2 })).toBe(false);
  });
});

describe('the words of notices', () => {
  it('have every key built at run time in both languages (the catalogue test sees only literal keys)', () => {
    // given every key the rules build
    const keys = [
      ...NOTICE_CHANNELS.flatMap((c) => [channelKey(c), ...NOTICE_STATUSES.map((s) => statusKey(c, s))]),
      ...MOMENT_NAMES.map(momentKey),
    ];
    // when each is looked up in either catalogue
    // then it is a message in both
    expectInBothCatalogues(keys);
  });
});

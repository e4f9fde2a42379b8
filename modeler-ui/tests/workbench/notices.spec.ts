// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { i18n } from '@/i18n';
import type { NoticeView } from '@/notices/types';
import CaseNotices from '@/workspaces/workbench/components/CaseNotices.vue';
import {
  canServe,
  chinaDateOf,
  defaultServiceMethod,
  isCalendarDay,
  mailNumberProblem,
  NOTICE_SERVICE_METHODS,
  normalizeMailNumber,
  outsideRange,
  resendBody,
  resendProblems,
  servedBody,
  servedInput,
  servedProblems,
  serviceRange,
} from '@/workspaces/workbench/notices';
import { QUEUE_TABS } from '@/workspaces/workbench/components/use-print-queue';
import { CONTACT_PREFERENCES } from '@/workspaces/workbench/registration';
import { expectInBothCatalogues } from '../helpers/catalogues';
import { noticeOf } from '../helpers/notices';
import { json, settle, until, usePageTests } from '../helpers/page';
import { pdf, stubTabs } from '../helpers/pdf';
import { mountTaskPage, petitionOf, posts, ROOM1_HANDLER, signIn, stubApi, taskOf } from '../helpers/workbench';

// 告知书: the written notices to the petitioner on the task page, their status and the resend.

usePageTests();

// How a notice's channel, status and moments read is shared with supervision: tests/notices/presentation.spec.ts.
describe('the words of the workbench’s notices', () => {
  it('have every key built at run time in both languages (the catalogue test sees only literal keys)', () => {
    const keys = [
      ...QUEUE_TABS.flatMap((tab) => [`workbench.printQueue.tabs.${tab}`, `workbench.printQueue.empty.${tab}`]),
      ...CONTACT_PREFERENCES.map((c) => `workbench.register.preference.${c}`),
      ...['task', 'reminder', 'supervision', 'discipline', 'delivery-failed'].map((k) => `inbox.kinds.${k}`),
      ...NOTICE_SERVICE_METHODS.map((m) => `workbench.printQueue.service.methods.${m}`),
      ...['notPrinted', 'notPosted', 'dateRequired', 'dateFormat', 'dateRange'].map((k) => `workbench.printQueue.service.${k}`),
    ];
    expectInBothCatalogues(keys);
  });
});

describe('the resend form rules', () => {
  it('keep the contact on file when the way is unchanged, and need a new one when it changes', () => {
    const fields = (input: Parameters<typeof resendProblems>[0], was: 'sms' | 'email' | 'letter') => resendProblems(input, was).map((p) => `${p.field}:${p.message.split('.').pop()}`);
    expect(fields({ channel: 'sms', phone: '', email: '' }, 'sms')).toEqual([]);
    expect(fields({ channel: 'sms', phone: '', email: '' }, 'email')).toEqual(['phone:phoneRequired']);
    expect(fields({ channel: 'sms', phone: '0571-88886666', email: '' }, 'sms')).toEqual(['phone:phoneFormat']);
    expect(fields({ channel: 'sms', phone: '138 0013 8000', email: '' }, 'letter')).toEqual([]);
    expect(fields({ channel: 'email', phone: '', email: '' }, 'email')).toEqual([]);
    expect(fields({ channel: 'email', phone: '', email: '' }, 'sms')).toEqual(['email:emailRequired']);
    expect(fields({ channel: 'email', phone: '', email: 'zhang@example' }, 'sms')).toEqual(['email:emailFormat']);
    expect(fields({ channel: 'email', phone: '', email: `${'a'.repeat(250)}@x.cn` }, 'sms')).toEqual(['email:emailFormat']);
    expect(fields({ channel: 'letter', phone: 'junk', email: 'junk' }, 'sms')).toEqual([]);
  });

  it('send the channel and only the contact it uses', () => {
    expect(resendBody({ channel: 'sms', phone: ' 138 0013 8000 ', email: 'x@y.cn' })).toEqual({ channel: 'sms', phone: '13800138000' });
    expect(resendBody({ channel: 'email', phone: '13800138000', email: ' zhang@example.cn ' })).toEqual({ channel: 'email', email: 'zhang@example.cn' });
    expect(resendBody({ channel: 'sms', phone: '', email: '' })).toEqual({ channel: 'sms' });
    expect(resendBody({ channel: 'letter', phone: '13800138000', email: '' })).toEqual({ channel: 'letter' });
  });

  it('check a registered-mail number', () => {
    expect(mailNumberProblem('')).toBe('workbench.printQueue.mailNumberRequired');
    expect(mailNumberProblem('12-34')).toBe('workbench.printQueue.mailNumberFormat');
    expect(mailNumberProblem('xa 1234 5678 9cn')).toBeNull();
    expect(normalizeMailNumber('xa 1234-5678 9cn')).toBe('XA123456789CN');
  });
});

// 送达登记: printed 2026-11-21 09:00 and posted 2026-11-24 01:30 in China (the latter still 11-23 in UTC).
const PRINTED = noticeOf({ id: 'n7', kind: 'reply', channel: 'letter', status: 'sent', sentAt: null, deliveredAt: null, printedAt: '2026-11-21T01:00:00.000Z' });
const POSTED = { ...PRINTED, status: 'delivered' as const, postedAt: '2026-11-23T17:30:00.000Z', registeredMailNumber: 'XA123456789CN' };
/** 2026-11-29 11:00 in China. */
const NOV_29 = new Date('2026-11-29T03:00:00.000Z');
const problemsOf = (servedOn: string, method: 'in-person' | 'post', notice: NoticeView, now = NOV_29) =>
  servedProblems({ servedOn, method }, notice, now).map((p) => `${p.field}:${p.message.split('.').pop()}`);

describe('the service date of a letter', () => {
  it('counts from the posting for a posted letter and from the printing for one handed over', () => {
    // given a letter printed on 11-21 and posted on 11-24 (China time)
    // when the range is asked for by post and in person on 11-29
    const byPost = serviceRange(POSTED, 'post', NOV_29);
    const inPerson = serviceRange(POSTED, 'in-person', NOV_29);
    // then by post it starts on the posting day, in person on the printing day, both end today
    expect(byPost).toEqual({ earliest: '2026-11-24', latest: '2026-11-29' });
    expect(inPerson).toEqual({ earliest: '2026-11-21', latest: '2026-11-29' });
  });

  it('has no range by post before the letter is posted, and falls back to the creation without a printing', () => {
    // given a printed letter not posted, and one with no printing on record
    const unprinted = { ...PRINTED, printedAt: null };
    // when / then
    expect(serviceRange(PRINTED, 'post', NOV_29)).toBeNull();
    expect(serviceRange(unprinted, 'in-person', NOV_29)).toEqual({ earliest: '2026-11-20', latest: '2026-11-29' });
    expect(outsideRange('2026-11-25', null)).toBe(true);
  });

  it('takes today as China has it, a day ahead of UTC after 16:00 UTC', () => {
    // given the moments either side of midnight in China
    const before = new Date('2026-11-29T15:59:59.000Z');
    const after = new Date('2026-11-29T17:00:00.000Z');
    // when the range ends
    // then 2026-11-29T17:00Z is already 11-30 in China, and 11-30 is a day it can be served on
    expect(serviceRange(POSTED, 'post', before)?.latest).toBe('2026-11-29');
    expect(serviceRange(POSTED, 'post', after)?.latest).toBe('2026-11-30');
    expect(problemsOf('2026-11-30', 'post', POSTED, before)).toEqual(['servedOn:dateRange']);
    expect(problemsOf('2026-11-30', 'post', POSTED, after)).toEqual([]);
    // the posting at 17:30 UTC on 11-23 was 11-24 in China
    expect(chinaDateOf(POSTED.postedAt)).toBe('2026-11-24');
    expect(chinaDateOf('not a time')).toBeNull();
  });

  it('refuses a day outside the range and accepts its ends', () => {
    // given a posted letter, on 11-29
    // when the day is before the posting, after today, or either end
    // then only the ends and the days between pass
    expect(problemsOf('2026-11-23', 'post', POSTED)).toEqual(['servedOn:dateRange']);
    expect(problemsOf('2026-11-30', 'post', POSTED)).toEqual(['servedOn:dateRange']);
    expect(problemsOf('2026-11-24', 'post', POSTED)).toEqual([]);
    expect(problemsOf('2026-11-29', 'post', POSTED)).toEqual([]);
    // handed over in person, the printing day is the first
    expect(problemsOf('2026-11-21', 'in-person', PRINTED)).toEqual([]);
    expect(problemsOf('2026-11-20', 'in-person', PRINTED)).toEqual(['servedOn:dateRange']);
  });

  it('refuses a malformed or non-existent day, and asks for a missing one', () => {
    // given days that are not days
    // when / then
    expect(problemsOf('', 'post', POSTED)).toEqual(['servedOn:dateRequired']);
    expect(problemsOf('   ', 'post', POSTED)).toEqual(['servedOn:dateRequired']);
    for (const day of ['2026-02-30', '2026-11-31', '2026/11/25', '26-11-25', '2026-11-5', 'tomorrow']) {
      expect(problemsOf(day, 'post', POSTED), day).toEqual(['servedOn:dateFormat']);
    }
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
  });

  it('refuses service by post before the posting, and any service of an SMS or of a letter not printed', () => {
    // given a printed letter not posted, a letter still to print, and an SMS
    const toPrint = { ...PRINTED, status: 'pending' as const, printedAt: null };
    // when / then: the method says why, and no range is named for it
    expect(problemsOf('2026-11-25', 'post', PRINTED)).toEqual(['method:notPosted']);
    expect(problemsOf('2026-11-25', 'in-person', toPrint)).toEqual(['method:notPrinted']);
    expect(problemsOf('2026-11-25', 'in-person', noticeOf())).toEqual(['method:notPrinted']);
    expect([canServe(PRINTED), canServe(POSTED), canServe(toPrint), canServe(noticeOf())]).toEqual([true, true, false, false]);
  });

  it('opens on the API default method with the day already recorded, and sends the method always', () => {
    // given a posted letter, a printed one, and one already served
    const served = { ...POSTED, servedAt: '2026-11-25T04:00:00.000Z', serviceMethod: 'post' as const };
    // when the form opens / is sent
    // then
    expect(defaultServiceMethod(POSTED)).toBe('post');
    expect(defaultServiceMethod(PRINTED)).toBe('in-person');
    expect(servedInput(POSTED)).toEqual({ servedOn: '', method: 'post' });
    expect(servedInput(PRINTED)).toEqual({ servedOn: '', method: 'in-person' });
    expect(servedInput(served)).toEqual({ servedOn: '2026-11-25', method: 'post' });
    expect(servedBody({ servedOn: ' 2026-11-25 ', method: 'post' })).toEqual({ servedOn: '2026-11-25', method: 'post' });
  });
});

const FAILED = noticeOf({
  id: 'n2',
  kind: 'reply',
  title: '处理意见书',
  channel: 'email',
  status: 'failed',
  attempts: 3,
  lastError: '550 mailbox unavailable',
  sentAt: null,
  deliveredAt: null,
  failedAt: '2026-11-22T02:00:00.000Z',
  recipientContact: 'z***@example.cn',
});
const LETTER = noticeOf({ id: 'n3', channel: 'letter', status: 'pending', sentAt: null, deliveredAt: null, recipientContact: null });

async function mountNotices(resend: (body: unknown) => Response) {
  signIn(ROOM1_HANDLER);
  const calls = stubApi((url, init, body) => {
    if (url === '/api/petitions/p1/notices') return json(200, [noticeOf(), FAILED, LETTER]);
    if (url === '/api/notices/n2/resend' && init?.method === 'POST') return resend(body);
    if (url === '/api/notices/n1/document.pdf') return pdf();
    return undefined;
  });
  const wrapper = mount(CaseNotices, { props: { petitionId: 'p1', petitionNumber: 'XF-990102-2026-000001' }, global: { plugins: [i18n] }, attachTo: document.body });
  await until(() => expect(wrapper.find('[data-testid="notice-status-n1"]').exists()).toBe(true));
  return { wrapper, calls };
}

const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="resend-dialog"]');
const statusText = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="notice-status-${id}"]`).text();

describe('the notices of a case', () => {
  it('lists each notice with its masked contact, way, status, attempts and last error', async () => {
    const { wrapper } = await mountNotices(() => json(500, {}));
    const table = wrapper.get('[data-testid="case-notices-table"]').text();
    expect(table).toContain('受理告知书');
    expect(table).toContain('138****8000');
    expect(table).toContain('已尝试 3 次');
    // the moments that happened, each named as a time, in China time
    expect(table).toContain('生成时间：2026-11-20 10:00');
    expect(table).toContain('送达时间：2026-11-20 10:00');
    expect(table).toContain('失败时间：2026-11-22 10:00');
    expect(statusText(wrapper, 'n1')).toBe('已送达');
    expect(statusText(wrapper, 'n2')).toBe('发送失败');
    expect(statusText(wrapper, 'n3')).toBe('待打印');
    expect(wrapper.get('[data-testid="notice-error-n2"]').text()).toBe('550 mailbox unavailable');
    expect(wrapper.get('[data-testid="case-notices-failed"]').text()).toBe('1 份发送失败');
    // only the failed one can be resent
    expect(wrapper.findAll('[data-testid^="notice-resend-"]').map((b) => b.attributes('data-testid'))).toEqual(['notice-resend-n2']);

    // folds away
    const toggle = wrapper.get('[data-testid="case-notices-toggle"]');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(wrapper.get('#case-notices-body').isVisible()).toBe(false);
    wrapper.unmount();
  });

  it('corrects the contact of a failed notice: checks it, shows the API field error beside the field, then resends and refreshes the row', async () => {
    const answers = [
      () => json(400, { message: '参数错误', errors: [{ field: 'phone', message: '该号码已停机' }] }),
      () => json(201, { ...FAILED, channel: 'sms', status: 'pending', attempts: 0, lastError: null, failedAt: null, recipientContact: '139****9000' }),
    ];
    const { wrapper, calls } = await mountNotices(() => answers.shift()!());
    await wrapper.get('[data-testid="notice-resend-n2"]').trigger('click');
    await until(() => expect(dialog()?.querySelector('[data-testid="resend-form"]')).toBeTruthy());
    expect(dialog()!.textContent).toContain('550 mailbox unavailable');
    const form = wrapper.findComponent({ name: 'NoticeResendDialog' });
    const state = (form.vm as unknown as { $: { setupState: { form: { channel: string; phone: string } } } }).$.setupState.form;

    // switched to SMS without a number, then with a landline
    state.channel = 'sms';
    await settle();
    const submit = async () => {
      dialog()!.querySelector('form')!.dispatchEvent(new Event('submit'));
      await settle();
    };
    await submit();
    await until(() => expect(dialog()!.textContent).toContain('改用短信时请填写手机号码'));
    state.phone = '0571-88886666';
    await submit();
    await until(() => expect(dialog()!.textContent).toContain('请填写11位手机号码'));
    expect(posts(calls)).toEqual([]);

    // the API refuses the number: its message beside the field
    state.phone = '139 0013 9000';
    await submit();
    await until(() => expect(dialog()!.querySelector('.el-form-item__error')?.textContent).toContain('该号码已停机'));
    expect(posts(calls)).toEqual([['/api/notices/n2/resend', { channel: 'sms', phone: '13900139000' }]]);

    await submit();
    await until(() => expect(statusText(wrapper, 'n2')).toBe('待发送'));
    expect(posts(calls)).toHaveLength(2);
    expect(wrapper.find('[data-testid="notice-resend-n2"]').exists()).toBe(false);
    expect(document.body.textContent).toContain('已重新发送');
    wrapper.unmount();
  });

  it('opens the PDF in a new tab, fetched with the token in the header, never in the URL', async () => {
    const { wrapper, calls } = await mountNotices(() => json(500, {}));
    const tabs = stubTabs();
    const fetchSpy = globalThis.fetch as unknown as { mock: { calls: [string, RequestInit][] } };
    await wrapper.get('[data-testid="notice-pdf-n1"]').trigger('click');
    await until(() => expect(tabs.tab.location.href).toBe('blob:pdf-1'));
    expect(tabs.open).toHaveBeenCalledWith('', '_blank');
    const pdfCall = fetchSpy.mock.calls.find(([url]) => url === '/api/notices/n1/document.pdf')!;
    expect((pdfCall[1].headers as Record<string, string>).Authorization).toBe('Bearer token');
    expect(calls.filter((c) => c.url.includes('document.pdf')).every((c) => !c.url.includes('token'))).toBe(true);
    wrapper.unmount();
  });

  it('downloads the PDF when the browser blocks the new tab', async () => {
    const { wrapper } = await mountNotices(() => json(500, {}));
    const tabs = stubTabs(true);
    await wrapper.get('[data-testid="notice-pdf-n1"]').trigger('click');
    await until(() => expect(tabs.downloads).toEqual(['XF-990102-2026-000001-受理告知书.pdf']));
    await until(() => expect(document.body.textContent).toContain('PDF 已下载'));
    wrapper.unmount();
  });
});

describe('the task page', () => {
  it('shows the case notices as a section of its own', async () => {
    signIn(ROOM1_HANDLER);
    stubApi((url) => {
      if (url === '/api/tasks/t1') return json(200, taskOf('handle-petition'));
      if (url === '/api/tasks/t1/form') return json(200, { kind: 'step' });
      if (url === '/api/petitions/p1') return json(200, petitionOf());
      if (url === '/api/petitions/p1/notices') return json(200, [LETTER]);
      return undefined;
    });
    const { wrapper } = await mountTaskPage('t1');
    await until(() => expect(wrapper.find('[data-testid="notice-status-n3"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="case-notices"]').text()).toContain('告知书送达');
    expect(wrapper.get('[data-testid="notice-status-n3"]').text()).toBe('待打印');
    wrapper.unmount();
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import type { ListedNotice, NoticeView } from '@/notices/types';
import { navFor } from '@/workspaces/types';
import { workbenchWorkspace } from '@/workspaces/workbench';
import ServedDialog from '@/workspaces/workbench/components/ServedDialog.vue';
import PrintQueueView from '@/workspaces/workbench/views/PrintQueueView.vue';
import { listedOf } from '../helpers/notices';
import { json, settle, until, usePageTests } from '../helpers/page';
import { pdf, stubTabs } from '../helpers/pdf';
import { mountWorkbenchPage, posts, signIn, stubApi } from '../helpers/workbench';

// 告知书打印与寄送: the unit's letters to print and post, and the failed deliveries to correct and resend.

usePageTests();

const OFFICE = { username: 'donghu.office', displayName: '陈静', unitCode: '990102-office', unitName: '东湖区信访局', roles: ['registrar'] };

/** A letter to print, unless the test says otherwise. */
function queued(id: string, extra: Partial<ListedNotice> = {}): ListedNotice {
  return listedOf({ id, channel: 'letter', status: 'pending', attempts: 0, sentAt: null, deliveredAt: null, recipientContact: null, ...extra });
}

const LISTS: Record<string, ListedNotice[]> = {
  'to-print': [queued('n1'), queued('n2', { title: '不予受理告知书' })],
  printed: [queued('n3', { status: 'sent', printedAt: '2026-11-21T01:00:00.000Z' })],
  posted: [queued('n4', { status: 'delivered', printedAt: '2026-11-21T01:00:00.000Z', postedAt: '2026-11-21T03:00:00.000Z', registeredMailNumber: 'XA123456789CN' })],
};
const FAILED = queued('n5', { channel: 'sms', status: 'failed', attempts: 3, lastError: '号码不存在', failedAt: '2026-11-22T02:00:00.000Z', recipientContact: '138****8000' });

/** The answers of POST /api/notices/:id/served, in turn. */
let servedAnswers: ((body: unknown) => Response)[] = [];

function stubQueue() {
  return stubApi((url, init, body) => {
    const u = new URL(url, 'http://x');
    if (/^\/api\/notices\/n\d\/served$/.test(u.pathname) && init?.method === 'POST') return servedAnswers.shift()?.(body);
    if (u.pathname === '/api/print-queue') return json(200, { items: LISTS[u.searchParams.get('state')!] ?? [], total: (LISTS[u.searchParams.get('state')!] ?? []).length });
    if (u.pathname === '/api/notices' && u.searchParams.get('status') === 'failed') return json(200, { items: [FAILED], total: 1 });
    if (/^\/api\/notices\/n\d\/document\.pdf$/.test(u.pathname)) return pdf();
    if (u.pathname === '/api/notices/n1/printed' && init?.method === 'POST') return json(201, { ...LISTS['to-print']![0], status: 'sent', printedAt: '2026-11-22T01:00:00.000Z' });
    if (u.pathname === '/api/notices/n3/posted' && init?.method === 'POST') {
      return json(201, { ...LISTS.printed![0], status: 'delivered', registeredMailNumber: (body as { registeredMailNumber: string }).registeredMailNumber });
    }
    if (u.pathname === '/api/notices/n5/resend' && init?.method === 'POST') return json(201, { ...FAILED, status: 'pending', attempts: 0, lastError: null, failedAt: null });
    return undefined;
  });
}

const rows = (wrapper: { findAll: (s: string) => { attributes: (n: string) => string | undefined }[] }) =>
  wrapper.findAll('[data-testid^="queue-number-"]').map((el) => el.attributes('data-testid')!.replace('queue-number-', ''));

describe('the print queue', () => {
  it('is in the navigation of the petition office and the units, not of agents or supervisors', () => {
    const has = (roles: string[]) => navFor([workbenchWorkspace], roles).some((n) => n.to === 'workbench-print-queue');
    expect(['registrar', 'handler', 'unit-head'].map((r) => has([r]))).toEqual([true, true, true]);
    expect(has(['agent'])).toBe(false);
    expect(has(['supervisor'])).toBe(false);
    const route = workbenchWorkspace.routes.find((r) => r.name === 'workbench-print-queue');
    expect(route?.path).toBe('/workbench/print-queue');
    expect(route?.meta?.roles).toEqual(['registrar', 'handler', 'unit-head']);
  });

  it('prints a letter (the PDF opened, then marked printed, leaving the list) and switches lists by tab', async () => {
    signIn(OFFICE);
    const calls = stubQueue();
    const tabs = stubTabs();
    const { wrapper, router } = await mountWorkbenchPage(PrintQueueView, '/workbench/print-queue');
    await until(() => expect(rows(wrapper)).toEqual(['n1', 'n2']));
    expect(calls[0]!.url).toBe('/api/print-queue?state=to-print&page=1&pageSize=20');

    await wrapper.get('[data-testid="queue-print-n1"]').trigger('click');
    await until(() => expect(rows(wrapper)).toEqual(['n2']));
    expect(tabs.tab.location.href).toBe('blob:pdf-1');
    const order = calls.map((c) => `${c.method} ${c.url}`);
    expect(order.indexOf('GET /api/notices/n1/document.pdf')).toBeLessThan(order.indexOf('POST /api/notices/n1/printed'));
    expect(posts(calls)).toEqual([['/api/notices/n1/printed', undefined]]);
    expect(document.body.textContent).toContain('《受理告知书》已标记为已打印');

    // 已邮寄: the registered-mail numbers
    await wrapper.get('#tab-posted').trigger('click');
    await until(() => expect(rows(wrapper)).toEqual(['n4']));
    expect(wrapper.get('[data-testid="queue-mail-number-n4"]').text()).toBe('XA123456789CN');
    expect(router.currentRoute.value.query.tab).toBe('posted');
    expect(calls.at(-1)!.url).toBe('/api/print-queue?state=posted&page=1&pageSize=20');
    wrapper.unmount();
  });

  it('records the registered-mail number of a printed letter, checked first', async () => {
    signIn(OFFICE);
    const calls = stubQueue();
    const { wrapper } = await mountWorkbenchPage(PrintQueueView, '/workbench/print-queue?tab=printed');
    await until(() => expect(rows(wrapper)).toEqual(['n3']));
    await wrapper.get('[data-testid="queue-post-n3"]').trigger('click');
    const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="posted-dialog"]')!;
    await until(() => expect(dialog().querySelector('[data-testid="posted-form"]')).toBeTruthy());
    const submit = async () => {
      dialog().querySelector('form')!.dispatchEvent(new Event('submit'));
      await settle();
    };
    await submit();
    await until(() => expect(dialog().textContent).toContain('请填写挂号号码'));
    const input = dialog().querySelector<HTMLInputElement>('input[data-testid="posted-number"]')!;
    input.value = 'xa 1234 5678 9cn';
    input.dispatchEvent(new Event('input'));
    await submit();
    await until(() => expect(rows(wrapper)).toEqual([]));
    expect(posts(calls)).toEqual([['/api/notices/n3/posted', { registeredMailNumber: 'XA123456789CN' }]]);
    expect(document.body.textContent).toContain('已登记挂号 XA123456789CN');
    wrapper.unmount();
  });

  it('lists the failed deliveries and resends one after the correction', async () => {
    signIn(OFFICE);
    const calls = stubQueue();
    const { wrapper } = await mountWorkbenchPage(PrintQueueView, '/workbench/print-queue?tab=failed');
    await until(() => expect(rows(wrapper)).toEqual(['n5']));
    expect(calls[0]!.url).toBe('/api/notices?status=failed&page=1&pageSize=20');
    expect(wrapper.get('[data-testid="queue-status-n5"]').text()).toBe('发送失败');
    expect(wrapper.text()).toContain('号码不存在');

    await wrapper.get('[data-testid="queue-resend-n5"]').trigger('click');
    const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="resend-dialog"]')!;
    await until(() => expect(dialog().querySelector('[data-testid="resend-form"]')).toBeTruthy());
    const input = dialog().querySelector<HTMLInputElement>('input[data-testid="resend-phone"]')!;
    input.value = '139 0013 9000';
    input.dispatchEvent(new Event('input'));
    dialog().querySelector('form')!.dispatchEvent(new Event('submit'));
    await until(() => expect(wrapper.get('[data-testid="queue-status-n5"]').text()).toBe('待发送'));
    expect(posts(calls)).toEqual([['/api/notices/n5/resend', { channel: 'sms', phone: '13900139000' }]]);
    expect(wrapper.find('[data-testid="queue-resend-n5"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

// 送达登记: the day a printed letter reached the petitioner, at the desk or by post.

/** 2026-11-29 17:00 UTC: already 2026-11-30 in China. */
const CHINA_NOV_30 = new Date('2026-11-29T17:00:00.000Z');
afterEach(() => {
  vi.useRealTimers();
  servedAnswers = [];
});

const servedDialog = () => document.body.querySelector<HTMLElement>('[data-testid="served-dialog"]')!;
async function submitServed(): Promise<void> {
  servedDialog().querySelector('form')!.dispatchEvent(new Event('submit'));
  await settle();
}
type Picker = { vm: { $emit: (event: string, value: unknown) => void }; props: (name: string) => unknown };
/** The day picked, as the picker hands it over (the picker's own panel is Element Plus' to test). */
async function pick(picker: Picker, day: string | null): Promise<void> {
  picker.vm.$emit('update:modelValue', day);
  await settle();
}
const greyedOut = (picker: Picker, year: number, month: number, day: number) =>
  (picker.props('disabledDate') as (date: Date) => boolean)(new Date(year, month - 1, day));

describe('the service of a letter', () => {
  it('records a printed letter handed over in person: the day checked against printing and today (China time), then the row leaves 已打印', async () => {
    // given 已打印 late on 11-29 UTC, already 11-30 in China, a letter printed on 11-21
    vi.setSystemTime(CHINA_NOV_30);
    signIn(OFFICE);
    const calls = stubQueue();
    const served = { ...LISTS.printed![0]!, status: 'delivered', servedAt: '2026-11-30T04:00:00.000Z', serviceMethod: 'in-person' };
    servedAnswers = [() => json(409, { statusCode: 409, message: '该告知书刚被他人处理，请刷新后重试' }), () => json(200, served)];
    const { wrapper } = await mountWorkbenchPage(PrintQueueView, '/workbench/print-queue?tab=printed');
    await until(() => expect(rows(wrapper)).toEqual(['n3']));
    expect(wrapper.get('[data-testid="queue-post-n3"]').text()).toBe('登记挂号');
    expect(wrapper.get('[data-testid="queue-serve-n3"]').text()).toBe('当面送达');

    // when the clerk opens 当面送达
    await wrapper.get('[data-testid="queue-serve-n3"]').trigger('click');
    await until(() => expect(servedDialog().querySelector('[data-testid="served-form"]')).toBeTruthy());

    // then in person is the way, by post is greyed out until the letter is posted
    expect(servedDialog().querySelector('[data-testid="served-method"]')!.getAttribute('data-method')).toBe('in-person');
    expect(servedDialog().querySelector<HTMLInputElement>('input[type="radio"][value="post"]')!.disabled).toBe(true);
    expect(servedDialog().querySelector('[data-testid="served-post-hint"]')!.textContent).toContain('登记挂号后才能按邮寄送达登记');
    expect(servedDialog().querySelector('[data-testid="served-range"]')!.textContent).toContain('可选 2026-11-21 至 2026-11-30：不早于打印之日，不晚于今天');
    expect(servedDialog().querySelector('[data-testid="served-reply-note"]')).toBeNull();
    expect(servedDialog().querySelector('[data-testid="served-date"] input')).toBeTruthy();
    const picker = wrapper.findComponent({ name: 'ElDatePicker' }) as unknown as Picker;
    expect([greyedOut(picker, 2026, 11, 20), greyedOut(picker, 2026, 11, 21), greyedOut(picker, 2026, 11, 30), greyedOut(picker, 2026, 12, 1)]).toEqual([true, false, false, true]);

    // nothing is sent without a day, nor with a day before the printing
    await submitServed();
    await until(() => expect(servedDialog().textContent).toContain('请选择送达日期'));
    await pick(picker, '2026-11-20');
    await submitServed();
    await until(() => expect(servedDialog().textContent).toContain('送达日期须在 2026-11-21 至 2026-11-30 之间'));
    await pick(picker, null);
    await submitServed();
    await until(() => expect(servedDialog().textContent).toContain('请选择送达日期'));
    expect(posts(calls)).toEqual([]);

    // the API's refusal is shown as it says it
    await pick(picker, '2026-11-30');
    expect(servedDialog().querySelector('[data-testid="served-date"]')!.getAttribute('data-value')).toBe('2026-11-30');
    await submitServed();
    await until(() => expect(servedDialog().querySelector('[data-testid="served-error"]')?.textContent).toContain('该告知书刚被他人处理'));

    // then sent again, it is recorded: the row leaves 已打印
    await submitServed();
    await until(() => expect(rows(wrapper)).toEqual([]));
    expect(posts(calls)).toEqual([
      ['/api/notices/n3/served', { servedOn: '2026-11-30', method: 'in-person' }],
      ['/api/notices/n3/served', { servedOn: '2026-11-30', method: 'in-person' }],
    ]);
    expect(document.body.textContent).toContain('已登记送达：2026-11-30');
    wrapper.unmount();
  });

  it('records the return receipt of a posted letter: by post, the mail number shown, the API field error beside the day, the row updated in place', async () => {
    // given 已邮寄 with a letter posted on 11-21 and no receipt yet
    vi.setSystemTime(CHINA_NOV_30);
    signIn(OFFICE);
    const calls = stubQueue();
    const served = { ...LISTS.posted![0]!, servedAt: '2026-11-25T04:00:00.000Z', serviceMethod: 'post' };
    servedAnswers = [
      () => json(400, { statusCode: 400, message: '参数错误', errors: [{ field: 'servedOn', code: 'range', message: '送达日期须在 2026-11-21 至 2026-11-29 之间' }] }),
      () => json(200, served),
    ];
    const { wrapper } = await mountWorkbenchPage(PrintQueueView, '/workbench/print-queue?tab=posted');
    await until(() => expect(rows(wrapper)).toEqual(['n4']));
    expect(wrapper.get('[data-testid="queue-served-n4"]').text()).toBe('待回执');
    expect(wrapper.get('[data-testid="queue-serve-n4"]').text()).toBe('登记送达');

    // when the clerk records the receipt
    await wrapper.get('[data-testid="queue-serve-n4"]').trigger('click');
    await until(() => expect(servedDialog().querySelector('[data-testid="served-form"]')).toBeTruthy());

    // then by post is the way, with the registered-mail number, and no choice
    const method = servedDialog().querySelector('[data-testid="served-method"]')!;
    expect(method.getAttribute('data-method')).toBe('post');
    expect(method.textContent).toContain('邮寄送达');
    expect(servedDialog().querySelector('[data-testid="served-mail-number"]')!.textContent).toBe('XA123456789CN');
    expect(servedDialog().querySelector('input[type="radio"]')).toBeNull();
    expect(servedDialog().querySelector('[data-testid="served-range"]')!.textContent).toContain('不早于寄出之日');

    // the API's word on the day is shown beside it
    const picker = wrapper.findComponent({ name: 'ElDatePicker' }) as unknown as Picker;
    await pick(picker, '2026-11-25');
    await submitServed();
    await until(() => expect(servedDialog().querySelector('.el-form-item__error')?.textContent).toContain('送达日期须在 2026-11-21 至 2026-11-29 之间'));

    await submitServed();
    await until(() => expect(wrapper.get('[data-testid="queue-served-n4"]').text()).toBe('2026-11-25'));
    expect(rows(wrapper)).toEqual(['n4']);
    expect(posts(calls)).toEqual([
      ['/api/notices/n4/served', { servedOn: '2026-11-25', method: 'post' }],
      ['/api/notices/n4/served', { servedOn: '2026-11-25', method: 'post' }],
    ]);
    expect(document.body.textContent).toContain('已登记送达：2026-11-25');
    wrapper.unmount();
  });

  it('tells the clerk that the day of a reply moves the rating and review windows, in either language', async () => {
    // given a reply already served on 11-25
    vi.setSystemTime(CHINA_NOV_30);
    const reply: NoticeView = { ...LISTS.posted![0]!, kind: 'reply', title: '处理意见书', servedAt: '2026-11-25T04:00:00.000Z', serviceMethod: 'post' };

    // when the dialog opens
    const wrapper = mount(ServedDialog, { props: { modelValue: true, notice: reply, petitionNumber: 'XF-990102-2026-000001' }, global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(servedDialog().querySelector('[data-testid="served-form"]')).toBeTruthy());

    // then it names Art. 35 and the day on record, which the form starts from
    expect(servedDialog().querySelector('[data-testid="served-reply-note"]')!.textContent).toContain('复查申请期（30日）自送达之日起算（《信访工作条例》第三十五条）');
    expect(servedDialog().querySelector('[data-testid="served-already"]')!.textContent).toContain('已于 2026-11-25 登记送达');
    expect((wrapper.findComponent({ name: 'ElDatePicker' }) as unknown as Picker).props('modelValue')).toBe('2026-11-25');
    i18n.global.locale.value = 'en';
    await settle();
    expect(servedDialog().querySelector('[data-testid="served-reply-note"]')!.textContent).toContain('30-day window to request a review count from the day it was served');
    expect(servedDialog().textContent).toContain('Record service');
    wrapper.unmount();
  });
});

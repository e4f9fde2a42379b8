// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { navFor } from '@/workspaces/types';
import { workbenchWorkspace } from '@/workspaces/workbench';
import PrintQueueView from '@/workspaces/workbench/views/PrintQueueView.vue';
import type { QueuedNotice } from '@/workspaces/workbench/types';
import { json, settle, until, usePageTests } from '../helpers/page';
import { pdf, stubTabs } from '../helpers/pdf';
import { mountWorkbenchPage, posts, signIn, stubApi } from '../helpers/workbench';

// 告知书打印与寄送: the unit's letters to print and post, and the failed deliveries to correct and resend.

usePageTests();

const OFFICE = { username: 'donghu.office', displayName: '陈静', unitCode: '990102-office', unitName: '东湖区信访局', roles: ['registrar'] };

function queued(id: string, extra: Partial<QueuedNotice> = {}): QueuedNotice {
  return {
    id,
    kind: 'acceptance',
    title: '受理告知书',
    channel: 'letter',
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    sentAt: null,
    deliveredAt: null,
    failedAt: null,
    recipientName: '张三',
    recipientContact: null,
    printedAt: null,
    postedAt: null,
    registeredMailNumber: null,
    documentUrl: `/api/notices/${id}/document.pdf`,
    petitionId: 'p1',
    petitionNumber: 'XF-990102-2026-000001',
    ...extra,
  };
}

const LISTS: Record<string, QueuedNotice[]> = {
  'to-print': [queued('n1'), queued('n2', { title: '不予受理告知书' })],
  printed: [queued('n3', { status: 'sent', printedAt: '2026-11-21T01:00:00.000Z' })],
  posted: [queued('n4', { status: 'delivered', printedAt: '2026-11-21T01:00:00.000Z', postedAt: '2026-11-21T03:00:00.000Z', registeredMailNumber: 'XA123456789CN' })],
};
const FAILED = queued('n5', { channel: 'sms', status: 'failed', attempts: 3, lastError: '号码不存在', failedAt: '2026-11-22T02:00:00.000Z', recipientContact: '138****8000' });

function stubQueue() {
  return stubApi((url, init, body) => {
    const u = new URL(url, 'http://x');
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

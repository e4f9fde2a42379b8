// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import type { ListedNotice } from '@/notices/types';
import { supervisionWorkspace } from '@/workspaces/supervision';
import DeliveriesView from '@/workspaces/supervision/DeliveriesView.vue';
import { asDeliveryPage, deliveriesQuery, isDeliveryTab } from '@/workspaces/supervision/deliveries';
import { navFor } from '@/workspaces/types';
import { listedOf } from '../helpers/notices';
import { json, settle, until, usePageTests } from '../helpers/page';
import { pdf, stubTabs } from '../helpers/pdf';
import { signIn, stubApi } from '../helpers/workbench';

// 告知书送达情况: supervisors and unit heads watch the notices of the units in their reach.

usePageTests();

const SUPERVISOR = { username: 'donghu.supervisor', displayName: '王督查', unitCode: '990102-petition-office', unitName: '东湖区信访局', roles: ['supervisor'] };

/** An SMS that failed to reach 张* (masked, as a supervisor sees it), unless the test says otherwise. */
function notice(id: string, extra: Partial<ListedNotice> = {}): ListedNotice {
  return listedOf({
    id,
    kind: 'accept',
    title: '信访事项受理告知书',
    status: 'failed',
    attempts: 3,
    lastError: '号码不存在',
    sentAt: null,
    deliveredAt: null,
    failedAt: '2026-11-20T03:00:00.000Z',
    recipientName: '张*',
    ...extra,
  });
}

const POSTED = notice('n2', {
  kind: 'reply',
  title: '信访事项处理意见书',
  channel: 'letter',
  status: 'delivered',
  attempts: 0,
  lastError: null,
  failedAt: null,
  printedAt: '2026-11-21T01:00:00.000Z',
  postedAt: '2026-11-21T03:00:00.000Z',
  deliveredAt: '2026-11-21T03:00:00.000Z',
  servedAt: '2026-11-24T00:00:00.000Z',
  serviceMethod: 'post',
  registeredMailNumber: 'XA123456789CN',
  recipientContact: '东湖区柳岸社区**',
});

describe('the deliveries helpers', () => {
  it('know the tabs, failures first, and ask the API for one page of one status', () => {
    expect(['failed', 'pending', 'sent', 'delivered', 'x', undefined].map(isDeliveryTab)).toEqual([true, true, true, true, false, false]);
    expect(deliveriesQuery('pending', 2, 20)).toBe('?status=pending&page=2&pageSize=20');
    expect(asDeliveryPage({ items: [POSTED], total: 7 })).toEqual({ items: [POSTED], total: 7 });
    expect(asDeliveryPage({ items: [POSTED] })).toEqual({ items: [POSTED], total: 1 });
    expect(asDeliveryPage(null)).toEqual({ items: [], total: 0 });
  });

  // How a notice's channel, status and moments read is shared with the workbench: tests/notices/presentation.spec.ts.
});

async function mountPage(path = '/supervision/deliveries') {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/supervision/deliveries', name: 'supervision-deliveries', component: Stub }] });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(DeliveriesView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, router };
}

const rows = (wrapper: { findAll: (s: string) => { attributes: (n: string) => string | undefined }[] }) =>
  wrapper.findAll('[data-testid^="delivery-row-"]').map((el) => el.attributes('data-testid')!.replace('delivery-row-', ''));

describe('the deliveries page', () => {
  it('is in the navigation of supervisors and unit heads only', () => {
    const has = (roles: string[]) => navFor([supervisionWorkspace], roles).some((n) => n.testId === 'nav-supervision-deliveries');
    expect(['supervisor', 'unit-head', 'handler', 'registrar', 'system-admin'].map((r) => has([r]))).toEqual([true, true, false, false, false]);
    const route = supervisionWorkspace.routes.find((r) => r.name === 'supervision-deliveries');
    expect(route?.path).toBe('/supervision/deliveries');
    expect(route?.meta?.roles).toEqual(['supervisor', 'unit-head']);
  });

  it('opens on the failed deliveries, switches status by tab and pages through', async () => {
    signIn(SUPERVISOR);
    const many = Array.from({ length: 20 }, (_, i) => notice(`d${i}`, { status: 'delivered', channel: 'email', attempts: 1, lastError: null, failedAt: null, sentAt: '2026-11-20T02:01:00.000Z', deliveredAt: '2026-11-20T02:02:00.000Z' }));
    const calls = stubApi((url) => {
      const u = new URL(url, 'http://x');
      if (u.pathname !== '/api/notices') return undefined;
      const status = u.searchParams.get('status');
      if (status === 'failed') return json(200, { items: [notice('n1')], total: 1 });
      if (status === 'delivered') return json(200, u.searchParams.get('page') === '2' ? { items: [POSTED], total: 21 } : { items: many, total: 21 });
      return json(200, { items: [], total: 0 });
    });
    const { wrapper, router } = await mountPage();
    await until(() => expect(rows(wrapper)).toEqual(['n1']));
    expect(calls[0]!.url).toBe('/api/notices?status=failed&page=1&pageSize=20');
    const tabs = wrapper.get('[data-testid="deliveries-tabs"]').findAll('[role="tab"]').map((t) => t.text());
    expect(tabs).toEqual(['发送失败', '待发送', '已发送', '已送达']);
    expect(wrapper.get('[data-testid="delivery-row-n1"]').text()).toBe('XF-990102-2026-000001');
    const table = wrapper.get('[data-testid="deliveries-table"]').text();
    expect(table).toContain('信访事项受理告知书');
    expect(table).toContain('短信');
    expect(table).toContain('已尝试 3 次');
    expect(table).toContain('号码不存在');
    expect(table).toContain('失败时间：2026-11-20 11:00');
    // masked, as the API sends it to a supervisor
    expect(wrapper.get('[data-testid="delivery-recipient-n1"]').text()).toBe('收件人：张* · 138****8000');
    expect(wrapper.get('[data-testid="delivery-status-n1"]').text()).toBe('发送失败');
    // supervisors only watch: nothing to resend here
    expect(wrapper.get('[data-testid="deliveries-table"]').findAll('button').map((b) => b.text())).toEqual(['查看PDF']);

    await wrapper.get('#tab-pending').trigger('click');
    await until(() => expect(wrapper.text()).toContain('没有待发送的告知书'));
    expect(router.currentRoute.value.query.status).toBe('pending');

    await wrapper.get('#tab-delivered').trigger('click');
    await until(() => expect(rows(wrapper)).toHaveLength(20));
    wrapper.get('[data-testid="deliveries-pager"]').findAll('li.number').at(1)!.element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await until(() => expect(rows(wrapper)).toEqual(['n2']));
    expect(calls.at(-1)!.url).toBe('/api/notices?status=delivered&page=2&pageSize=20');
    // a letter reads as the print room says it: posted, with its number and the day it was served
    expect(wrapper.get('[data-testid="delivery-status-n2"]').text()).toBe('已邮寄/送达');
    expect(wrapper.get('[data-testid="delivery-channel-n2"]').text()).toBe('邮寄');
    const row = wrapper.get('[data-testid="deliveries-table"]').text();
    expect(row).toContain('挂号 XA123456789CN');
    // served is recorded by its day, so it shows no hour
    expect(row).toContain('送达时间（邮寄送达）：2026-11-24');
    expect(row).not.toContain('送达时间（邮寄送达）：2026-11-24 08:00');
    expect(row).not.toContain('已尝试');
    // in English, a supervisor's own words: the way a letter travels, and what happened before each time
    i18n.global.locale.value = 'en';
    await settle();
    expect(wrapper.get('[data-testid="delivery-channel-n2"]').text()).toBe('Letter');
    expect(wrapper.get('[data-testid="delivery-status-n2"]').text()).toBe('Posted / served');
    expect(wrapper.get('[data-testid="deliveries-table"]').text()).toContain('Created: 2026-11-20 10:00');
    wrapper.unmount();
  });

  it('opens the tab named in the address', async () => {
    signIn(SUPERVISOR);
    const calls = stubApi((url) => (url.startsWith('/api/notices?') ? json(200, { items: [], total: 0 }) : undefined));
    const { wrapper } = await mountPage('/supervision/deliveries?status=sent');
    await until(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe('/api/notices?status=sent&page=1&pageSize=20');
    expect(wrapper.get('[data-testid="deliveries-table"]').attributes('data-tab')).toBe('sent');
    wrapper.unmount();
  });

  it('shows the API’s message with a retry', async () => {
    signIn(SUPERVISOR);
    let fail = true;
    stubApi((url) => {
      if (!url.startsWith('/api/notices?')) return undefined;
      return fail ? json(403, { statusCode: 403, message: '您的账号未归属有效单位' }) : json(200, { items: [notice('n1')], total: 1 });
    });
    const { wrapper } = await mountPage();
    await until(() => expect(wrapper.get('[data-testid="deliveries-error"]').text()).toContain('您的账号未归属有效单位'));
    expect(wrapper.text()).toContain('告知书未能加载');
    fail = false;
    await wrapper.get('[data-testid="deliveries-retry"]').trigger('click');
    await until(() => expect(rows(wrapper)).toEqual(['n1']));
    expect(wrapper.find('[data-testid="deliveries-error"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('opens the notice’s PDF with the token', async () => {
    signIn(SUPERVISOR);
    const calls = stubApi((url) => {
      if (url.startsWith('/api/notices?')) return json(200, { items: [notice('n1')], total: 1 });
      if (url === '/api/notices/n1/document.pdf') return pdf();
      return undefined;
    });
    const tabs = stubTabs();
    const { wrapper } = await mountPage();
    await until(() => expect(rows(wrapper)).toEqual(['n1']));
    await wrapper.get('[data-testid="delivery-pdf-n1"]').trigger('click');
    await until(() => expect(tabs.tab.location.href).toBe('blob:pdf-1'));
    expect(calls.map((c) => c.url)).toContain('/api/notices/n1/document.pdf');
    const fetched = (globalThis.fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.find(([url]) => url.endsWith('document.pdf'))!;
    expect((fetched[1].headers as Record<string, string>).Authorization).toBe('Bearer token');
    wrapper.unmount();
  });
});

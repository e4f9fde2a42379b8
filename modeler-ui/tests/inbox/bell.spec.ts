// @vitest-environment happy-dom
import { ReadableStream } from 'node:stream/web';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { session } from '@/auth/session';
import InboxBell from '@/components/InboxBell.vue';
import { badgeText, inboxTarget, relativeTime } from '@/inbox/format';
import { inboxQueryString, type InboxItem } from '@/inbox/api';
import { json, settle, until, usePageTests } from '../helpers/page';

// 站内通知: the bell's badge, live from the stream, its list, marking read and where an item leads.

usePageTests();

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});

describe('the badge and the list texts', () => {
  it('hides 0, shows up to 99, then 99+', () => {
    expect([0, -1, Number.NaN, 1, 9, 99, 100, 2500].map(badgeText)).toEqual(['', '', '', '1', '9', '99', '99+', '99+']);
  });

  it('says how long ago, and the China date and time after a week', () => {
    const now = new Date('2026-11-20T08:00:00.000Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(relativeTime(ago(20_000), now, t)).toBe('刚刚');
    expect(relativeTime(ago(5 * 60_000), now, t)).toBe('5 分钟前');
    expect(relativeTime(ago(3 * 3_600_000 + 1000), now, t)).toBe('3 小时前');
    expect(relativeTime(ago(2 * 86_400_000), now, t)).toBe('2 天前');
    expect(relativeTime('2026-11-01T02:30:00.000Z', now, t)).toBe('2026-11-01 10:30');
  });

  it('leads to the task, a failed delivery to the failed list, anything else nowhere', () => {
    expect(inboxTarget({ kind: 'reminder', taskId: 't1', petitionId: 'p1' })).toEqual({ name: 'workbench-task', params: { id: 't1' } });
    expect(inboxTarget({ kind: 'delivery-failed', taskId: null, petitionId: 'p1' })).toEqual({ name: 'workbench-print-queue', query: { tab: 'failed' } });
    expect(inboxTarget({ kind: 'supervision', taskId: null, petitionId: 'p1' })).toBeNull();
  });

  it('asks for all items unless only the unread ones are wanted', () => {
    expect(inboxQueryString()).toBe('page=1&pageSize=20');
    expect(inboxQueryString({ unread: true, page: 2, pageSize: 10 })).toBe('unread=true&page=2&pageSize=10');
  });
});

const ITEMS: InboxItem[] = [
  { id: 'n1', kind: 'task', title: '新的待办任务：受理决定', body: '外墙瓷砖脱落', petitionId: 'p1', petitionNumber: 'XF-990102-2026-000001', taskId: 't1', createdAt: new Date(Date.now() - 5 * 60_000).toISOString(), readAt: null },
  { id: 'n2', kind: 'supervision', title: '督办通知', body: null, petitionId: 'p2', petitionNumber: 'XF-990102-2026-000002', taskId: null, createdAt: new Date(Date.now() - 86_400_000).toISOString(), readAt: '2026-11-19T00:00:00.000Z' },
];

/** The API of the inbox, with a stream the test writes to; every call recorded. */
function stubInbox() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const calls: { url: string; method: string; headers: Record<string, string> }[] = [];
  let streamSignal: AbortSignal | undefined;
  let items = ITEMS.map((i) => ({ ...i }));
  const unread = () => items.filter((i) => !i.readAt).length;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string> });
      if (url === '/api/inbox/stream') {
        streamSignal = init?.signal ?? undefined;
        return { ok: true, status: 200, body } as unknown as Response;
      }
      if (url === '/api/inbox/unread-count') return json(200, { unread: unread() });
      if (url === '/api/inbox?page=1&pageSize=20') return json(200, { items, total: items.length, unread: unread() });
      if (url === '/api/inbox/n1/read') {
        items = items.map((i) => (i.id === 'n1' ? { ...i, readAt: '2026-11-20T08:05:00.000Z' } : i));
        return new Response(null, { status: 204 });
      }
      if (url === '/api/inbox/read-all') {
        const updated = unread();
        items = items.map((i) => ({ ...i, readAt: i.readAt ?? '2026-11-20T08:06:00.000Z' }));
        return json(200, { updated });
      }
      return json(404, { message: `unexpected ${url}` });
    }),
  );
  return {
    calls,
    send: (frame: string) => controller.enqueue(encoder.encode(frame)),
    /** An item the API has from now on (the stream tells of it with `send`). */
    add: (item: InboxItem) => void (items = [item, ...items]),
    aborted: () => streamSignal?.aborted ?? false,
  };
}

async function mountBell(roles: string[] = ['handler']) {
  session.signIn({ accessToken: 'token', user: { username: 'donghu.room1', displayName: '刘洋', unitCode: 'u', unitName: '第一办理室', roles } });
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Stub },
      { path: '/workbench/tasks/:id', name: 'workbench-task', component: Stub },
      { path: '/workbench/print-queue', name: 'workbench-print-queue', component: Stub, meta: { roles: ['registrar', 'handler', 'unit-head'] } },
    ],
  });
  await router.push('/');
  await router.isReady();
  const wrapper = mount(InboxBell, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, router };
}

const panel = () => document.body.querySelector<HTMLElement>('[data-testid="inbox-panel"]');
const item = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="inbox-item-${id}"]`);

describe('the bell', () => {
  it('shows the unread count live from the stream, without reloading, and names it for screen readers', async () => {
    const api = stubInbox();
    const { wrapper } = await mountBell();
    const bell = () => wrapper.get('[data-testid="inbox-bell"]');
    const badge = () => wrapper.get('[data-testid="inbox-unread"]');

    // the count asked for at once, the stream opened with the token in its header
    await until(() => expect(badge().text()).toBe('1'));
    const stream = api.calls.find((c) => c.url === '/api/inbox/stream')!;
    expect(stream.headers.Authorization).toBe('Bearer token');
    expect(bell().attributes('aria-label')).toBe('站内通知，1 条未读');

    api.send('event: unread\ndata: {"unread":0}\n\n');
    await until(() => expect(badge().isVisible()).toBe(false));
    expect(badge().attributes('data-count')).toBe('0');
    expect(bell().attributes('aria-label')).toBe('站内通知，没有未读通知');

    api.send(': heartbeat\n\nevent: inbox\ndata: {"unread":7,"item":{"id":"n9","kind":"reminder","title":"催办：请尽快办理","taskId":"t9","createdAt":"2026-11-20T08:00:00.000Z","readAt":null}}\n\n');
    await until(() => expect(badge().text()).toBe('7'));
    expect(badge().isVisible()).toBe(true);
    expect(bell().attributes('aria-label')).toBe('站内通知，7 条未读');
    expect(wrapper.get('[data-testid="inbox-announcement"]').text()).toBe('新通知：催办：请尽快办理');

    api.send('event: unread\r\ndata: {"unread":120}\r\n\r\n');
    await until(() => expect(badge().text()).toBe('99+'));

    // signed out: the stream is closed and the count forgotten
    session.signOut();
    await settle();
    expect(api.aborted()).toBe(true);
    expect(badge().isVisible()).toBe(false);
    wrapper.unmount();
  });

  it('lists the latest items, marks one read on click and opens its task; 全部已读 marks them all', async () => {
    const api = stubInbox();
    const { wrapper, router } = await mountBell();
    await until(() => expect(wrapper.get('[data-testid="inbox-unread"]').text()).toBe('1'));

    await wrapper.get('[data-testid="inbox-bell"]').trigger('click');
    await until(() => expect(item('n1')).not.toBeNull());
    expect(wrapper.get('[data-testid="inbox-bell"]').attributes('aria-expanded')).toBe('true');
    expect(api.calls.some((c) => c.url === '/api/inbox?page=1&pageSize=20')).toBe(true);
    expect(item('n1')!.dataset.unread).toBe('true');
    expect(item('n1')!.textContent).toContain('新的待办任务：受理决定');
    expect(item('n1')!.textContent).toContain('5 分钟前');
    expect(item('n2')!.dataset.unread).toBe('false');

    // a new item arriving while the list is open joins it at the top
    api.add({ id: 'n3', kind: 'delivery-failed', title: '告知书发送失败', body: null, petitionId: 'p1', petitionNumber: null, taskId: null, createdAt: '2026-11-20T08:00:00.000Z', readAt: null });
    api.send('event: inbox\ndata: {"unread":2,"item":{"id":"n3","kind":"delivery-failed","title":"告知书发送失败","petitionId":"p1","taskId":null,"createdAt":"2026-11-20T08:00:00.000Z","readAt":null}}\n\n');
    await until(() => expect(item('n3')).not.toBeNull());
    const ids = [...panel()!.querySelectorAll<HTMLElement>('[data-testid^="inbox-item-"]')].map((el) => el.dataset.testid);
    expect(ids).toEqual(['inbox-item-n3', 'inbox-item-n1', 'inbox-item-n2']);
    expect(wrapper.get('[data-testid="inbox-unread"]').text()).toBe('2');

    item('n1')!.click();
    await until(() => expect(router.currentRoute.value.fullPath).toBe('/workbench/tasks/t1'));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/inbox/n1/read']);
    expect(wrapper.get('[data-testid="inbox-unread"]').text()).toBe('1');

    // opened again: the list is asked for again, as the API has it now
    await wrapper.get('[data-testid="inbox-bell"]').trigger('click');
    await until(() => expect(api.calls.filter((c) => c.url.startsWith('/api/inbox?'))).toHaveLength(2));
    await until(() => expect(item('n1')?.dataset.unread).toBe('false'));
    (document.body.querySelector('[data-testid="inbox-read-all"]') as HTMLElement).click();
    await until(() => expect(wrapper.get('[data-testid="inbox-unread"]').isVisible()).toBe(false));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/inbox/n1/read', '/api/inbox/read-all']);
    expect(item('n3')!.dataset.unread).toBe('false');
    wrapper.unmount();
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { session } from '@/auth/session';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import NoticesView from '@/workspaces/supervision/NoticesView.vue';
import OverdueView from '@/workspaces/supervision/OverdueView.vue';
import type { OverdueReport, SupervisionNotice } from '@/workspaces/supervision/types';

/** Waits for a condition the page reaches by itself (rendering, promises, debounces), never for a fixed time. */
const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
// A test waits for several conditions in turn: room for them, and for the last one's own message on failure.
vi.setConfig({ testTimeout: 30_000 });

// The charts need a canvas: not this test's concern.
vi.mock('@/workspaces/supervision/ReportCharts.vue', () => ({ default: { name: 'ReportCharts', template: '<div data-testid="charts" />' } }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const REPORT: OverdueReport = {
  at: '2026-11-26T06:00:00.000Z',
  windowDays: 3,
  scope: { unitCode: null, regionCode: '990102' },
  totals: { overdue: 1, nearDue: 0 },
  byUnit: [{ unit: { code: '990102-handling-room-1', name: '第一办理室' }, level: 'county', overdue: 1, nearDue: 0 }],
  byLevel: [{ level: 'county', overdue: 1, nearDue: 0 }],
  byStep: [{ step: 'accept-decision', overdue: 1, nearDue: 0 }],
  ageing: [
    { bucket: '0-3', overdue: 0 },
    { bucket: '4-7', overdue: 1 },
    { bucket: '8-15', overdue: 0 },
    { bucket: '16-30', overdue: 0 },
    { bucket: '>30', overdue: 0 },
  ],
  total: 1,
  items: [
    {
      taskId: 'task-1',
      step: 'accept-decision',
      petition: { id: 'p1', number: 'XF-990102-2026-000042', subject: '小区供暖不达标' },
      unit: { code: '990102-handling-room-1', name: '第一办理室' },
      level: 'county',
      due: '2026-11-20T06:00:00.000Z',
      status: 'overdue',
      daysOverdue: 6,
      assignee: 'donghu.room1',
    },
  ],
};

const NOTICE: SupervisionNotice = {
  id: '7b0c5c44-7d0e-4c5e-9a56-7a3f5e2f0001',
  kind: 'supervision',
  petition: { id: 'p1', number: 'XF-990102-2026-000042' },
  step: 'accept-decision',
  dueAt: '2026-11-20T06:00:00.000Z',
  unit: { code: '990102-handling-room-1', name: '第一办理室' },
  issuedBy: { code: '990102-petition-office', name: '东湖区信访局' },
  addressedTo: { code: '990102-handling-room-1', name: '第一办理室' },
  issuedAt: '2026-11-25T06:00:00.000Z',
  issuer: 'donghu.supervisor',
  feedbackDueAt: '2026-12-02T06:00:00.000Z',
  feedback: null,
};

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  i18n.global.locale.value = DEFAULT_LOCALE;
  document.body.innerHTML = '';
});

function signInAs(username: string, roles: string[]) {
  session.signIn({ accessToken: 'token', user: { username, displayName: username, unitCode: '990102-handling-room-1', unitName: '第一办理室', roles } });
}

describe('the overdue report page', () => {
  it('lists the rows in Chinese and sends a supervision notice from a row', async () => {
    signInAs('donghu.supervisor', ['supervisor']);
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/reports/overdue')) return json(200, REPORT);
      if (url.startsWith('/api/org/')) return json(200, []);
      if (url === '/api/supervision' && init?.method === 'POST') return json(201, { id: 'n1', kind: 'supervision', issuedAt: REPORT.at, feedbackDueAt: null });
      return json(404, {});
    });
    const wrapper = mount(OverdueView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.get('[data-testid="total-overdue"]').text()).toBe('1'));
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/reports/overdue?firstResult=0&maxResults=20');
    const table = wrapper.get('[data-testid="overdue-table"]').text();
    expect(table).toContain('XF-990102-2026-000042');
    expect(table).toContain('受理决定');
    expect(table).toContain('2026-11-20 14:00');
    expect(table).toContain('小区供暖不达标');
    expect(table).toContain('超期 6 天');
    expect(wrapper.get('[data-testid="overdue-row-XF-990102-2026-000042"]').attributes('href')).toBe('/workbench/petitions/p1');
    await wrapper.get('[data-testid="supervise-task-1"]').trigger('click');
    await until(() => expect(document.querySelector('[data-testid="issue-note"]')).not.toBeNull());
    (document.querySelector('[data-testid="issue-note"]') as HTMLTextAreaElement).value = '请尽快办理';
    document.querySelector('[data-testid="issue-note"]')!.dispatchEvent(new Event('input'));
    (document.querySelector('[data-testid="issue-submit"]') as HTMLButtonElement).click();
    await until(() => expect(document.body.textContent).toContain('督办通知已发送'));
    const post = fetchMock.mock.calls.find(([url, init]) => url === '/api/supervision' && init?.method === 'POST')!;
    expect(JSON.parse(post[1].body as string)).toEqual({ taskId: 'task-1', kind: 'supervision', note: '请尽快办理' });
    wrapper.unmount();
  });

  it('shows the API’s message when the report fails', async () => {
    signInAs('donghu.supervisor', ['supervisor']);
    fetchMock.mockImplementation(async (url: string) =>
      url.startsWith('/api/reports') ? json(403, { statusCode: 403, message: '您的账号未归属有效单位' }) : json(200, []),
    );
    const wrapper = mount(OverdueView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.get('[data-testid="overdue-error"]').text()).toContain('您的账号未归属有效单位'));
    wrapper.unmount();
  });

  it.each([
    ['donghu.supervisor', 'supervisor', true],
    ['donghu.room1.head', 'unit-head', false],
  ])('shows %s (%s) the rows, with the buttons to remind and supervise: %s', async (username, role, buttons) => {
    signInAs(username, [role]);
    fetchMock.mockImplementation(async (url: string) => (url.startsWith('/api/reports/overdue') ? json(200, REPORT) : json(200, [])));
    const wrapper = mount(OverdueView, { global: { plugins: [i18n] }, attachTo: document.body });
    // the report has loaded: its row is on the page
    await until(() => expect(wrapper.get('[data-testid="overdue-table"]').text()).toContain('XF-990102-2026-000042'));
    expect(wrapper.find('[data-testid="overdue-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="remind-task-1"]').exists()).toBe(buttons);
    expect(wrapper.find('[data-testid="supervise-task-1"]').exists()).toBe(buttons);
    wrapper.unmount();
  });
});

describe('the notices page', () => {
  it('lets a member of the supervised unit answer a supervision notice', async () => {
    signInAs('donghu.room1', ['handler']);
    let answered = false;
    fetchMock.mockImplementation(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        answered = true;
        return json(200, { id: NOTICE.id, feedbackAt: '2026-11-26T06:00:00.000Z', late: false });
      }
      const feedback = answered ? { text: '已办理', by: 'donghu.room1', at: '2026-11-26T06:00:00.000Z' } : null;
      return json(200, { total: 1, items: [{ ...NOTICE, feedback }] });
    });
    const wrapper = mount(NoticesView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.get('[data-testid="notices-table"]').text()).toContain('东湖区信访局'));
    expect(wrapper.get('[data-testid="notices-table"]').text()).toContain('督办');
    await wrapper.get(`[data-testid="answer-${NOTICE.id}"]`).trigger('click');
    await until(() => expect(document.querySelector('[data-testid="answer-submit"]')).not.toBeNull());
    // an empty answer is not sent
    (document.querySelector('[data-testid="answer-submit"]') as HTMLButtonElement).click();
    await until(() => expect(document.body.textContent).toContain('请填写反馈内容'));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    const text = document.querySelector('[data-testid="answer-text"]') as HTMLTextAreaElement;
    text.value = '已办理';
    text.dispatchEvent(new Event('input'));
    (document.querySelector('[data-testid="answer-submit"]') as HTMLButtonElement).click();
    await until(() => expect(wrapper.get('[data-testid="notices-table"]').text()).toContain('已办理'));
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toBe(`/api/supervision/${NOTICE.id}/feedback`);
    expect(JSON.parse(post[1].body as string)).toEqual({ text: '已办理' });
    wrapper.unmount();
  });

  it('filters by kind and awaiting feedback, and offers no answer to a supervisor', async () => {
    signInAs('donghu.supervisor', ['supervisor']);
    fetchMock.mockResolvedValue(json(200, { total: 1, items: [NOTICE] }));
    const wrapper = mount(NoticesView, { global: { plugins: [i18n] }, attachTo: document.body });
    // the notice is on the page, without the button to answer it
    await until(() => expect(wrapper.get('[data-testid="notices-table"]').text()).toContain('东湖区信访局'));
    expect(wrapper.find(`[data-testid="answer-${NOTICE.id}"]`).exists()).toBe(false);
    await wrapper.get('[data-testid="notices-awaiting"] input').setValue(true);
    await until(() => expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/supervision?awaitingFeedback=true&firstResult=0&maxResults=20'));
    wrapper.unmount();
  });
});

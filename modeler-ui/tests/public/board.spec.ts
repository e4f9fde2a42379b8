// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, type Mock } from 'vitest';
import { defineComponent } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { session } from '@/auth/session';
import { i18n, setLocale } from '@/i18n';
import BoardView from '@/workspaces/public/board/BoardView.vue';
import type { BoardChoices, BoardPage } from '@/workspaces/public/board/api';
import { boardPath } from '@/workspaces/public/board/api';
import { indented, regionOptions, unitsWithin } from '@/workspaces/public/board/choices';
import { supervisionWorkspace } from '@/workspaces/supervision';
import { navFor } from '@/workspaces/types';
import { json, settle, stubFetch, until, usePageTests } from '../helpers/page';

usePageTests();

const CHOICES: BoardChoices = {
  regions: [
    { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
    { code: '990100', name: '示范市', level: 'city', parentCode: null },
    { code: '990121', name: '青山县', level: 'county', parentCode: '990100' },
    { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
  ],
  units: [
    { code: '990102-handling-room-1', name: '东湖区第一办理室', kind: 'handling-room', regionCode: '990102' },
    { code: '990121-handling-room-1', name: '青山县第一办理室', kind: 'handling-room', regionCode: '990121' },
    { code: '990102001-petition-office', name: '东湖街道信访调处室', kind: 'petition-office', regionCode: '990102001' },
  ],
};

const HOSTILE = '<img src=x onerror="window.__pwned=1">楼道漏水（1101**********0021）';

function page(section: BoardPage['section'], items: BoardPage['items'], total = items.length): BoardPage {
  return {
    section,
    region: { code: '990100', name: '示范市', level: 'city' },
    unit: null,
    page: 1,
    pageSize: 20,
    total,
    totalCapped: false,
    retention: { years: 3, since: '2023-05-01T00:00:00.000Z' },
    items,
  };
}

const ACCEPTED = page(
  'accepted',
  [
    {
      id: 'p-1',
      category: 'complaint',
      subject: HOSTILE,
      unit: { code: '990102-handling-room-1', name: '东湖区第一办理室' },
      acceptedAt: '2026-05-03T02:00:00.000Z',
      committedDate: '2026-07-01T15:59:59.000Z',
      dueDate: '2026-07-02T15:59:59.000Z',
      status: 'handling',
    },
  ],
  45,
);

const RESULTS = page('results', [
  {
    id: 'p-2',
    category: 'suggestion',
    subject: '建议增设公交站',
    unit: { code: '990102-handling-room-1', name: '东湖区第一办理室' },
    result: 'support',
    publishedAt: '2026-06-01T02:00:00.000Z',
    status: 'concluded',
  },
]);

/** Answers the board's two requests by their path; everything asked is kept. */
function answerBoard(fetchMock: Mock, pages: Record<string, BoardPage> = { accepted: ACCEPTED, results: RESULTS }) {
  fetchMock.mockImplementation(async (input: string, init?: RequestInit) => {
    if (input.startsWith('/api/public/board/regions')) return json(200, CHOICES);
    if (input.startsWith('/api/public/board')) {
      const section = new URL(input, 'http://x').searchParams.get('section') ?? 'accepted';
      return json(200, pages[section] ?? page(section as BoardPage['section'], []));
    }
    if (input === '/api/board/takedowns' && init?.method === 'POST') return json(201, { petitionId: 'p-1', kind: 'taken-down' });
    return json(404, { message: 'not here' });
  });
}

async function mountBoard(path = '/board') {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/board', name: 'public-board', component: BoardView },
      { path: '/progress', name: 'public-progress', component: Stub },
      { path: '/login', name: 'login', component: Stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(BoardView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, router };
}

const boardCalls = (fetchMock: Mock) =>
  fetchMock.mock.calls.map(([input]) => String(input)).filter((input) => input.startsWith('/api/public/board?'));

describe('the region and unit choosers', () => {
  it('order the regions as a tree, each followed by those below it, indented by depth', () => {
    const options = regionOptions(CHOICES.regions);
    expect(options.map((o) => o.code)).toEqual(['990100', '990102', '990102001', '990121']);
    expect(options.map((o) => o.depth)).toEqual([0, 1, 2, 1]);
    expect(indented(options[2]!)).toBe('\u3000\u3000东湖街道');
  });

  it('offer the units of the region chosen and of the regions below it', () => {
    expect(unitsWithin(CHOICES.units, CHOICES.regions, '990102').map((u) => u.code)).toEqual(['990102-handling-room-1', '990102001-petition-office']);
    expect(unitsWithin(CHOICES.units, CHOICES.regions, '990121').map((u) => u.code)).toEqual(['990121-handling-room-1']);
    expect(unitsWithin(CHOICES.units, CHOICES.regions, null)).toHaveLength(3);
  });

  it('ask the API for one section, region and unit at a time', () => {
    expect(boardPath({ section: 'hearings', regionCode: '990102', unitCode: '990102-handling-room-1', page: 2, pageSize: 20 })).toBe(
      '/public/board?section=hearings&page=2&pageSize=20&regionCode=990102&unitCode=990102-handling-room-1',
    );
  });
});

describe('the public notice board page', () => {
  let fetchMock: Mock;
  beforeEach(() => {
    fetchMock = stubFetch();
  });

  it('shows the accepted matters as cards, with what the API sent as text and never as HTML, without a token', async () => {
    answerBoard(fetchMock);
    const { wrapper } = await mountBoard();
    await until(() => expect(wrapper.find('[data-testid="board-item-p-1"]').exists()).toBe(true));
    const card = wrapper.get('[data-testid="board-item-p-1"]');
    expect(card.get('[data-testid="board-item-subject"]').text()).toBe(HOSTILE);
    expect(card.find('img').exists()).toBe(false);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(card.text()).toContain('东湖区第一办理室');
    expect(card.text()).toContain('申诉求决类');
    expect(card.get('[data-testid="board-item-status"]').text()).toBe('办理中');
    // China time: committed to the end of 1 July
    expect(card.text()).toContain('2026-07-01');
    expect(wrapper.get('[data-testid="board-total"]').text()).toBe('共 45 条');
    expect(wrapper.find('[data-testid="board-pager"]').exists()).toBe(true);
    // signed out: nobody is offered a takedown, and no request carried a token
    expect(wrapper.find('[data-testid="board-take-down-p-1"]').exists()).toBe(false);
    for (const [, init] of fetchMock.mock.calls) expect(JSON.stringify((init as RequestInit | undefined)?.headers ?? {})).not.toContain('Authorization');
    wrapper.unmount();
  });

  it('switches to the results tab, keeping the section in the address, and to English', async () => {
    answerBoard(fetchMock);
    const { wrapper, router } = await mountBoard();
    await until(() => expect(wrapper.find('[data-testid="board-item-p-1"]').exists()).toBe(true));
    await wrapper.get('#tab-results').trigger('click');
    await until(() => expect(wrapper.find('[data-testid="board-item-p-2"]').exists()).toBe(true));
    expect(boardCalls(fetchMock).pop()).toContain('section=results');
    expect(router.currentRoute.value.query.section).toBe('results');
    expect(wrapper.get('[data-testid="board-item-result"]').text()).toBe('支持');
    setLocale('en', null);
    await settle();
    expect(wrapper.get('[data-testid="board-title"]').text()).toBe('Public notice board');
    expect(wrapper.get('[data-testid="board-item-p-2"]').text()).toContain('Suggestion');
    wrapper.unmount();
  });

  it('opens on the region, unit and section the address names', async () => {
    answerBoard(fetchMock);
    const { wrapper } = await mountBoard('/board?region=990102&unit=990102-handling-room-1&section=results');
    await until(() => expect(boardCalls(fetchMock).length).toBeGreaterThan(0));
    const first = new URL(boardCalls(fetchMock)[0]!, 'http://x').searchParams;
    expect(Object.fromEntries(first)).toMatchObject({ section: 'results', regionCode: '990102', unitCode: '990102-handling-room-1', page: '1' });
    wrapper.unmount();
  });

  it('says so when the board cannot be read (too many requests), in the API’s words', async () => {
    fetchMock.mockImplementation(async (input: string) =>
      input.startsWith('/api/public/board/regions') ? json(200, CHOICES) : json(429, { statusCode: 429, message: '请求过于频繁，请在 42 秒后重试' }, { 'Retry-After': '42' }),
    );
    const { wrapper } = await mountBoard();
    await until(() => expect(wrapper.find('[data-testid="board-error"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="board-error"]').text()).toContain('请求过于频繁，请在 42 秒后重试');
    wrapper.unmount();
  });

  it('lets a signed-in supervisor take a notice down, with a reason of at least 4 characters', async () => {
    session.signIn({ accessToken: 'token', user: { username: 'donghu.supervisor', displayName: '郑红', unitCode: '990102-petition-office', unitName: '东湖区信访接待办理中心', roles: ['supervisor'] } });
    answerBoard(fetchMock);
    const { wrapper } = await mountBoard();
    await until(() => expect(wrapper.find('[data-testid="board-take-down-p-1"]').exists()).toBe(true));
    await wrapper.get('[data-testid="board-take-down-p-1"]').trigger('click');
    await settle();
    const reason = () => wrapper.get('textarea[data-testid="reason-input"]');
    const submit = () => wrapper.get('[data-testid="reason-form"]').trigger('submit');
    // a reason too short is not sent
    await reason().setValue('隐私');
    await submit();
    await settle();
    const posts = () => fetchMock.mock.calls.filter(([input]) => input === '/api/board/takedowns');
    expect(posts()).toHaveLength(0);
    await until(() => expect(wrapper.get('[data-testid="reason-dialog"]').text()).toContain('请填写 4 至 500 个字的理由'));
    // a reason long enough is sent with the supervisor's token, and the board is read again
    const before = boardCalls(fetchMock).length;
    await reason().setValue('公示内容可能涉及当事人隐私');
    await submit();
    await until(() => expect(posts()).toHaveLength(1));
    const [, init] = posts()[0]!;
    expect(JSON.parse(String((init as RequestInit).body))).toEqual({ petitionId: 'p-1', reason: '公示内容可能涉及当事人隐私' });
    expect(JSON.stringify((init as RequestInit).headers)).toContain('Bearer token');
    await until(() => expect(boardCalls(fetchMock).length).toBeGreaterThan(before));
    wrapper.unmount();
  });
});

describe('the supervisors’ board management page', () => {
  it('is in the navigation for supervisors only', () => {
    const has = (roles: string[]) => navFor([supervisionWorkspace], roles).some((n) => n.testId === 'nav-supervision-board');
    expect(has(['supervisor'])).toBe(true);
    expect(has(['unit-head'])).toBe(false);
    expect(has(['handler'])).toBe(false);
  });
});

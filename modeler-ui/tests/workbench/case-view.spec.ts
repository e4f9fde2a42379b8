// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import { i18n } from '@/i18n';
import CaseView from '@/workspaces/workbench/views/CaseView.vue';
import { json, settle, until, usePageTests } from '../helpers/page';
import { petitionOf, ROOM1, ROOM1_HANDLER, signIn, stubApi } from '../helpers/workbench';

// The case page (卷宗) against a stubbed API: the record in words, the files by stage, the task its
// viewer may act on, and the not-found state.

async function mountCase(id: string) {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/workbench/petitions/:id', name: 'workbench-petition', component: CaseView },
      { path: '/workbench/tasks/:id', name: 'workbench-task', component: Stub },
      { path: '/workbench/tasks', name: 'workbench-tasks', component: Stub },
    ],
  });
  await router.push(`/workbench/petitions/${id}`);
  await router.isReady();
  const wrapper = mount(CaseView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return wrapper;
}

const CASE = petitionOf({
  status: 'accepting',
  timeline: [
    {
      kind: 'routed',
      at: '2026-11-20T02:00:00.000Z',
      unit: { code: '990102-petition-office', name: '东湖区信访局' },
      actor: 'system',
      by: { username: 'system', name: null },
      note: 'routing.dmn: complaint / county → county / handling-room',
      params: { to: ROOM1.code, toName: ROOM1.name },
    },
    { kind: 'claimed', at: '2026-11-20T03:00:00.000Z', unit: ROOM1, actor: 'donghu.room1', by: { username: 'donghu.room1', name: '刘洋' }, note: null },
  ],
  handOvers: [{ seq: 1, kind: 'route', from: { code: 'o', name: '东湖区信访局' }, to: ROOM1, reason: 'routing.dmn', actor: 'system', by: { username: 'system', name: null }, at: '2026-11-20T02:00:00.000Z', dueAt: null }],
  openTasks: [
    { taskId: 'task-mine', step: 'accept-decision', unit: ROOM1, assignee: null, dueAt: null, createdAt: '2026-11-20T02:00:00.000Z' },
    { taskId: 'task-other', step: 'handle-petition', unit: { code: 'room-2', name: '第二办理室' }, assignee: null, dueAt: null, createdAt: '2026-11-20T02:00:00.000Z' },
  ],
});

const FILES = [
  { id: 'a1', fileName: '现场照片.png', mediaType: 'image/png', size: 2048, sha256: 'x', stage: 'materials', taskId: null, uploadedAt: '2026-11-20T02:00:00.000Z', uploadedBy: { username: 'donghu.registrar', name: '陈晨' }, unit: { code: 'o', name: '东湖区信访局' } },
  { id: 'a2', fileName: '调查笔录.pdf', mediaType: 'application/pdf', size: 4096, sha256: 'y', stage: 'evidence', taskId: 't', uploadedAt: '2026-11-21T02:00:00.000Z', uploadedBy: { username: 'donghu.room1', name: '刘洋' }, unit: ROOM1 },
];

usePageTests();

describe('the case page', () => {
  it('shows the record in words, the files by stage, and links only the task of the viewer’s unit', async () => {
    signIn(ROOM1_HANDLER);
    stubApi((url) => {
      if (url === '/api/petitions/p1') return json(200, CASE);
      if (url === '/api/petitions/p1/attachments') return json(200, FILES);
      if (url.startsWith('/api/petitions/p1/path')) return json(200, []);
      if (url.startsWith('/api/notices') || url.includes('/notices')) return json(200, { total: 0, items: [] });
      if (url.startsWith('/api/processes/')) return json(404, { message: 'no diagram' });
      return undefined;
    });
    const wrapper = await mountCase('p1');
    await until(() => expect(wrapper.find('[data-testid="attachment-row"]').exists()).toBe(true));

    expect(wrapper.find('[data-testid="case-page-number"]').text()).toBe('XF-990102-2026-000001');
    const timeline = wrapper.find('[data-testid="timeline"]').text();
    expect(timeline).toContain('按路由规则交由 第一办理室 办理');
    expect(timeline).toContain('刘洋 签收任务');
    expect(timeline).toContain('系统');
    expect(timeline).not.toContain('routing.dmn');
    expect(wrapper.find('[data-testid="case-hand-overs"]').text()).not.toContain('routing.dmn');

    expect(wrapper.find('[data-testid="attachments-materials"]').text()).toContain('现场照片.png');
    expect(wrapper.find('[data-testid="attachments-materials"]').text()).toContain('陈晨');
    expect(wrapper.find('[data-testid="attachments-evidence"]').text()).toContain('调查笔录.pdf');

    const links = wrapper.findAll('[data-testid="case-task-link"]');
    expect(links).toHaveLength(1);
    expect(links[0]!.attributes('href')).toBe('/workbench/tasks/task-mine');
    expect(wrapper.find('[data-testid="case-other-task"]').text()).toContain('第二办理室');
  });

  it('says 未找到该案件或无权查看 when the API answers 404, and shows no record', async () => {
    signIn(ROOM1_HANDLER);
    stubApi((url) => (url === '/api/petitions/nope' ? json(404, { message: '未找到信访事项' }) : undefined));
    const wrapper = await mountCase('nope');
    await until(() => expect(wrapper.find('[data-testid="case-not-found"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="case-not-found"]').text()).toContain('未找到该案件或无权查看');
    expect(wrapper.find('[data-testid="case-record"]').exists()).toBe(false);
  });
});

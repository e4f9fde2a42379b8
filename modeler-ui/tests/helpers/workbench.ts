// What the workbench's page tests share: who is signed in, the API's answers (every call recorded),
// a task and its petition as the API shows them, and the task page and step form mounted.
import { vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, type Component } from 'vue';
import { i18n } from '@/i18n';
import { session } from '@/auth/session';
import type { SignedInUser } from '@/api';
import StepForm from '@/workspaces/workbench/components/StepForm.vue';
import TaskView from '@/workspaces/workbench/views/TaskView.vue';
import { json, settle } from './page';

export const ROOM1 = { code: '990102-handling-room-1', name: '第一办理室' };

/** 刘洋, a handler of 东湖区第一办理室. */
export const ROOM1_HANDLER: SignedInUser = { username: 'donghu.room1', displayName: '刘洋', unitCode: ROOM1.code, unitName: ROOM1.name, roles: ['handler'] };

export function signIn(user: SignedInUser): void {
  session.signIn({ accessToken: 'token', user });
}

export interface Call {
  url: string;
  method: string;
  /** The JSON body sent, parsed. */
  body: unknown;
}

/** An answer for a call of the page; undefined: not this one (the API then answers 404). */
export type Answer = (url: string, init: RequestInit | undefined, body: unknown) => Response | undefined;

/** Stubs fetch with `answer` and records every call, in order. */
export function stubApi(answer: Answer): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, method: init?.method ?? 'GET', body });
      return answer(url, init, body) ?? json(404, { message: `unexpected ${url}` });
    }),
  );
  return calls;
}

/** The POSTs among the calls, as [url, body]. */
export const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body]);

/** A task of the task page (GET /api/tasks/:id), on the petition of `petitionOf`, claimed by 刘洋. */
export function taskOf(step: string, extra: Record<string, unknown> = {}) {
  return {
    id: 't1',
    name: null,
    step,
    created: '2026-11-20T02:00:00.000Z',
    due: '2027-01-20T15:59:59.000Z',
    assignee: 'donghu.room1',
    unit: ROOM1,
    petition: { id: 'p1', number: 'XF-990102-2026-000001', subject: '外墙', category: 'complaint', status: 'handling' },
    options: {},
    ...extra,
  };
}

/** A petition as the API shows it to its handling room (GET /api/petitions/p1), nothing after the reply yet. */
export function petitionOf(extra: Record<string, unknown> = {}) {
  return {
    id: 'p1',
    number: 'XF-990102-2026-000001',
    status: 'handling',
    channel: 'visit',
    category: 'complaint',
    matterScope: 'county',
    subject: '外墙瓷砖脱落',
    content: '外墙瓷砖脱落',
    region: { code: '990102001002', name: '柳岸社区' },
    collective: false,
    personCount: 1,
    currentUnit: ROOM1,
    receivingUnit: null,
    petitioners: [{ name: '张*', idNumber: '1101**********002X', phone: '138****8000', masked: true }],
    deadlines: [],
    taskDeadlines: [],
    supervision: [],
    timeline: [],
    servedAt: null,
    serviceMethod: null,
    ratings: [],
    reviews: [],
    concludedAt: null,
    conclusionGround: null,
    hearings: [],
    representativeOpinions: [],
    ...extra,
  };
}

/**
 * Mounts a workbench page at `path`, under a router that knows the pages it leads to (the task list,
 * a task, registration, the print queue), and lets it load.
 */
export async function mountWorkbenchPage(page: Component, path: string) {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/workbench/tasks', name: 'workbench-tasks', component: Stub },
      { path: '/workbench/tasks/:id', name: 'workbench-task', component: Stub },
      { path: '/workbench/register', name: 'workbench-register', component: Stub },
      { path: '/workbench/print-queue', name: 'workbench-print-queue', component: Stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(page, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, router };
}

/** Mounts the task page of task `id`. */
export const mountTaskPage = (id: string) => mountWorkbenchPage(TaskView, `/workbench/tasks/${id}`);

/** Mounts the step form of `step`, with no options, units or API errors. */
export function mountStepForm(step: string) {
  return mount(StepForm, {
    props: { step, options: {}, units: [], fieldErrors: [] },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

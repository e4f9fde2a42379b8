import type { Workspace } from '../types';

const CASE_WORK = ['registrar', 'agent', 'handler', 'unit-head'];
/** 卷宗检索: everyone who works on cases, supervisors too (within their region). */
const CASE_SEARCH = [...CASE_WORK, 'supervisor'];
/** 群众代表名册: kept by the petition office's staff, looked up by those who invite representatives. */
const REPRESENTATIVE_REGISTER = ['registrar', 'handler', 'unit-head'];
/** 告知书打印与寄送: the petition office's and the units' staff print and post their letters, and resend failed notices. */
export const PRINT_ROOM = ['registrar', 'handler', 'unit-head'];
/** 卷宗: everyone who works on cases, and the supervisors who oversee them. */
const CASE_FILE_READERS = [...CASE_WORK, 'supervisor'];

export const workbenchWorkspace: Workspace = {
  id: 'workbench',
  routes: [
    { path: '/workbench', name: 'workbench-home', component: () => import('./views/WorkbenchHome.vue') },
    { path: '/workbench/tasks', name: 'workbench-tasks', component: () => import('./views/TaskListView.vue') },
    { path: '/workbench/tasks/:id', name: 'workbench-task', component: () => import('./views/TaskView.vue') },
    {
      // 卷宗: supervisors read cases too (their home is the supervision workspace; meta.roles lets them in).
      path: '/workbench/petitions/:id',
      name: 'workbench-petition',
      component: () => import('./views/CaseView.vue'),
      meta: { roles: CASE_FILE_READERS },
    },
    { path: '/workbench/register', name: 'workbench-register', component: () => import('./views/RegisterView.vue') },
    {
      path: '/workbench/petitions',
      name: 'workbench-petitions',
      component: () => import('./views/PetitionSearchView.vue'),
      meta: { roles: CASE_SEARCH },
    },
    {
      path: '/workbench/representatives',
      name: 'workbench-representatives',
      component: () => import('./views/RepresentativesView.vue'),
      meta: { roles: REPRESENTATIVE_REGISTER },
    },
    {
      path: '/workbench/print-queue',
      name: 'workbench-print-queue',
      component: () => import('./views/PrintQueueView.vue'),
      meta: { roles: PRINT_ROOM },
    },
  ],
  nav: [
    { to: 'workbench-home', label: 'workbench.nav.home', roles: CASE_WORK, testId: 'nav-workbench-home' },
    { to: 'workbench-tasks', label: 'workbench.nav.tasks', roles: CASE_WORK, testId: 'nav-workbench-tasks' },
    { to: 'workbench-petitions', label: 'workbench.search.nav', roles: CASE_SEARCH, testId: 'nav-workbench-petitions' },
    { to: 'workbench-register', label: 'workbench.nav.register', roles: ['registrar', 'agent'], testId: 'nav-workbench-register' },
    { to: 'workbench-representatives', label: 'workbench.nav.representatives', roles: REPRESENTATIVE_REGISTER, testId: 'nav-workbench-representatives' },
    { to: 'workbench-print-queue', label: 'workbench.nav.printQueue', roles: PRINT_ROOM, testId: 'nav-workbench-print-queue' },
  ],
};

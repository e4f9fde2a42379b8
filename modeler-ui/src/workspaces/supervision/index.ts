import type { Workspace } from '../types';

const SUPERVISORS = ['supervisor', 'unit-head'];

export const supervisionWorkspace: Workspace = {
  id: 'supervision',
  routes: [
    {
      path: '/supervision',
      name: 'supervision-overdue',
      // Loaded on demand: keeps ECharts out of the other pages' bundles.
      component: () => import('./OverdueView.vue'),
      meta: { roles: SUPERVISORS },
    },
    {
      path: '/supervision/heat',
      name: 'supervision-heat',
      component: () => import('./HeatView.vue'),
      meta: { roles: SUPERVISORS },
    },
    {
      path: '/supervision/notices',
      name: 'supervision-notices',
      component: () => import('./NoticesView.vue'),
      meta: { roles: [...SUPERVISORS, 'handler'] },
    },
    {
      path: '/supervision/deliveries',
      name: 'supervision-deliveries',
      component: () => import('./DeliveriesView.vue'),
      meta: { roles: SUPERVISORS },
    },
    {
      path: '/supervision/board',
      name: 'supervision-board',
      component: () => import('./board/BoardExclusionsView.vue'),
      meta: { roles: ['supervisor'] },
    },
    {
      path: '/supervision/assessment',
      name: 'supervision-assessment',
      component: () => import('./assessment/AssessmentView.vue'),
      meta: { roles: SUPERVISORS },
    },
    {
      path: '/supervision/assessment/ranking',
      name: 'supervision-assessment-ranking',
      component: () => import('./assessment/RankingView.vue'),
      meta: { roles: SUPERVISORS },
    },
    {
      path: '/supervision/annual-report',
      name: 'supervision-annual-report',
      component: () => import('./annual-report/AnnualReportView.vue'),
      meta: { roles: ['supervisor'] },
    },
  ],
  nav: [
    { to: 'supervision-overdue', label: 'supervision.nav.overdue', roles: SUPERVISORS, testId: 'nav-supervision-overdue' },
    { to: 'supervision-heat', label: 'supervision.nav.heat', roles: SUPERVISORS, testId: 'nav-supervision-heat' },
    { to: 'supervision-notices', label: 'supervision.nav.notices', roles: [...SUPERVISORS, 'handler'], testId: 'nav-supervision-notices' },
    { to: 'supervision-deliveries', label: 'supervision.nav.deliveries', roles: SUPERVISORS, testId: 'nav-supervision-deliveries' },
    { to: 'supervision-board', label: 'publicPage.board.manage.nav', roles: ['supervisor'], testId: 'nav-supervision-board' },
    { to: 'supervision-assessment', label: 'assessment.nav.dashboard', roles: SUPERVISORS, testId: 'nav-supervision-assessment' },
    { to: 'supervision-assessment-ranking', label: 'assessment.nav.ranking', roles: SUPERVISORS, testId: 'nav-supervision-assessment-ranking' },
    { to: 'supervision-annual-report', label: 'annualReport.nav', roles: ['supervisor'], testId: 'nav-supervision-annual-report' },
  ],
};

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
  ],
  nav: [
    { to: 'supervision-overdue', label: 'supervision.nav.overdue', roles: SUPERVISORS, testId: 'nav-supervision-overdue' },
    { to: 'supervision-heat', label: 'supervision.nav.heat', roles: SUPERVISORS, testId: 'nav-supervision-heat' },
    { to: 'supervision-notices', label: 'supervision.nav.notices', roles: [...SUPERVISORS, 'handler'], testId: 'nav-supervision-notices' },
    { to: 'supervision-deliveries', label: 'supervision.nav.deliveries', roles: SUPERVISORS, testId: 'nav-supervision-deliveries' },
  ],
};

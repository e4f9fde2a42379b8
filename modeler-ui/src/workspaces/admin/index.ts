import type { Workspace } from '../types';

/** 系统管理员: the settings of the product itself, as opposed to case work or supervision. */
const SYSTEM_ADMINS = ['system-admin'];

export const adminWorkspace: Workspace = {
  id: 'admin',
  routes: [
    {
      path: '/admin/notice-templates',
      name: 'admin-notice-templates',
      component: () => import('./NoticeTemplatesView.vue'),
      meta: { roles: SYSTEM_ADMINS },
    },
  ],
  nav: [{ to: 'admin-notice-templates', label: 'admin.nav.noticeTemplates', roles: SYSTEM_ADMINS, testId: 'nav-admin-notice-templates' }],
};

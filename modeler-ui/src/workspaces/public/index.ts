import type { Workspace } from '../types';

export const publicWorkspace: Workspace = {
  id: 'public',
  routes: [],
  // No sign-in: petitioners follow their case with the number and query code from their receipt.
  publicRoutes: [{ path: '/progress', name: 'public-progress', component: () => import('./ProgressView.vue') }],
  nav: [],
};

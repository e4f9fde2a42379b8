import type { Workspace } from '../types';

export const publicWorkspace: Workspace = {
  id: 'public',
  routes: [],
  // No sign-in: petitioners follow their case with the number and query code from their receipt.
  publicRoutes: [
    { path: '/progress', name: 'public-progress', component: () => import('./ProgressView.vue') },
    // 公告公示: anyone reads the board; a supervisor signed in on the device can take a notice down.
    { path: '/board', name: 'public-board', component: () => import('./board/BoardView.vue') },
  ],
  nav: [],
};

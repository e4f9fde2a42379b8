import type { Workspace } from '../types';

export const supervisionWorkspace: Workspace = {
  id: 'supervision',
  routes: [],
  nav: [],
};

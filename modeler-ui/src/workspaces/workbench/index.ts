import type { Workspace } from '../types';

export const workbenchWorkspace: Workspace = {
  id: 'workbench',
  routes: [],
  nav: [],
};

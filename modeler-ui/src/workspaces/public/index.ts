import type { Workspace } from '../types';

export const publicWorkspace: Workspace = {
  id: 'public',
  routes: [],
  nav: [],
};

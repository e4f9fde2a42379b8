import { adminWorkspace } from './admin';
import { publicWorkspace } from './public';
import { supervisionWorkspace } from './supervision';
import type { Workspace } from './types';
import { workbenchWorkspace } from './workbench';

/** Every workspace of the app; the router mounts their pages, the shell lists their navigation. */
export const WORKSPACES: Workspace[] = [workbenchWorkspace, supervisionWorkspace, adminWorkspace, publicWorkspace];

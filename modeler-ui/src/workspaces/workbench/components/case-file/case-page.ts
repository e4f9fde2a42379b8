// Which open task of a case its viewer may act on: one offered to the viewer's unit, or claimed by
// them, and only for those who do case work (a supervisor reads the case, the unit acts on it). The
// API decides again when the task is opened; this only decides whether to offer the link.
import type { CaseOpenTask } from '../../types';

export const CASE_WORK_ROLES = ['registrar', 'agent', 'handler', 'unit-head'];

export interface Viewer {
  username: string;
  unitCode: string;
  roles: readonly string[];
}

export function tasksForViewer(tasks: readonly CaseOpenTask[] | undefined, viewer: Viewer | null): CaseOpenTask[] {
  if (!viewer || !viewer.roles.some((r) => CASE_WORK_ROLES.includes(r))) return [];
  return (tasks ?? []).filter((task) =>
    task.assignee ? task.assignee.username === viewer.username : task.unit?.code === viewer.unitCode,
  );
}

/** The stage a viewer's upload goes to on the case page: materials at the desk, evidence for a unit working on it. */
export function pageUploadStage(roles: readonly string[], mayAct: boolean): 'materials' | 'evidence' | null {
  if (roles.includes('registrar') || roles.includes('agent')) return 'materials';
  if (mayAct && (roles.includes('handler') || roles.includes('unit-head'))) return 'evidence';
  return null;
}

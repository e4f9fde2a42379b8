/**
 * Where a signed-in person lands. `/home` is resolved by role (see the router's `home` route),
 * so that a first visit to `/` and a sign-in without `?redirect=` reach the person's own workspace.
 */
export const HOME_PATH = '/home';

/** Process administrators and administrators: the process diagrams. */
export const PROCESSES_PATH = '/processes';
export const WORKBENCH_PATH = '/workbench';
export const SUPERVISION_PATH = '/supervision';
/** System administrators: their pages inside the signed-in frame (the processes page has no side menu). */
export const ADMIN_PATH = '/admin/notice-templates';

const CASE_ROLES = ['registrar', 'agent', 'handler', 'unit-head'];

/** The home page of a person with these roles: case work first, then supervision, administration, else the processes. */
export function homeFor(roles: readonly string[]): string {
  if (roles.some((r) => CASE_ROLES.includes(r))) return WORKBENCH_PATH;
  if (roles.includes('supervisor')) return SUPERVISION_PATH;
  if (roles.includes('system-admin') && !roles.includes('process-admin')) return ADMIN_PATH;
  return PROCESSES_PATH;
}

/** Accept only same-site paths as a post-sign-in destination (no open redirects). */
export function safeRedirect(value: unknown): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string') return HOME_PATH;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return HOME_PATH;
  if (path === '/login' || path.startsWith('/login?') || path.startsWith('/login#')) return HOME_PATH;
  return path;
}

/** Whether a person with `roles` may open a page restricted to `allowed` (no restriction: anyone signed in). */
export function mayOpen(allowed: readonly string[] | undefined, roles: readonly string[]): boolean {
  return !allowed || allowed.length === 0 || allowed.some((role) => roles.includes(role));
}

import type { RouteRecordRaw } from 'vue-router';

/** One entry of the side navigation: shown to users holding one of `roles` (empty: everyone signed in). */
export interface NavItem {
  /** Route name to go to. */
  to: string;
  /** i18n key of the label. */
  label: string;
  roles: string[];
  testId: string;
}

/**
 * A user group's part of the app (workbench, supervision, …): its pages, mounted inside the signed-in
 * shell, and its side-navigation entries. Each workspace lives in its own folder with its own i18n
 * namespace, so that the parts grow independently.
 */
export interface Workspace {
  id: string;
  /** Pages inside the signed-in shell (header and side navigation). */
  routes: RouteRecordRaw[];
  /** Pages outside it (the petitioners' public page). */
  publicRoutes?: RouteRecordRaw[];
  nav: NavItem[];
}

/** The nav entries a user with these roles sees. */
export function navFor(workspaces: Workspace[], roles: readonly string[]): NavItem[] {
  return workspaces.flatMap((w) => w.nav).filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));
}

import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router';
import { session } from '@/auth/session';
import LoginView from '@/views/LoginView.vue';
import AppShell from '@/components/AppShell.vue';
import { WORKSPACES } from '@/workspaces';
import { HOME_PATH, homeFor, mayOpen, PROCESSES_PATH, safeRedirect } from './redirect';

const DefinitionsView = () => import('@/views/DefinitionsView.vue');

export { HOME_PATH, safeRedirect };

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean;
    /** Only people holding one of these roles open the page; others land on their own home. */
    roles?: string[];
    /** The definition kind the modeler page lists (process, decision, form). */
    kind?: string;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/login', name: 'login', component: LoginView },
    // The modeler page, one per definition kind; loaded on demand to keep bpmn-js, dmn-js and
    // form-js out of the sign-in page's bundle.
    {
      path: '/processes/:key?',
      name: 'processes',
      component: DefinitionsView,
      meta: { requiresAuth: true, kind: 'process' },
    },
    {
      path: '/decisions/:key?',
      name: 'decisions',
      component: DefinitionsView,
      meta: { requiresAuth: true, kind: 'decision', roles: ['process-admin'] },
    },
    {
      path: '/forms/:key?',
      name: 'forms',
      component: DefinitionsView,
      meta: { requiresAuth: true, kind: 'form', roles: ['process-admin'] },
    },
    // The workspaces' pages, inside the signed-in frame; the public pages, outside it.
    ...WORKSPACES.flatMap((w) => w.publicRoutes ?? []),
    {
      // Children give absolute paths (/workbench/…, /supervision/…).
      path: '/',
      component: AppShell,
      children: [
        { path: '', redirect: HOME_PATH },
        // `/home` belongs to no one workspace: it sends a signed-in person to the home of their roles
        // (the guard always redirects). Kept here so that workspaces never import the router. A
        // signed-out visit signs in first and comes back here, not to the home of no roles.
        { path: HOME_PATH, name: 'home', component: { render: () => null }, beforeEnter: roleHome, meta: { requiresAuth: true } },
        ...WORKSPACES.flatMap((w) => w.routes).map((r) => ({ ...r, meta: { ...r.meta, requiresAuth: true } })),
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: HOME_PATH },
  ],
});

/**
 * The home of the signed-in person's roles; a home whose workspace is not mounted (yet) falls back to
 * the process diagrams instead of looping through the catch-all.
 */
function roleHome(): RouteLocationRaw {
  const target = homeFor(session.state.user?.roles ?? []);
  const resolved = router.resolve(target);
  const mounted = resolved.matched.length > 0 && !resolved.matched.some((r) => r.path.includes(':pathMatch'));
  return mounted ? target : PROCESSES_PATH;
}

router.beforeEach((to): RouteLocationRaw | true => {
  if (to.meta.requiresAuth && !session.isSignedIn.value) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (to.name === 'login' && session.isSignedIn.value) {
    return safeRedirect(to.query.redirect);
  }
  const roles = session.state.user?.roles ?? [];
  if (!mayOpen(to.meta.roles, roles)) return homeFor(roles);
  return true;
});

/** Called when the API rejects the token: drop the session and go to sign-in. */
export function returnToSignIn(): void {
  session.signOut();
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  void router.replace({
    name: 'login',
    query: { redirect: current.fullPath, expired: '1' },
  });
}

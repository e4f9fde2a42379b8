// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '@/auth/session';
import { router } from '@/router';

// `/home` is the router's own route (workspaces do not import the router): it still asks for a
// sign-in first, then sends each person to the home of their roles.
afterEach(() => session.signOut());

const signIn = (roles: string[]) =>
  session.signIn({ accessToken: 't', user: { username: 'someone', displayName: '某人', unitCode: '', unitName: '', roles } });

describe('the role home', () => {
  it('sends a signed-out visit of the site to sign in, and back to the role home after', async () => {
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/home');
  });

  it('sends a case worker to the workbench and a supervisor to supervision', async () => {
    signIn(['registrar']);
    await router.push('/home');
    expect(router.currentRoute.value.path).toBe('/workbench');
    signIn(['supervisor']);
    await router.push('/');
    expect(router.currentRoute.value.path).toBe('/supervision');
  });
});

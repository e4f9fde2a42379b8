import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, USER_STORAGE_KEY, createSessionStore } from '@/auth/session';
import { HOME_PATH, safeRedirect } from '@/router/redirect';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const user = {
  username: 'lisi',
  displayName: '李四',
  unitCode: '330102',
  unitName: '上城区信访局',
  roles: ['supervisor'],
};

describe('session store', () => {
  it('stores token and user on sign-in and restores them on reload', () => {
    const storage = memoryStorage();
    const first = createSessionStore(storage);
    expect(first.isSignedIn.value).toBe(false);

    first.signIn({ accessToken: 'abc', user });
    expect(first.isSignedIn.value).toBe(true);
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc');

    const reloaded = createSessionStore(storage);
    expect(reloaded.token()).toBe('abc');
    expect(reloaded.state.user?.unitName).toBe('上城区信访局');
  });

  it('forgets everything on sign-out', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    store.signIn({ accessToken: 'abc', user });
    store.signOut();
    expect(store.token()).toBeNull();
    expect(store.state.user).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('treats a corrupt stored user as signed out', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'abc', [USER_STORAGE_KEY]: '{not json' });
    expect(createSessionStore(storage).isSignedIn.value).toBe(false);
  });
});

describe('post-sign-in redirect', () => {
  it('keeps same-site paths', () => {
    expect(safeRedirect('/processes/petition')).toBe('/processes/petition');
  });

  it('refuses other sites, the sign-in page itself and junk', () => {
    expect(safeRedirect('https://evil.example/')).toBe(HOME_PATH);
    expect(safeRedirect('//evil.example/')).toBe(HOME_PATH);
    expect(safeRedirect('/\\evil.example')).toBe(HOME_PATH);
    expect(safeRedirect('/login?redirect=/x')).toBe(HOME_PATH);
    expect(safeRedirect(undefined)).toBe(HOME_PATH);
  });
});

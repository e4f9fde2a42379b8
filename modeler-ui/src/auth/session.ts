// The signed-in session: access token and user, kept in sessionStorage so that
// it survives a page reload but not the closing of the browser tab.
import { computed, reactive, readonly } from 'vue';
import type { LoginResponse, SignedInUser } from '@/api/types';

export const TOKEN_STORAGE_KEY = 'petition.ui.accessToken';
export const USER_STORAGE_KEY = 'petition.ui.user';

type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface SessionState {
  token: string | null;
  user: SignedInUser | null;
}

function parseUser(raw: string | null): SignedInUser | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SignedInUser> | null;
    if (!value || typeof value.username !== 'string') return null;
    return {
      username: value.username,
      displayName: typeof value.displayName === 'string' ? value.displayName : value.username,
      unitCode: typeof value.unitCode === 'string' ? value.unitCode : '',
      unitName: typeof value.unitName === 'string' ? value.unitName : '',
      roles: Array.isArray(value.roles) ? value.roles.filter((r) => typeof r === 'string') : [],
    };
  } catch {
    return null;
  }
}

export function createSessionStore(storage: SessionStorageLike | null) {
  const read = (key: string): string | null => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };

  const token = read(TOKEN_STORAGE_KEY);
  const user = parseUser(read(USER_STORAGE_KEY));
  // A token without its user (or the reverse) is treated as no session.
  const state = reactive<SessionState>(token && user ? { token, user } : { token: null, user: null });

  function signIn(result: LoginResponse): void {
    state.token = result.accessToken;
    state.user = result.user;
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, result.accessToken);
      storage?.setItem(USER_STORAGE_KEY, JSON.stringify(result.user));
    } catch {
      // Storage full or disabled: the session still lives in memory.
    }
  }

  function signOut(): void {
    state.token = null;
    state.user = null;
    try {
      storage?.removeItem(TOKEN_STORAGE_KEY);
      storage?.removeItem(USER_STORAGE_KEY);
    } catch {
      // ignore
    }
  }

  return {
    state: readonly(state),
    isSignedIn: computed(() => state.token !== null),
    token: () => state.token,
    signIn,
    signOut,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function browserSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The application's session. */
export const session = createSessionStore(browserSessionStorage());

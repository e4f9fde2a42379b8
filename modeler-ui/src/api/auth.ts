import { ApiError, type ApiClient, type Translate } from './client';
import type { LoginRequest, LoginResponse } from './types';

function isLoginResponse(value: unknown): value is LoginResponse {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<LoginResponse>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken !== '' &&
    !!v.user &&
    typeof v.user === 'object' &&
    typeof v.user.username === 'string'
  );
}

/** POST /api/auth/login. Rejects with ApiError (message ready to show). */
export async function login(
  client: ApiClient,
  credentials: LoginRequest,
  translate: Translate,
): Promise<LoginResponse> {
  const result = await client.post<unknown>('/auth/login', credentials);
  if (!isLoginResponse(result)) {
    throw new ApiError(translate('errors.badResponse'), 'bad-response', 200);
  }
  const user = result.user;
  return {
    accessToken: result.accessToken,
    user: {
      username: user.username,
      displayName: user.displayName || user.username,
      unitCode: user.unitCode ?? '',
      unitName: user.unitName ?? '',
      roles: Array.isArray(user.roles) ? user.roles : [],
    },
  };
}

/** POST /api/auth/logout: ends the session on the server, so the token is useless even if it was copied. */
export async function logout(client: ApiClient): Promise<void> {
  try {
    await client.post<unknown>('/auth/logout');
  } catch {
    // Already ended or unreachable: signing out locally still proceeds.
  }
}

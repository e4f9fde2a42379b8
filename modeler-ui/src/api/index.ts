// The application-wide API client instance.
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import { createApiClient } from './client';

let unauthorizedHandler: (() => void) | null = null;

/** Register what happens when the API rejects our token (set up in main.ts). */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

/** For requests made outside the client (files, the inbox stream): the API rejected our token. */
export function reportUnauthorized(): void {
  unauthorizedHandler?.();
}

export const api = createApiClient({
  baseUrl: '/api',
  translate,
  getToken: session.token,
  getLocale: currentLocale,
  onUnauthorized: () => unauthorizedHandler?.(),
});

export { ApiError } from './client';
export type * from './types';

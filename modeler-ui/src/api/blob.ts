// Files the API sends (the notices' PDF, the registration receipt): fetched with the bearer token,
// since a plain link or <a href> would carry none, and never with the token in the URL.
import { session } from '@/auth/session';
import { currentLocale, translate } from '@/i18n';
import { ApiError, messageFromBody, type FetchLike } from './client';
import { reportUnauthorized } from './index';

export interface BlobRequest {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
  /** Defaults to the global fetch. Tests pass a fake. */
  fetch?: FetchLike;
  /** Milliseconds before the request is abandoned; default 60 000 (a PDF is drawn on request). */
  timeoutMs?: number;
}

/** `path` under /api, answered with a file; failures become ApiError with the API's own message. */
export async function fetchBlob(path: string, request: BlobRequest = {}): Promise<Blob> {
  const { method = 'GET', body, timeoutMs = 60_000 } = request;
  const doFetch: FetchLike = request.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { Accept: 'application/pdf, application/json', 'Accept-Language': currentLocale() };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  init.signal = controller.signal;

  let response: Response;
  try {
    response = await doFetch(`/api${path}`, init);
    if (response.ok) return await response.blob();
  } catch {
    throw new ApiError(translate(timedOut ? 'errors.timeout' : 'errors.network'), timedOut ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
  throw await failureOf(response, token);
}

/**
 * The error of a failed answer to a request made outside the API client (files): an expired session
 * (a 401 to a request that carried `token`) is reported as the client does; the API's message is kept.
 */
export async function failureOf(response: Response, token: string | null): Promise<ApiError> {
  if (response.status === 401 && token) reportUnauthorized();
  let message: string | null = null;
  try {
    message = messageFromBody(JSON.parse(await response.text()));
  } catch {
    // not JSON
  }
  return new ApiError(message ?? translate('errors.http', { status: response.status }), 'http', response.status);
}

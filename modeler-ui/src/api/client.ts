// Small fetch wrapper used for every call to the API.
// - attaches "Authorization: Bearer <token>" when a token is known;
// - turns HTTP errors, network failures and timeouts into ApiError, whose
//   message can be shown to a person as it is (server "message" first,
//   otherwise a translated fallback);
// - reports a 401 on a request that carried a token through onUnauthorized
//   (the session has expired or was revoked).

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'bad-response';

export class ApiError extends Error {
  /** HTTP status, or null when no response was received. */
  readonly status: number | null;
  readonly kind: ApiErrorKind;

  constructor(message: string, kind: ApiErrorKind, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
  }
}

export interface ApiClientOptions {
  translate: Translate;
  /** Prefix of every path; default "/api". */
  baseUrl?: string;
  /** Defaults to the global fetch. Tests pass a fake. */
  fetch?: FetchLike;
  getToken?: () => string | null | undefined;
  /** Called when a request that carried a token is answered with 401. */
  onUnauthorized?: () => void;
  /** Sent as Accept-Language so the server can answer in the UI language. */
  getLocale?: () => string;
  /** Milliseconds before a request is abandoned; default 30 000. 0 disables. */
  timeoutMs?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Headers a single call adds, e.g. an Idempotency-Key. */
export type ExtraHeaders = Record<string, string>;

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, body?: unknown, extraHeaders?: ExtraHeaders): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown, extraHeaders?: ExtraHeaders): Promise<T>;
}

/** The server's own message from an error body, if it has a usable one. */
export function messageFromBody(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string' && message.trim()) return message.trim();
  if (Array.isArray(message)) {
    const parts = message.filter((m): m is string => typeof m === 'string' && m.trim() !== '');
    if (parts.length) return parts.map((m) => m.trim()).join('; ');
  }
  return null;
}

function fallbackMessage(status: number, translate: Translate): string {
  if (status === 401) return translate('errors.unauthorized');
  if (status === 403) return translate('errors.forbidden');
  if (status === 404) return translate('errors.notFound');
  // A gateway (Vite dev proxy, reverse proxy) answering for an unreachable API.
  if (status === 502 || status === 503 || status === 504) return translate('errors.network');
  if (status >= 500) return translate('errors.server', { status });
  return translate('errors.http', { status });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const {
    translate,
    baseUrl = '/api',
    getToken = () => null,
    onUnauthorized,
    getLocale,
    timeoutMs = 30_000,
  } = options;
  // Wrapped so that the browser's fetch is never called with a foreign `this`.
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(method: HttpMethod, path: string, body?: unknown, extraHeaders: ExtraHeaders = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const locale = getLocale?.();
    if (locale) headers['Accept-Language'] = locale;
    const init: RequestInit = { method, headers };
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      // multipart: the browser sets Content-Type with its boundary itself
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    init.signal = controller.signal;

    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${baseUrl}${path}`, init);
      text = await response.text();
    } catch {
      if (timedOut) throw new ApiError(translate('errors.timeout'), 'timeout');
      throw new ApiError(translate('errors.network'), 'network');
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }

    const parsed = text.trim() === '' ? null : parseJson(text);

    if (!response.ok) {
      if (response.status === 401 && token) onUnauthorized?.();
      const serverMessage = parsed && parsed.ok ? messageFromBody(parsed.value) : null;
      throw new ApiError(
        serverMessage ?? fallbackMessage(response.status, translate),
        'http',
        response.status,
      );
    }

    if (parsed === null) return undefined as T;
    if (!parsed.ok) throw new ApiError(translate('errors.badResponse'), 'bad-response', response.status);
    return parsed.value as T;
  }

  return {
    request,
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, extraHeaders?: ExtraHeaders) => request<T>('POST', path, body, extraHeaders),
  };
}

import { BOUNDS, DEMO_PASSWORD } from './settings';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { basicAuth } = require('../../../scripts/lib/stack.cjs') as { basicAuth: string };

export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * One HTTP call to the API under test. Rejects when no answer arrives (connection refused or
 * reset, timeout): for a client that is an answer lost, not a status.
 */
export async function call<T = any>(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'Accept-Language': 'en', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? BOUNDS.requestMs),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T, text };
}

export async function signIn(baseUrl: string, username: string): Promise<string> {
  const reply = await call(baseUrl, 'POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  if (reply.status !== 200) throw new Error(`sign-in of ${username}: ${reply.status} ${reply.text}`);
  return reply.body.accessToken as string;
}

/** Camunda REST as an operator calls it (the stack's service account). */
export async function engine<T = any>(engineUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(engineUrl + path, {
    method,
    headers: {
      Authorization: basicAuth,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(BOUNDS.requestMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`engine ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than undefined/false/null, or gives up after
 * `timeoutMs` and returns undefined (the caller reports what is missing).
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined | false | null>, timeoutMs: number, intervalMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch {
      // not yet: the process may be restarting
    }
    if (Date.now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}

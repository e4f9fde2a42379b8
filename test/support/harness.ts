/** What integration tests use to talk to the running stack: the API, the engine and the database. */
export interface StackInfo {
  apiUrl: string;
  engineUrl: string;
  engineUser: string;
  enginePassword: string;
  database: { type: 'sqlite'; path: string } | { type: 'mariadb'; url: string };
  databaseUrl: string;
  logDir: string;
  outDir: string;
  rateLimits: { signIn: number; publicQuery: number; maxFailedSignIns: number };
  noticeProviders: { controlUrl: string; receiptToken: string };
}

export function stackInfo(): StackInfo {
  const raw = process.env.TEST_STACK;
  if (!raw) throw new Error('TEST_STACK is not set: run integration tests through jest (globalSetup starts the stack)');
  return JSON.parse(raw) as StackInfo;
}

export const DEMO_PASSWORD = 'Demo@2026';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  lang?: string;
  headers?: Record<string, string>;
  baseUrl?: string;
}

/** This test file's client address, as a proxy would report it (the stack trusts loopback proxies). */
export const CLIENT_ADDRESS = randomClientAddress();

export function randomClientAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'X-Forwarded-For': CLIENT_ADDRESS, ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.lang) headers['Accept-Language'] = options.lang;
  let body: FormData | string | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (typeof options.body === 'string') {
    headers['Content-Type'] = 'application/json';
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch((options.baseUrl ?? stackInfo().apiUrl) + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

const tokens = new Map<string, string>();

export async function login(username: string, baseUrl?: string): Promise<string> {
  const key = `${baseUrl ?? ''}|${username}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const response = await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, baseUrl });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  tokens.set(key, response.body.accessToken);
  return response.body.accessToken;
}

/** Camunda REST, as an operator would call it. */
export async function engine<T = any>(method: string, path: string, body?: unknown, engineUrl?: string): Promise<T> {
  const info = stackInfo();
  const response = await fetch((engineUrl ?? info.engineUrl) + path, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${info.engineUser}:${info.enginePassword}`).toString('base64'),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`engine ${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Polls until `probe` returns a value other than undefined/false. Workers act asynchronously; this
 * waits for their effect, it never waits for a timer.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false | null>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The engine keeps due dates to the second on MySQL/MariaDB: compare at that resolution. */
export const toSecond = (value: string | number) => Math.floor((typeof value === 'number' ? value : Date.parse(value)) / 1000);

/** Moves an engine task's due date, as an operator would (the REST update replaces every field, so the rest are sent back). */
export async function setEngineTaskDue(taskId: string, due: Date): Promise<void> {
  const task = await engine<Record<string, unknown>>('GET', `/task/${taskId}`);
  const fields = ['name', 'description', 'assignee', 'owner', 'delegationState', 'followUp', 'priority', 'parentTaskId', 'caseInstanceId', 'tenantId'];
  await engine('PUT', `/task/${taskId}`, { ...Object.fromEntries(fields.map((f) => [f, task[f] ?? null])), due: due.toISOString().replace('Z', '+0000') });
}

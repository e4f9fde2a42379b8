/**
 * What an outage looks like, in one place: the worker runtime retries such failures with a long
 * budget (camunda/worker-runtime/retry-policy.ts), the incident sweep retries the incidents they
 * left, and the HTTP layer answers them with a 503 instead of a 500.
 *
 * - transient: the world was briefly unavailable (a database or engine outage, a timeout, a lock
 *   held too long); the same work will most likely succeed later.
 * - definite: anything else (a bug, missing or invalid data).
 */

export type FailureKind = 'transient' | 'definite';

export interface FailureClass {
  kind: FailureKind;
  /** For a transient failure, the code, name, status or phrase that made it one. */
  reason: string | null;
}

/** Which of the two stores a failure says is out of reach. */
export type Outage = 'engine' | 'database';

/** The engine did not answer at all: refused, reset, timed out, or a proxy in front of it said so. */
export class EngineUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The process engine is unavailable: ${reason}`);
  }
}

/**
 * A worker reached a petition whose records are still being written after a task completion (see
 * PetitionRepository.requireSettled): a moment's wait, not a failure.
 */
export class RecordsPending extends Error {
  readonly code = RECORDS_PENDING;
  constructor(petitionId: string) {
    super(`The records of petition ${petitionId} are still being written after a task completion`);
  }
}

/**
 * The store a request could not reach, if that is why it failed: the engine when its client said
 * so, otherwise the database (the only other thing a request waits on).
 */
export function outageOf(error: unknown): Outage | null {
  if (error instanceof EngineUnavailableError) return 'engine';
  return classifyFailure(error).kind === 'transient' ? 'database' : null;
}

// ---------------------------------------------------------------------------------------------

/** Error codes (Node's network errors, undici, mysql2) that mean "unavailable right now". */
const RECORDS_PENDING = 'RECORDS_PENDING';

export const TRANSIENT_CODES: readonly string[] = [
  // a petition's records catching up with its process (RecordsPending)
  RECORDS_PENDING,
  // connection refused, reset or cut
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  // timeouts
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  // DNS
  'ENOTFOUND',
  'EAI_AGAIN',
  // undici (fetch)
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  // mysql2 / MariaDB / MySQL
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
];

/** SQLite's "another connection holds the lock" family: SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE… */
export const TRANSIENT_CODE_PREFIXES: readonly string[] = ['SQLITE_BUSY', 'SQLITE_LOCKED'];

/** Error class names: fetch's AbortSignal.timeout, undici, and TypeORM's "not connected" errors. */
export const TRANSIENT_NAMES: readonly string[] = [
  'TimeoutError',
  'ConnectTimeoutError',
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
  'CannotGetEntityManagerNotConnectedError',
];

/** HTTP statuses from the engine (or a proxy in front of it) that mean "not reachable right now". */
export const TRANSIENT_STATUSES: readonly number[] = [502, 503, 504];

/**
 * Phrases in a message that mean the same when no code is at hand (a message recorded by another
 * worker, or a driver that puts the reason only into words).
 */
export const TRANSIENT_PHRASES: readonly [string, RegExp][] = [
  ['fetch failed', /\bfetch failed\b/i],
  ['connection lost', /\bconnection lost\b/i],
  ['too many connections', /\btoo many connections\b/i],
  ['lock wait timeout', /\block wait timeout\b/i],
  ['database is locked', /\bdatabase is locked\b/i],
  ['connection is in closed state', /\bconnection is in closed state\b/i],
  ['pool is closed', /\bpool is closed\b/i],
  ['socket hang up', /\bsocket hang up\b/i],
  ['timeout', /\btime(?:d)?[ -]?out\b/i],
];

const CODE_IN_TEXT = new RegExp(`\\b(${TRANSIENT_CODES.join('|')}|(?:${TRANSIENT_CODE_PREFIXES.join('|')})\\w*)\\b`);

/** How deep into `cause` / `driverError` / `errors` a classification looks. */
export const MAX_CAUSE_DEPTH = 5;

const DEFINITE: FailureClass = { kind: 'definite', reason: null };

/**
 * Transient or definite, from the error a handler threw. Looks at the error and at what it wraps
 * (`cause` of fetch's "fetch failed", TypeORM's `driverError`, the `errors` of an AggregateError).
 */
export function classifyFailure(error: unknown): FailureClass {
  return classifyWithin(error, 0);
}

// Depth-bounded rather than cycle-tracked: an error that wraps itself is looked at a few times, no more.
// A code, name or status anywhere in the chain says more than words, so the words come last.
function classifyWithin(error: unknown, depth: number): FailureClass {
  if (typeof error === 'string') return classifyText(error);
  if (depth > MAX_CAUSE_DEPTH || error === null || typeof error !== 'object') return DEFINITE;
  const fields = error as Record<string, unknown>;
  const structured = structuredReason(fields);
  if (structured) return { kind: 'transient', reason: structured };
  const inner = [fields.cause, fields.driverError];
  if (Array.isArray(fields.errors)) inner.push(...(fields.errors as unknown[]));
  for (const next of inner) {
    const found = classifyWithin(next, depth + 1);
    if (found.kind === 'transient') return found;
  }
  return classifyText(String(fields.message));
}

function structuredReason(error: Record<string, unknown>): string | null {
  const code = String(error.code);
  if (isTransientCode(code)) return code;
  if (TRANSIENT_NAMES.includes(error.name as string)) return error.name as string;
  if (TRANSIENT_STATUSES.includes(error.status as number)) return `HTTP ${String(error.status)}`;
  return null;
}

export function isTransientCode(code: string): boolean {
  return TRANSIENT_CODES.includes(code) || TRANSIENT_CODE_PREFIXES.some((prefix) => code.startsWith(prefix));
}

/** Transient or definite, from words alone: an error code spelled in the text, or a known phrase. */
export function classifyText(text: string): FailureClass {
  const code = CODE_IN_TEXT.exec(text);
  if (code) return { kind: 'transient', reason: code[1] };
  for (const [reason, pattern] of TRANSIENT_PHRASES) {
    if (pattern.test(text)) return { kind: 'transient', reason };
  }
  return DEFINITE;
}


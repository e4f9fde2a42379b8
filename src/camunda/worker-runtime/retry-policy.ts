/**
 * What the worker runtime does when a handler fails, and what the incident sweep may retry. Pure
 * functions only: no clock, no I/O, so that every boundary can be pinned by a unit test.
 *
 * Two kinds of failure:
 * - transient: the world was briefly unavailable (a database or engine outage, a timeout, a lock
 *   held too long). Running the same handler again later will most likely succeed, so it gets a
 *   long budget (`WORKER_TRANSIENT_RETRIES`, back-off capped at `WORKER_TRANSIENT_MAX_BACKOFF_MS`).
 * - definite: anything else (a bug, missing or invalid data). Running it again will fail the same
 *   way, so it keeps the short budget (`WORKER_MAX_RETRIES`) and becomes an incident quickly.
 */
import type { AppConfig } from '../../config/app-config';

export type FailureKind = 'transient' | 'definite';

export interface FailureClass {
  kind: FailureKind;
  /** For a transient failure, the code, name, status or phrase that made it one. */
  reason: string | null;
}

export interface RetryBudgets {
  /** Retries after a definite failure before the incident (WORKER_MAX_RETRIES). */
  definiteRetries: number;
  /** Retries after transient failures before the incident (WORKER_TRANSIENT_RETRIES). */
  transientRetries: number;
  /** The first wait; every further failure doubles it (WORKER_RETRY_BASE_MS). */
  baseMs: number;
  /** The longest wait between two transient attempts (WORKER_TRANSIENT_MAX_BACKOFF_MS). */
  transientMaxBackoffMs: number;
}

export interface FailureDecision {
  /** The retry count reported to the engine; 0 makes the engine raise an incident. */
  retries: number;
  /** How long the engine waits before it delivers the task again. */
  retryTimeoutMs: number;
}

export function retryBudgets(config: Pick<AppConfig, 'workers' | 'transientFailures'>): RetryBudgets {
  return {
    definiteRetries: config.workers.maxRetries,
    transientRetries: config.transientFailures.retries,
    baseMs: config.workers.retryBaseMs,
    transientMaxBackoffMs: config.transientFailures.maxBackoffMs,
  };
}

/** The longest wait between two attempts after a definite failure. */
export const DEFINITE_MAX_BACKOFF_MS = 10 * 60_000;

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** Error codes (Node's network errors, undici, mysql2) that mean "unavailable right now". */
export const TRANSIENT_CODES: readonly string[] = [
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

// ---------------------------------------------------------------------------------------------
// The recorded message: what the engine keeps on the external task and its incident
// ---------------------------------------------------------------------------------------------

/** The longest error message the runtime reports (the engine keeps up to 4000 characters). */
export const MAX_RECORDED_MESSAGE = 600;

const MARKER = /^\[transient(?:: ([^\]\n]*))?\] /;

/**
 * The message reported to the engine. A transient failure is marked at the start (where truncation
 * cannot cut it off), so that the incident sweep recognises it later even when the words alone
 * would not tell (mysql2's "Connection lost: The server closed the connection." carries no code).
 */
export function recordedMessage(message: string, failure: FailureClass): string {
  const text = message.slice(0, MAX_RECORDED_MESSAGE);
  if (failure.kind === 'definite') return text;
  return failure.reason ? `[transient: ${failure.reason}] ${text}` : `[transient] ${text}`;
}

/** Transient or definite, from a message the engine recorded (ours, marked, or another worker's). */
export function classifyRecordedMessage(message: string | null | undefined): FailureClass {
  // null and undefined read as the words "null" and "undefined": nothing transient in them.
  const text = String(message);
  const marked = MARKER.exec(text);
  if (marked) return { kind: 'transient', reason: marked[1] ?? null };
  return classifyText(text);
}

// ---------------------------------------------------------------------------------------------
// The budgets, on the engine's one retry counter
// ---------------------------------------------------------------------------------------------

/*
 * The engine keeps one `retries` counter per external task, and gives a task none (null) until its
 * first failure reports one. Both budgets share it by value range, D = definiteRetries and
 * T = transientRetries:
 *
 *   D+1 … D+T   transient phase: every failure so far was transient; (value − D) transient
 *               retries are left.
 *   0 … D       definite phase: a definite failure has happened; (value) retries are left.
 *   null        never failed, and D+T+1 (freshRetries) means the same.
 *
 * A definite failure in the transient phase starts the short budget (D left); a transient failure
 * in the definite phase spends one of the short budget: once a failure was definite, the task never
 * returns to the long budget. Every failure lowers the counter by at least one, so a task that
 * keeps failing, whatever the mix of kinds, ends in an incident after at most D+T+1 failures.
 */

/**
 * The counter that gives a task both budgets afresh, exactly as if it had never failed: what the
 * incident retry and the sweep set.
 */
export function freshRetries(budgets: RetryBudgets): number {
  return budgets.definiteRetries + budgets.transientRetries + 1;
}

export function decideFailure(retriesFromEngine: number | null, kind: FailureKind, budgets: RetryBudgets): FailureDecision {
  const { definiteRetries: d, transientRetries: t, baseMs } = budgets;
  const inDefinitePhase = retriesFromEngine !== null && retriesFromEngine <= d;
  if (kind === 'definite' || inDefinitePhase) {
    // Attempts left, this one included; a counter above the short budget starts it afresh.
    const current = Math.min(retriesFromEngine ?? d + 1, d + 1);
    const left = Math.max(0, current - 1);
    const wait = left === 0 ? 0 : Math.min(DEFINITE_MAX_BACKOFF_MS, baseMs * 2 ** (d - left));
    return { retries: left, retryTimeoutMs: wait };
  }
  // Transient attempts left, this one included; a counter above the budget (lowered since) is clamped.
  const current = retriesFromEngine === null ? t + 1 : Math.min(retriesFromEngine - d, t + 1);
  const left = current - 1;
  if (left <= 0) return { retries: 0, retryTimeoutMs: 0 };
  return { retries: d + left, retryTimeoutMs: Math.min(budgets.transientMaxBackoffMs, baseMs * 2 ** (t - left)) };
}

/** How long a task that keeps failing this way waits in all before its incident (for logs and docs). */
export function totalBackoffMs(kind: FailureKind, budgets: RetryBudgets): number {
  let total = 0;
  let counter: number | null = null;
  for (;;) {
    const decision = decideFailure(counter, kind, budgets);
    if (decision.retries === 0) return total;
    total += decision.retryTimeoutMs;
    counter = decision.retries;
  }
}

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
import { classifyText, FailureClass, FailureKind } from '../../common/outage';
import type { AppConfig } from '../../config/app-config';


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

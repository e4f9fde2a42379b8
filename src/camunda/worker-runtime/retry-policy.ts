export interface FailureDecision {
  /** Retries left after this failure; 0 makes the engine raise an incident. */
  retries: number;
  /** How long the engine waits before it delivers the task again. */
  retryTimeoutMs: number;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * The engine gives a task no retry count until the first failure reports one, so the first
 * failure starts the budget at `maxRetries`; each later failure spends one, waiting twice as long.
 */
export function decideFailure(retriesFromEngine: number | null, maxRetries: number, baseMs: number): FailureDecision {
  const current = retriesFromEngine ?? maxRetries + 1;
  const retries = Math.max(0, Math.min(current, maxRetries + 1) - 1);
  const attempt = Math.max(0, maxRetries - retries);
  const retryTimeoutMs = retries === 0 ? 0 : Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return { retries, retryTimeoutMs };
}

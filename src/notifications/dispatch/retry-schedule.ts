/**
 * When a failed send is tried again: the base delay doubled per attempt already made, capped, so a
 * provider's short outage costs a minute and a long one does not hammer it. Null after the last
 * attempt: the notice has failed and waits for the petition office to correct the contact.
 */
export function nextAttemptAt(
  failedAt: Date,
  attemptsMade: number,
  policy: { maxAttempts: number; retryBaseMs: number; retryMaxMs: number },
): Date | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const delay = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1));
  return new Date(failedAt.getTime() + delay);
}

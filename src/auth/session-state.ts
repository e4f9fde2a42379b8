import type { Session } from './session.entity';

export type SessionState = 'live' | 'ended' | 'expired' | 'idle';

/** Whether a session may still be used at `now`: not ended, not past its lifetime, not idle too long. */
export function sessionState(session: Pick<Session, 'endedAt' | 'expiresAt' | 'lastSeenAt'>, now: Date, idleMs: number): SessionState {
  if (session.endedAt) return 'ended';
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) return 'idle';
  return 'live';
}

/** Lock-out: what a wrong password does to the account's counters. */
export function afterFailedSignIn(
  failedSignIns: number,
  now: Date,
  policy: { maxFailedSignIns: number; lockMinutes: number },
): { failedSignIns: number; lockedUntil: Date | null } {
  const failures = failedSignIns + 1;
  if (failures < policy.maxFailedSignIns) return { failedSignIns: failures, lockedUntil: null };
  return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
}

import { afterFailedSignIn, sessionState } from '../../src/auth/session-state';

const at = (iso: string) => new Date(iso);
const IDLE = 30 * 60_000;

describe('a session', () => {
  const session = { endedAt: null, expiresAt: at('2026-11-26T16:00:00Z'), lastSeenAt: at('2026-11-26T08:00:00Z') };

  it('is live while used within the idle limit and before it expires', () => {
    expect(sessionState(session, at('2026-11-26T08:29:59Z'), IDLE)).toBe('live');
  });

  it('ends after 30 idle minutes, however long it had left', () => {
    expect(sessionState(session, at('2026-11-26T08:30:00Z'), IDLE)).toBe('idle');
  });

  it('expires at its absolute lifetime, however active', () => {
    expect(sessionState({ ...session, lastSeenAt: at('2026-11-26T15:59:00Z') }, at('2026-11-26T16:00:00Z'), IDLE)).toBe('expired');
  });

  it('stays over once ended (signed out, password changed, account deactivated)', () => {
    expect(sessionState({ ...session, endedAt: at('2026-11-26T08:01:00Z') }, at('2026-11-26T08:02:00Z'), IDLE)).toBe('ended');
  });
});

describe('lock-out', () => {
  const policy = { maxFailedSignIns: 5, lockMinutes: 15 };
  const now = at('2026-11-26T08:00:00Z');

  it('counts wrong passwords below the limit', () => {
    expect(afterFailedSignIn(3, now, policy)).toEqual({ failedSignIns: 4, lockedUntil: null });
  });

  it('locks for the configured time on the fifth, and starts counting again afterwards', () => {
    expect(afterFailedSignIn(4, now, policy)).toEqual({ failedSignIns: 0, lockedUntil: at('2026-11-26T08:15:00Z') });
  });
});

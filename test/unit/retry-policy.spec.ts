import { decideFailure } from '../../src/camunda/worker-runtime/retry-policy';

describe('what happens when an external task fails (decideFailure)', () => {
  const base = 5_000;

  it('starts the budget at maxRetries on the first failure and spends one', () => {
    // given the engine has not yet recorded a retry count (first delivery)
    // when the handler fails
    const decision = decideFailure(null, 3, base);
    // then the task is retried after the base delay with all 3 retries left
    expect(decision).toEqual({ retries: 3, retryTimeoutMs: base });
  });

  it('counts down 3 → 2 → 1 → 0 and doubles the wait each time, then raises an incident', () => {
    const seen: { retries: number; retryTimeoutMs: number }[] = [];
    let fromEngine: number | null = null;
    for (let i = 0; i < 4; i++) {
      const decision = decideFailure(fromEngine, 3, base);
      seen.push(decision);
      fromEngine = decision.retries;
    }
    expect(seen).toEqual([
      { retries: 3, retryTimeoutMs: 5_000 },
      { retries: 2, retryTimeoutMs: 10_000 },
      { retries: 1, retryTimeoutMs: 20_000 },
      { retries: 0, retryTimeoutMs: 0 },
    ]);
  });

  it('delivers the task maxRetries + 1 times in all before the incident', () => {
    let fromEngine: number | null = null;
    let failures = 0;
    do {
      fromEngine = decideFailure(fromEngine, 5, base).retries;
      failures++;
    } while (fromEngine > 0 && failures < 100);
    expect(failures).toBe(6);
  });

  it('raises an incident at once when no retries are allowed', () => {
    expect(decideFailure(null, 0, base)).toEqual({ retries: 0, retryTimeoutMs: 0 });
  });

  it('stays at an incident when the engine already reports 0 retries', () => {
    expect(decideFailure(0, 3, base)).toEqual({ retries: 0, retryTimeoutMs: 0 });
  });

  it('never waits longer than 10 minutes', () => {
    // 20 retries from a 1-minute base would otherwise wait 2^n minutes
    const first = decideFailure(null, 20, 60_000);
    expect(first.retryTimeoutMs).toBe(60_000);
    const later = decideFailure(10, 20, 60_000);
    expect(later.retries).toBe(9);
    expect(later.retryTimeoutMs).toBe(10 * 60_000);
  });

  it('clamps a retry count from the engine that is above the budget', () => {
    // e.g. the budget was lowered from 10 to 3 while tasks still carried retries=10
    expect(decideFailure(10, 3, base)).toEqual(decideFailure(null, 3, base));
    expect(decideFailure(4, 3, base)).toEqual({ retries: 3, retryTimeoutMs: base });
  });
});

import { loadConfig } from '../../src/config/app-config';
import { classifyFailure, classifyText, FailureClass, FailureKind, isTransientCode, MAX_CAUSE_DEPTH } from '../../src/common/outage';
import {
  classifyRecordedMessage,
  decideFailure,
  DEFINITE_MAX_BACKOFF_MS,
  FailureDecision,
  freshRetries,
  MAX_RECORDED_MESSAGE,
  recordedMessage,
  RetryBudgets,
  retryBudgets,
  totalBackoffMs,
} from '../../src/camunda/worker-runtime/retry-policy';

/*
 * The lists below are written out by hand on purpose: a test that iterated the module's own lists
 * would pass whatever the module put into them.
 */

const TRANSIENT_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
  'SQLITE_LOCKED_SHAREDCACHE',
];

/** Failures that running the handler again would only repeat. */
const DEFINITE_CODES = [
  'ER_DUP_ENTRY',
  'ER_NO_SUCH_TABLE',
  'ER_PARSE_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'SQLITE_CONSTRAINT',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_ERROR',
  'ENOENT',
  'EACCES',
  'ERR_INVALID_ARG_TYPE',
  'XSQLITE_BUSY',
  '',
];

const TRANSIENT_NAMES = [
  'TimeoutError',
  'ConnectTimeoutError',
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
  'CannotGetEntityManagerNotConnectedError',
];

const error = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);
const transient = (reason: string | null): FailureClass => ({ kind: 'transient', reason });
const definite: FailureClass = { kind: 'definite', reason: null };

describe('telling an outage from a definite failure (classifyFailure)', () => {
  it.each(TRANSIENT_CODES)('calls an error with code %s transient', (code) => {
    expect(classifyFailure(error('something went wrong', { code }))).toEqual(transient(code));
    expect(isTransientCode(code)).toBe(true);
  });

  it.each(DEFINITE_CODES)('calls an error with code "%s" definite', (code) => {
    expect(classifyFailure(error('something went wrong', { code }))).toEqual(definite);
    expect(isTransientCode(code)).toBe(false);
  });

  it('is not fooled by a numeric code (mysql2 errno) or by no code at all', () => {
    expect(classifyFailure(error('Duplicate entry', { code: 1062, errno: 1062 }))).toEqual(definite);
    expect(classifyFailure(error('Petition 42 does not exist'))).toEqual(definite);
  });

  it.each(TRANSIENT_NAMES)('calls an error named %s transient', (name) => {
    expect(classifyFailure(error('x', { name }))).toEqual(transient(name));
  });

  it('calls other error names definite', () => {
    for (const name of ['Error', 'TypeError', 'QueryFailedError', 'AbortError', 'EntityNotFoundError', 'timeoutError']) {
      expect(classifyFailure(error('x', { name }))).toEqual(definite);
    }
  });

  it('calls the engine (or its proxy) answering 502, 503 or 504 transient, and any other status definite', () => {
    for (const status of [502, 503, 504]) {
      expect(classifyFailure(error('engine said no', { status, type: 'EngineError' }))).toEqual(transient(`HTTP ${status}`));
    }
    for (const status of [400, 401, 403, 404, 409, 500, 501, 505]) {
      expect(classifyFailure(error('engine said no', { status, type: 'RestException' }))).toEqual(definite);
    }
    expect(classifyFailure(error('engine said no', { status: '503' }))).toEqual(definite);
  });

  it('looks at what fetch, TypeORM and AggregateError wrap', () => {
    // fetch: TypeError("fetch failed") with the socket error as its cause
    const refused = error('connect ECONNREFUSED 127.0.0.1:8080', { code: 'ECONNREFUSED' });
    expect(classifyFailure(new TypeError('request to the engine went wrong', { cause: refused }))).toEqual(transient('ECONNREFUSED'));
    // TypeORM's QueryFailedError keeps the driver's error
    const busy = error('database is busy', { code: 'SQLITE_BUSY' });
    expect(classifyFailure(error('QueryFailedError', { driverError: busy }))).toEqual(transient('SQLITE_BUSY'));
    // Node's happy-eyeballs connect: an AggregateError of one error per address
    const aggregate = new AggregateError([error('x', { code: 'EACCES' }), error('y', { code: 'EHOSTUNREACH' })], 'all addresses failed');
    expect(classifyFailure(aggregate)).toEqual(transient('EHOSTUNREACH'));
  });

  it('ignores an `errors` that is not a list (a validation result, say)', () => {
    expect(classifyFailure(error('invalid', { errors: { code: 'ECONNREFUSED' } }))).toEqual(definite);
  });

  it('calls a wrapper definite when nothing it wraps is transient', () => {
    const inner = error('Unit x does not exist', { code: 'ENOENT' });
    expect(classifyFailure(error('outer', { cause: inner, driverError: error('d'), errors: [error('e')] }))).toEqual(definite);
  });

  it(`looks ${MAX_CAUSE_DEPTH} levels deep and no deeper, and survives an error that wraps itself`, () => {
    const nested = (levels: number) => {
      let current: Error = error('connect ECONNREFUSED', { code: 'ECONNREFUSED' });
      for (let i = 0; i < levels; i++) current = error('wrapper', { cause: current });
      return current;
    };
    expect(classifyFailure(nested(5))).toEqual(transient('ECONNREFUSED'));
    expect(classifyFailure(nested(6))).toEqual(definite);
    const loop = error('loop');
    (loop as { cause?: unknown }).cause = loop;
    expect(classifyFailure(loop)).toEqual(definite);
  });

  it('classifies a thrown string by its words, and anything else thrown as definite', () => {
    expect(classifyFailure('connect ECONNREFUSED 10.0.0.5:3306')).toEqual(transient('ECONNREFUSED'));
    expect(classifyFailure('no such petition')).toEqual(definite);
    expect(classifyFailure(42)).toEqual(definite);
    expect(classifyFailure(null)).toEqual(definite);
    expect(classifyFailure(undefined)).toEqual(definite);
  });

  it('prefers the code to the name, the name to the status and the status to the words', () => {
    expect(classifyFailure(error('fetch failed', { code: 'ECONNRESET', name: 'TimeoutError', status: 503 }))).toEqual(transient('ECONNRESET'));
    expect(classifyFailure(error('fetch failed', { name: 'TimeoutError', status: 503 }))).toEqual(transient('TimeoutError'));
    expect(classifyFailure(error('fetch failed', { status: 503 }))).toEqual(transient('HTTP 503'));
    expect(classifyFailure(error('fetch failed'))).toEqual(transient('fetch failed'));
  });

  it('prefers a code anywhere in what an error wraps to its own words', () => {
    const cause = error('connect ECONNREFUSED 127.0.0.1:8080', { code: 'ECONNREFUSED' });
    expect(classifyFailure(new TypeError('fetch failed', { cause }))).toEqual(transient('ECONNREFUSED'));
    // and falls back to the words of the outer error when nothing inside says more
    expect(classifyFailure(new TypeError('fetch failed', { cause: error('other side closed') }))).toEqual(transient('fetch failed'));
    expect(classifyFailure(error('outer', { cause: error('Connection lost: The server closed the connection.') }))).toEqual(
      transient('connection lost'),
    );
  });
});

describe('telling an outage from words alone (classifyText)', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:3306', 'ECONNREFUSED'],
    ['read ECONNRESET', 'ECONNRESET'],
    ['getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'],
    ['getaddrinfo EAI_AGAIN db.internal', 'EAI_AGAIN'],
    ['QueryFailedError: SQLITE_BUSY_SNAPSHOT: database snapshot changed', 'SQLITE_BUSY_SNAPSHOT'],
    ['Error: ER_LOCK_WAIT_TIMEOUT: Lock wait timeout exceeded; try restarting transaction', 'ER_LOCK_WAIT_TIMEOUT'],
    ['PROTOCOL_CONNECTION_LOST', 'PROTOCOL_CONNECTION_LOST'],
  ])('finds an error code in "%s"', (text, reason) => {
    expect(classifyText(text)).toEqual(transient(reason));
  });

  it.each([
    ['TypeError: fetch failed', 'fetch failed'],
    ['Connection lost: The server closed the connection.', 'connection lost'],
    ['Too many connections', 'too many connections'],
    ['Lock wait timeout exceeded; try restarting transaction', 'lock wait timeout'],
    ['SqliteError: database is locked', 'database is locked'],
    ["Can't add new command when connection is in closed state", 'connection is in closed state'],
    ['Pool is closed.', 'pool is closed'],
    ['socket hang up', 'socket hang up'],
    ['The operation was aborted due to timeout', 'timeout'],
    ['Query timed out after 30000 ms', 'timeout'],
    ['request time-out', 'timeout'],
    ['Time out waiting for a connection', 'timeout'],
    ['FETCH FAILED', 'fetch failed'],
  ])('finds an outage in "%s"', (text, reason) => {
    expect(classifyText(text)).toEqual(transient(reason));
  });

  it.each([
    'Petition 00000000-0000-4000-8000-000000000000 does not exist',
    'No petition-office unit exists in region 990102777; add one or change routing.dmn',
    'Process variable petitionId is missing',
    'Cannot read properties of undefined (reading "code")',
    'XECONNREFUSED',
    'ECONNREFUSEDX',
    'prefetch failed',
    'fetch failedly',
    'the lifetime outcome',
    'lifetime out',
    'time outcome',
    'database is lockedown',
    '',
  ])('finds nothing transient in "%s"', (text) => {
    expect(classifyText(text)).toEqual(definite);
  });
});

describe('the message the engine keeps (recordedMessage, classifyRecordedMessage)', () => {
  it('marks a transient failure at the start, with its reason when there is one', () => {
    expect(recordedMessage('Connection lost: The server closed the connection.', transient('PROTOCOL_CONNECTION_LOST'))).toBe(
      '[transient: PROTOCOL_CONNECTION_LOST] Connection lost: The server closed the connection.',
    );
    expect(recordedMessage('gone', transient(null))).toBe('[transient] gone');
  });

  it('leaves a definite failure as it is', () => {
    expect(recordedMessage('Petition x does not exist', definite)).toBe('Petition x does not exist');
  });

  it(`keeps the first ${MAX_RECORDED_MESSAGE} characters of the message, the mark before them`, () => {
    const long = 'a'.repeat(MAX_RECORDED_MESSAGE) + 'b';
    expect(recordedMessage(long, definite)).toBe('a'.repeat(600));
    expect(recordedMessage(long, transient('ETIMEDOUT'))).toBe(`[transient: ETIMEDOUT] ${'a'.repeat(600)}`);
    expect(recordedMessage('a'.repeat(600), definite)).toHaveLength(600);
  });

  it('reads the mark back, with or without a reason, whatever the words after it', () => {
    expect(classifyRecordedMessage('[transient: PROTOCOL_CONNECTION_LOST] Connection lost')).toEqual(transient('PROTOCOL_CONNECTION_LOST'));
    expect(classifyRecordedMessage('[transient] the server went away')).toEqual(transient(null));
    const marked = recordedMessage('x'.repeat(1000), transient('HTTP 503'));
    expect(classifyRecordedMessage(marked)).toEqual(transient('HTTP 503'));
  });

  it('reads only a mark at the very start, followed by a space', () => {
    expect(classifyRecordedMessage('Petition x does not exist [transient: ECONNRESET]')).toEqual(transient('ECONNRESET'));
    expect(classifyRecordedMessage('Petition x does not exist [transient] ')).toEqual(definite);
    expect(classifyRecordedMessage(' [transient] x')).toEqual(definite);
    expect(classifyRecordedMessage('[transient]x')).toEqual(definite);
    expect(classifyRecordedMessage('[transient: a\nb] x')).toEqual(definite);
    expect(classifyRecordedMessage('[Transient] x')).toEqual(definite);
  });

  it("falls back to the words of another worker's message, and calls no message definite", () => {
    expect(classifyRecordedMessage('connect ECONNREFUSED 127.0.0.1:3306')).toEqual(transient('ECONNREFUSED'));
    expect(classifyRecordedMessage('Petition x does not exist')).toEqual(definite);
    expect(classifyRecordedMessage('')).toEqual(definite);
    expect(classifyRecordedMessage(null)).toEqual(definite);
    expect(classifyRecordedMessage(undefined)).toEqual(definite);
  });
});

describe('what happens when an external task fails (decideFailure)', () => {
  /** Small, distinct numbers, so that a swapped budget or a changed bound shows. */
  const budgets: RetryBudgets = { definiteRetries: 3, transientRetries: 4, baseMs: 1_000, transientMaxBackoffMs: 5_000 };

  /** Fails a task again and again, as the engine would deliver it, until its incident. */
  function failures(kinds: FailureKind[], from: number | null = null, b: RetryBudgets = budgets): FailureDecision[] {
    const seen: FailureDecision[] = [];
    let counter = from;
    for (const kind of kinds) {
      const decision = decideFailure(counter, kind, b);
      seen.push(decision);
      if (decision.retries === 0) break;
      counter = decision.retries;
    }
    return seen;
  }
  const repeat = (kind: FailureKind, n: number): FailureKind[] => Array.from({ length: n }, () => kind);

  describe('definite failures: the short budget (WORKER_MAX_RETRIES)', () => {
    it('counts 3 → 2 → 1 → 0 from the first failure, doubling the wait, then raises an incident', () => {
      expect(failures(repeat('definite', 10))).toEqual([
        { retries: 3, retryTimeoutMs: 1_000 },
        { retries: 2, retryTimeoutMs: 2_000 },
        { retries: 1, retryTimeoutMs: 4_000 },
        { retries: 0, retryTimeoutMs: 0 },
      ]);
    });

    it('delivers the task maxRetries + 1 times before the incident', () => {
      expect(failures(repeat('definite', 100), null, { ...budgets, definiteRetries: 5 })).toHaveLength(6);
    });

    it('raises an incident at once when no retries are allowed, or when the engine already reports 0', () => {
      expect(decideFailure(null, 'definite', { ...budgets, definiteRetries: 0 })).toEqual({ retries: 0, retryTimeoutMs: 0 });
      expect(decideFailure(0, 'definite', budgets)).toEqual({ retries: 0, retryTimeoutMs: 0 });
    });

    it('never waits longer than 10 minutes', () => {
      const long: RetryBudgets = { ...budgets, definiteRetries: 20, baseMs: 60_000 };
      expect(decideFailure(null, 'definite', long)).toEqual({ retries: 20, retryTimeoutMs: 60_000 });
      // 2^4 minutes would be 16
      expect(decideFailure(17, 'definite', long)).toEqual({ retries: 16, retryTimeoutMs: DEFINITE_MAX_BACKOFF_MS });
      expect(decideFailure(18, 'definite', long)).toEqual({ retries: 17, retryTimeoutMs: 8 * 60_000 });
      expect(DEFINITE_MAX_BACKOFF_MS).toBe(600_000);
    });

    it('starts the short budget afresh from a counter above it (the transient phase, or a budget lowered since)', () => {
      for (const counter of [4, 5, 7, 8, 50]) {
        expect(decideFailure(counter, 'definite', budgets)).toEqual({ retries: 3, retryTimeoutMs: 1_000 });
      }
    });
  });

  describe('transient failures: the long budget (WORKER_TRANSIENT_RETRIES)', () => {
    it('counts down the transient retries above the short budget, doubling the wait up to its cap, then raises an incident', () => {
      expect(failures(repeat('transient', 20))).toEqual([
        { retries: 7, retryTimeoutMs: 1_000 },
        { retries: 6, retryTimeoutMs: 2_000 },
        { retries: 5, retryTimeoutMs: 4_000 },
        { retries: 4, retryTimeoutMs: 5_000 },
        { retries: 0, retryTimeoutMs: 0 },
      ]);
    });

    it('delivers the task transientRetries + 1 times before the incident', () => {
      expect(failures(repeat('transient', 100), null, { ...budgets, transientRetries: 11 })).toHaveLength(12);
    });

    it('waits exactly the cap once the doubling reaches it, and no longer after', () => {
      const b: RetryBudgets = { ...budgets, transientRetries: 6, transientMaxBackoffMs: 4_000 };
      expect(failures(repeat('transient', 20), null, b).map((d) => d.retryTimeoutMs)).toEqual([1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 0]);
    });

    it('raises an incident at once when no transient retries are allowed', () => {
      expect(decideFailure(null, 'transient', { ...budgets, transientRetries: 0 })).toEqual({ retries: 0, retryTimeoutMs: 0 });
    });

    it('works without a short budget: the transient phase then starts at 1', () => {
      const b: RetryBudgets = { ...budgets, definiteRetries: 0, transientRetries: 2 };
      expect(failures(repeat('transient', 10), null, b)).toEqual([
        { retries: 2, retryTimeoutMs: 1_000 },
        { retries: 1, retryTimeoutMs: 2_000 },
        { retries: 0, retryTimeoutMs: 0 },
      ]);
      expect(decideFailure(null, 'definite', b)).toEqual({ retries: 0, retryTimeoutMs: 0 });
    });

    it('treats the bottom of the transient phase (D + 1) as the last transient attempt', () => {
      expect(decideFailure(4, 'transient', budgets)).toEqual({ retries: 0, retryTimeoutMs: 0 });
      expect(decideFailure(5, 'transient', budgets)).toEqual({ retries: 4, retryTimeoutMs: 5_000 });
    });

    it('clamps a counter above the transient budget (the budget was lowered since)', () => {
      expect(decideFailure(8, 'transient', budgets)).toEqual({ retries: 7, retryTimeoutMs: 1_000 });
      expect(decideFailure(40, 'transient', budgets)).toEqual({ retries: 7, retryTimeoutMs: 1_000 });
      expect(decideFailure(7, 'transient', budgets)).toEqual({ retries: 6, retryTimeoutMs: 2_000 });
    });
  });

  describe('both budgets on the one counter', () => {
    it('switches to the short budget at the first definite failure, and never back', () => {
      expect(failures(['transient', 'transient', 'definite', 'transient', 'transient', 'transient', 'transient'])).toEqual([
        { retries: 7, retryTimeoutMs: 1_000 },
        { retries: 6, retryTimeoutMs: 2_000 },
        // the definite failure: three retries left, starting from the first wait
        { retries: 3, retryTimeoutMs: 1_000 },
        // transient failures now spend the short budget
        { retries: 2, retryTimeoutMs: 2_000 },
        { retries: 1, retryTimeoutMs: 4_000 },
        { retries: 0, retryTimeoutMs: 0 },
      ]);
    });

    it('spends the short budget on a transient failure once a definite one has happened (the top of the definite phase is D)', () => {
      expect(decideFailure(3, 'transient', budgets)).toEqual({ retries: 2, retryTimeoutMs: 2_000 });
      expect(decideFailure(1, 'transient', budgets)).toEqual({ retries: 0, retryTimeoutMs: 0 });
      expect(decideFailure(0, 'transient', budgets)).toEqual({ retries: 0, retryTimeoutMs: 0 });
    });

    it('ends in an incident after at most D + T + 1 failures, whatever the mix', () => {
      const kinds: FailureKind[] = ['transient', 'definite'];
      const broken: string[] = [];
      for (let mask = 0; mask < 2 ** 9; mask++) {
        const mix = Array.from({ length: 20 }, (_, i) => kinds[(mask >> i % 9) & 1]);
        const seen = failures(mix);
        const last = seen[seen.length - 1];
        // an incident, within the bound, and a counter that only ever goes down
        const ok =
          last.retries === 0 &&
          last.retryTimeoutMs === 0 &&
          seen.length <= 3 + 4 + 1 &&
          seen.every((decision, i) => i === 0 || decision.retries < seen[i - 1].retries);
        if (!ok) broken.push(`${mix.slice(0, seen.length).join(',')} → ${JSON.stringify(seen)}`);
      }
      expect(broken).toEqual([]);
    });

    it('gives a task both budgets afresh at freshRetries (D + T + 1), exactly as on its first failure', () => {
      expect(freshRetries(budgets)).toBe(8);
      expect(freshRetries({ ...budgets, definiteRetries: 0, transientRetries: 0 })).toBe(1);
      for (const kind of ['transient', 'definite'] as const) {
        expect(decideFailure(freshRetries(budgets), kind, budgets)).toEqual(decideFailure(null, kind, budgets));
        expect(failures(repeat(kind, 20), freshRetries(budgets))).toEqual(failures(repeat(kind, 20)));
      }
    });
  });

  describe('the configured budgets', () => {
    it('are read from WORKER_MAX_RETRIES, WORKER_TRANSIENT_RETRIES, WORKER_RETRY_BASE_MS and WORKER_TRANSIENT_MAX_BACKOFF_MS', () => {
      const config = loadConfig({
        WORKER_MAX_RETRIES: '2',
        WORKER_TRANSIENT_RETRIES: '7',
        WORKER_RETRY_BASE_MS: '1500',
        WORKER_TRANSIENT_MAX_BACKOFF_MS: '9000',
      });
      expect(retryBudgets(config)).toEqual({ definiteRetries: 2, transientRetries: 7, baseMs: 1_500, transientMaxBackoffMs: 9_000 });
    });

    it('by default wait 5 s, 10 s, 20 s for a definite failure and about 30 minutes in all for an outage', () => {
      const defaults = retryBudgets(loadConfig({}));
      expect(totalBackoffMs('definite', defaults)).toBe(35_000);
      // 5 + 10 + 20 + 40 + 80 + 160 s, then five times the 5-minute cap: 30 min 15 s
      expect(totalBackoffMs('transient', defaults)).toBe(1_815_000);
      expect(failures(repeat('transient', 20), null, defaults).map((d) => d.retryTimeoutMs / 1000)).toEqual([
        5, 10, 20, 40, 80, 160, 300, 300, 300, 300, 300, 0,
      ]);
    });

    it('adds up the waits until the incident (totalBackoffMs)', () => {
      expect(totalBackoffMs('transient', budgets)).toBe(1_000 + 2_000 + 4_000 + 5_000);
      expect(totalBackoffMs('definite', budgets)).toBe(1_000 + 2_000 + 4_000);
      expect(totalBackoffMs('transient', { ...budgets, transientRetries: 0 })).toBe(0);
    });
  });
});

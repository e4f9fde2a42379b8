import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/clocks/clock';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Transactions } from '../../src/database/transactions';
import { ClusterLease, periodEnd } from '../../src/scheduling/cluster-lease';

/** A clock the test moves; every contender reads the same one. */
class TestClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
}

const PERIOD = 60_000;
// A real SQLite file, migrated: on a loaded machine this takes longer than Jest's default 5 s.
jest.setTimeout(30_000);
const at = (iso: string) => new Date(iso);

// Errors of the native SQLite driver are matched by their message: when another test file in the same
// Jest worker loaded the driver first, they are not instances of this file's Error, and toThrow misses them.

describe('the period a lease is taken for (periodEnd)', () => {
  it('ends at the next multiple of the period since the epoch', () => {
    expect(periodEnd(at('2026-03-02T08:00:00.000Z'), PERIOD)).toEqual(at('2026-03-02T08:01:00.000Z'));
    expect(periodEnd(at('2026-03-02T08:00:59.999Z'), PERIOD)).toEqual(at('2026-03-02T08:01:00.000Z'));
    expect(periodEnd(at('2026-03-02T08:00:00.001Z'), PERIOD)).toEqual(at('2026-03-02T08:01:00.000Z'));
    expect(periodEnd(at('2026-03-02T08:07:30.000Z'), 5 * PERIOD)).toEqual(at('2026-03-02T08:10:00.000Z'));
    expect(periodEnd(new Date(2_999), 3_000)).toEqual(new Date(3_000));
    expect(periodEnd(new Date(3_000), 3_000)).toEqual(new Date(6_000));
  });

  it('refuses a period that is not positive', () => {
    for (const bad of [0, -1, Number.NaN]) expect(() => periodEnd(new Date(0), bad)).toThrow('A lease period must be positive');
    expect(periodEnd(new Date(0), 1)).toEqual(new Date(1));
  });
});

describe('one run per period across processes (ClusterLease on one SQLite file, two connections)', () => {
  let dir: string;
  const sources: DataSource[] = [];
  let clock: TestClock;
  let a: ClusterLease;
  let b: ClusterLease;
  let name: string;
  let jobs = 0;

  async function open(file: string): Promise<DataSource> {
    const source = new DataSource({ ...dataSourceOptions(parseDatabaseUrl(`sqlite:${file}`)), logging: false });
    await source.initialize();
    sources.push(source);
    return source;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-lease-'));
    const first = await open(join(dir, 'business.sqlite'));
    await first.runMigrations({ transaction: 'each' });
    const second = await open(join(dir, 'business.sqlite'));
    clock = new TestClock(at('2026-03-02T08:00:10.000Z'));
    // two processes: each its own connection, its own write queue and its own holder id
    a = new ClusterLease(new Transactions(first), clock);
    b = new ClusterLease(new Transactions(second), clock);
  });

  afterAll(async () => {
    for (const source of sources) await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    name = `job-${++jobs}`;
    clock.current = at('2026-03-02T08:00:10.000Z');
  });

  const rows = (source = sources[0]) => source.query('SELECT "name", "holder", "leaseUntil" FROM "job_lease" WHERE "name" = ?', [name]);

  /**
   * Both contenders try at the same moment, one after the other (in one test process the two SQLite
   * connections cannot wait for each other: better-sqlite3 waits for a lock synchronously; the
   * integration test runs contenders as separate processes). Returns who ran.
   */
  async function both(first: 'a' | 'b' = 'a'): Promise<string[]> {
    const ran: string[] = [];
    for (const who of first === 'a' ? ['a', 'b'] : ['b', 'a']) {
      await (who === 'a' ? a : b).runExclusive(name, PERIOD, async () => void ran.push(who));
    }
    return ran;
  }

  it('lets exactly one of two contenders run the job the first time, and records who holds it until when', async () => {
    expect(await both('b')).toEqual(['b']);
    expect(await rows()).toEqual([{ name, holder: b.holder, leaseUntil: '2026-03-02 08:01:00.000' }]);
    expect(a.holder).not.toBe(b.holder);
  });

  it('runs it no more in the same period, however often either asks', async () => {
    expect(await both()).toEqual(['a']);
    for (const moment of ['2026-03-02T08:00:10.000Z', '2026-03-02T08:00:30.000Z', '2026-03-02T08:00:59.999Z']) {
      clock.current = at(moment);
      expect(await both()).toEqual([]);
      expect(await both('b')).toEqual([]);
      expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(false);
    }
  });

  it('runs it once again from the first millisecond of the next period', async () => {
    expect(await both()).toEqual(['a']);
    clock.current = at('2026-03-02T08:01:00.000Z');
    expect(await both('b')).toEqual(['b']);
    expect((await rows())[0]).toMatchObject({ leaseUntil: '2026-03-02 08:02:00.000' });
  });

  it('runs it once per period over many periods, whoever ticks when', async () => {
    const ran: string[] = [];
    for (let period = 0; period < 6; period++) {
      const start = at('2026-03-02T09:00:00.000Z').getTime() + period * PERIOD;
      // a ticks early in the period and b late, then both again at the same moment
      for (const [lease, offset] of [[a, 5], [b, 59_000], [a, 30_000], [b, 30_000]] as const) {
        clock.current = new Date(start + offset);
        if (await lease.runExclusive(name, PERIOD, async () => undefined)) ran.push(`${period}:${lease === a ? 'a' : 'b'}`);
      }
      clock.current = new Date(start + 45_000);
      for (const who of await both(period % 2 === 0 ? 'a' : 'b')) ran.push(`${period}:${who}`);
    }
    expect(ran).toEqual(['0:a', '1:a', '2:a', '3:a', '4:a', '5:a']);
    // and the lease row counts the runs, for an operator to read
    expect(await sources[0].query('SELECT "runs" FROM "job_lease" WHERE "name" = ?', [name])).toEqual([{ runs: 6 }]);
  });

  it('hands the job to another process when the one that held it stops asking', async () => {
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(true);
    clock.current = at('2026-03-02T08:01:20.000Z');
    expect(await b.runExclusive(name, PERIOD, async () => undefined)).toBe(true);
    expect((await rows())[0]).toMatchObject({ holder: b.holder, leaseUntil: '2026-03-02 08:02:00.000' });
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(false);
  });

  it('keeps separate jobs apart', async () => {
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(true);
    expect(await b.runExclusive(`${name}-other`, PERIOD, async () => undefined)).toBe(true);
  });

  it('never overlaps a run still going in the same process, even in a new period', async () => {
    let finish!: () => void;
    let started!: () => void;
    const jobStarted = new Promise<void>((resolve) => (started = resolve));
    const running = a.runExclusive(name, PERIOD, () => {
      started();
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await jobStarted;
    clock.current = at('2026-03-02T08:05:00.000Z');
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(false);
    finish();
    expect(await running).toBe(true);
    // once it has finished, the next run may start
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(true);
  });

  it('passes on the error of a failed run, which still counts as the period’s run', async () => {
    await expect(a.runExclusive(name, PERIOD, async () => Promise.reject(new Error('engine down')))).rejects.toThrow('engine down');
    expect(await b.runExclusive(name, PERIOD, async () => undefined)).toBe(false);
    // and the failed run does not block the next one in its own process
    clock.current = at('2026-03-02T08:01:00.000Z');
    expect(await a.runExclusive(name, PERIOD, async () => undefined)).toBe(true);
  });

  it('passes on an error of the first insert that is not a clash, and does not run the job', async () => {
    // a trigger stands in for whatever else can go wrong while the row is inserted (a full disk, say)
    await sources[0].query(
      `CREATE TRIGGER "test_refuse_lease" BEFORE INSERT ON "job_lease" WHEN NEW."name" = '${name}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
    );
    try {
      let ran = false;
      await expect(a.runExclusive(name, PERIOD, async () => void (ran = true))).rejects.toMatchObject({ message: expect.stringContaining('disk on fire') });
      expect(ran).toBe(false);
    } finally {
      await sources[0].query('DROP TRIGGER "test_refuse_lease"');
    }
  });

  it('passes on a database error that is not a clash, and does not run the job', async () => {
    const empty = await open(join(dir, 'no-schema.sqlite'));
    const lease = new ClusterLease(new Transactions(empty), clock);
    let ran = false;
    await expect(lease.runExclusive(name, PERIOD, async () => void (ran = true))).rejects.toMatchObject({ message: expect.stringMatching(/no such table: job_lease/) });
    expect(ran).toBe(false);
  });
});

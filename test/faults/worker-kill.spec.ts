import { hostname } from 'node:os';
import { FaultDatabase, openDatabase, placeholders } from './support/database';
import { FaultStack } from './support/fault-stack';
import { engine, pollUntil, signIn } from './support/http';
import { CLEAN_REGISTRATIONS, registrationOutcome, waitForAcceptance } from './support/outcome';
import { levelSkipVisit, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { BOUNDS, DB } from './support/settings';

interface LockedTask {
  id: string;
  topicName: string;
  activityId: string;
  processInstanceId: string;
  workerId: string;
}

/**
 * The API dies with kill -9 while its in-process workers hold locked external tasks (some
 * handlers half-way through, some committed but not yet reported to the engine). The engine
 * delivers those tasks again once their lock expires (WORKER_LOCK_MS), to the restarted API.
 * Each must take effect exactly once: one timeline entry per step, one hand-over, one notice.
 *
 * The petitions are township matters brought to the city bureau in person, so each passes three
 * external tasks before its acceptance task: register, route (a hand-over) and the level-skip
 * notice (a notification and a timeline entry).
 */
describe(`the API killed while its workers hold locked tasks (${DB})`, () => {
  let stack: FaultStack;
  let db: FaultDatabase;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'worker-kill' });
    db = await openDatabase(stack.database);
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  }, 60_000);

  it('each external task takes effect exactly once: no duplicate timeline, hand-over or notification rows', async () => {
    const started = Date.now();
    const registrar = await signIn(stack.apiUrl, 'city.registrar');
    const township = await signIn(stack.apiUrl, 'dhjd.handler');

    // given 40 level-skipping visits registered 6 at a time, every one answered (so that no
    // registration is in flight at the kill: this is about the workers, not the clients)
    const burst = new RegistrationBurst({ apiUrl: stack.apiUrl, token: registrar, count: 40, concurrency: 6, input: levelSkipVisit });
    const registrations = await burst.done;

    // when the API is killed, three times over, at a moment its workers hold at least two locked
    // tasks, and started again on the same database each time
    const kills: { locked: string[]; committedNotReported: number; externalTasksLeft: number }[] = [];
    const lockedAtKill: LockedTask[] = [];
    for (let round = 0; round < 3; round++) {
      const worker = `${hostname()}-${stack.apiPid}-`;
      const locked = await pollUntil(
        async () => {
          const ours = (await engine<LockedTask[]>(stack.engineUrl, 'GET', '/external-task?locked=true')).filter((t) =>
            t.workerId?.startsWith(worker),
          );
          if (ours.length < 2) return false;
          await stack.killApi();
          return ours;
        },
        30_000,
        5,
      );
      if (!locked) break;
      lockedAtKill.push(...locked);
      kills.push({
        locked: locked.map((t) => t.activityId),
        // Handlers that had committed their effect but not told the engine: their task comes back.
        committedNotReported: await committedEffects(db, locked),
        externalTasksLeft: (await engine<{ count: number }>(stack.engineUrl, 'GET', '/external-task/count')).count,
      });
      await stack.startApi();
    }

    // then no registration is lost or doubled, and every petition reaches its acceptance task
    const { outcome, petitions } = await registrationOutcome(db, registrations);
    const acceptance = await waitForAcceptance(
      { apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, token: township, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    // and each task that was locked at the kill was completed, once
    const completions = await Promise.all(
      lockedAtKill.map(async (t) => {
        const log = await engine<unknown[]>(stack.engineUrl, 'GET', `/history/external-task-log?externalTaskId=${t.id}&successLog=true`);
        return { task: `${t.activityId} ${t.id}`, completed: log.length };
      }),
    );
    // and every step left exactly one row of each kind
    const rows = await rowsPerStep(db, [...petitions.values()].map((p) => p.id));
    note('worker-kill', {
      kills,
      acceptanceWaitSeconds: acceptance.waitedMs / 1000,
      seconds: secondsSince(started),
    });
    expect(kills.length).toBeGreaterThanOrEqual(1);
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
    expect(completions.filter((c) => c.completed !== 1)).toEqual([]);
    expect(rows).toEqual({ timeline: [], handOvers: [], notifications: [] });
  }, 480_000);
});

/** Locked tasks whose handler had already written its timeline entry (keyed `<instance>:<activity>`). */
async function committedEffects(db: FaultDatabase, tasks: LockedTask[]): Promise<number> {
  const keys = tasks.map((t) => `${t.processInstanceId}:${t.activityId}`);
  const rows = await db.query(`SELECT "id" FROM "petition_event" WHERE "idempotencyKey" IN (${placeholders(keys)})`, keys);
  return rows.length;
}

const STEPS_ON_TIMELINE = ['received', 'registered', 'routed', 'level-skip', 'notified'];

/**
 * Rows that are not there exactly once per petition and step: timeline entries of each kind this
 * path writes, the one hand-over (city bureau → township office), the one level-skip notice.
 */
async function rowsPerStep(db: FaultDatabase, ids: string[]) {
  const timeline = await db.query<{ petitionId: string; kind: string; n: number | string }>(
    `SELECT "petitionId", "kind", COUNT(*) AS "n" FROM "petition_event" WHERE "petitionId" IN (${placeholders(ids)}) GROUP BY "petitionId", "kind"`,
    ids,
  );
  const handOvers = await db.query<{ petitionId: string; kind: string; fromUnitCode: string; toUnitCode: string; n: number | string }>(
    `SELECT "petitionId", "kind", "fromUnitCode", "toUnitCode", COUNT(*) AS "n" FROM "hand_over" WHERE "petitionId" IN (${placeholders(ids)}) ` +
      `GROUP BY "petitionId", "kind", "fromUnitCode", "toUnitCode"`,
    ids,
  );
  const notifications = await db.query<{ petitionId: string; petitionerId: string; kind: string; n: number | string }>(
    `SELECT "petitionId", "petitionerId", "kind", COUNT(*) AS "n" FROM "notification" WHERE "petitionId" IN (${placeholders(ids)}) ` +
      `GROUP BY "petitionId", "petitionerId", "kind"`,
    ids,
  );
  const notOnce = <T extends { n: number | string }>(list: T[]) => list.filter((r) => Number(r.n) !== 1);
  const missing = (list: { petitionId: string; kind?: string }[], expected: string[], what: string) =>
    ids.flatMap((id) =>
      expected.filter((kind) => !list.some((r) => r.petitionId === id && (r.kind ?? kind) === kind)).map((kind) => ({ petitionId: id, missing: `${what} ${kind}` })),
    );
  return {
    timeline: [...notOnce(timeline), ...missing(timeline, STEPS_ON_TIMELINE, 'timeline')],
    handOvers: [...notOnce(handOvers), ...missing(handOvers, ['route'], 'hand-over')],
    notifications: [...notOnce(notifications), ...missing(notifications, ['level-skip'], 'notice')],
  };
}

import { join } from 'node:path';
import { eventually, stackInfo } from '../support/harness';
import { openDatabase, TestDatabase } from '../support/database';
import { register, waitForTask } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, stopProcess } = require('../../scripts/lib/stack.cjs');

const PERIOD_MINUTES = 0.025; // 1.5 s
const PERIOD_MS = PERIOD_MINUTES * 60_000;

/**
 * Periodic jobs run once per cluster, not once per process. Two more API processes join the shared
 * engine and database with a task-index reconcile every 1.5 s (the shared API reconciles never, see
 * global-setup.ts): the job runs in one of them per period, and it does its work.
 */
describe('a periodic job in a cluster of two APIs', () => {
  const info = stackInfo();
  const apis: { child: unknown }[] = [];
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openDatabase({ writable: true });
    // One after the other: each deploys and seeds on start, as a rolling restart would.
    for (const name of ['api-reconcile-a', 'api-reconcile-b']) {
      apis.push(
        await startApi({
          engineUrl: info.engineUrl,
          databaseUrl: info.databaseUrl,
          logDir: join(info.outDir, 'periodic-jobs'),
          name,
          env: {
            WORKERS_IN_PROCESS: 'false',
            TASK_INDEX_RECONCILE_MINUTES: String(PERIOD_MINUTES),
            REPAIR_SWEEP_SECONDS: '0',
            INCIDENT_SWEEP_MINUTES: '0',
          },
        }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    for (const api of apis) await stopProcess(api.child);
    await db?.close();
  }, 60_000);

  const runs = async () =>
    Number((await db.query<{ runs: number }>(`SELECT runs FROM job_lease WHERE name = 'task-index-reconcile'`))[0]?.runs ?? 0);

  it('runs the task-index reconcile in one process per period, and the run repairs the index', async () => {
    // given both APIs ticking every period
    const before = await runs();
    const started = Date.now();

    // when five runs have happened
    await eventually(async () => (await runs()) >= before + 5, { what: 'five reconcile runs', timeoutMs: 30_000, intervalMs: 50 });
    const done = await runs();
    const periods = Math.ceil((Date.now() - started) / PERIOD_MS);

    // then there was at most one run per period that passed (two processes running it each would
    // have made about two per period)
    expect(done - before).toBeLessThanOrEqual(periods + 1);

    // and a run does the job: an index row lost behind everyone's back comes back within periods
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    await db.query(`DELETE FROM open_task WHERE "taskId" = ?`, [task.id]);
    await eventually(async () => (await db.query(`SELECT 1 FROM open_task WHERE "taskId" = ?`, [task.id])).length === 1, {
      what: 'the reconcile to restore the index row',
      timeoutMs: 10 * PERIOD_MS,
    });
  });
});

import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbstractLogger, DataSource, QueryRunner } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { countGroups, Narrow } from '../../src/reports/overdue-counts';
import { stackInfo } from '../support/harness';

const DAY = 86_400_000;
const ROWS = 100_000;
/** The report's moment: the tasks are due around it. */
const NOW = new Date('2091-06-15T12:00:00.000Z');
/** Seven regions of six units each, as a city's counties, townships and villages spread its tasks. */
const UNITS = Array.from({ length: 42 }, (_, u) => ({ regionCode: `ZZ00000000${u % 7}`, unitCode: `ZZ00000000${u % 7}-unit-${u}` }));
const STEPS = ['accept-decision', 'handle-petition', 'forward-to-township', 'review', 'reply'];

/** Rows the connection has read from tables and indexes so far (MariaDB's Handler_read_* counters). */
async function rowsRead(runner: QueryRunner): Promise<number> {
  const status: { Variable_name: string; Value: string }[] = await runner.query("SHOW SESSION STATUS LIKE 'Handler_read%'");
  return status.reduce((sum, s) => sum + Number(s.Value), 0);
}

/** The statements a data source sends that read open_task, with their parameters, as sent. */
class OpenTaskReads extends AbstractLogger {
  readonly statements: { query: string; parameters: unknown[] }[] = [];
  override logQuery(query: string, parameters?: unknown[]): void {
    if (/^SELECT .* FROM "open_task"/s.test(query)) this.statements.push({ query, parameters: parameters ?? [] });
  }
  protected writeLog(): void {}
}

/**
 * The overdue report's counts take the whole days from the tally and only the days its moments fall
 * in from the open tasks themselves, so that they read a few days of rows however many tasks are
 * open. Both databases' planners chose otherwise: an index in the grouping order that holds all of a
 * scope's rows, so the city supervisor's report read every open task.
 *
 * The planner decides from the table's statistics (MariaDB) or from the indexes alone (SQLite, which
 * has none until ANALYZE), so the tasks are committed in a database of this suite's own, beside the
 * stack's (dropped afterwards): the stack's reports never see them.
 */
describe('the overdue report’s counts, on 100,000 open tasks', () => {
  const database = stackInfo().database;
  const reads = new OpenTaskReads();
  let source: DataSource;
  let runner: QueryRunner;
  /** Removes this suite's own database (and on MariaDB closes the connection that made it). */
  let dropOwn: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (database.type === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'overdue-plan-'));
      source = new DataSource({ ...dataSourceOptions({ type: 'sqlite', path: join(dir, 'plan.sqlite') }), logger: reads });
      dropOwn = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `plan_${randomUUID().slice(0, 8)}`;
      const config = { ...parseDatabaseUrl(database.url), poolSize: 1 };
      const server = new DataSource({ ...dataSourceOptions(config as never), migrations: [] });
      await server.initialize();
      dropOwn = async () => {
        await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await server.destroy();
      };
      await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      // (no statement log: MariaDB counts the rows read itself)
      source = new DataSource(dataSourceOptions({ ...config, database: name } as never));
    }
    await source.initialize();
    await source.runMigrations();
    runner = source.createQueryRunner();
    await runner.connect();
  }, 120_000);
  afterAll(async () => {
    await runner?.release();
    await source?.destroy();
    await dropOwn?.();
  });

  it('read only the open tasks of the days the report’s moments fall in, for a city supervisor who sees every region', async () => {
    // given 100,000 open tasks of 42 units in 7 regions, due from 60 days before now to 30 days after it,
    // and on MariaDB the table's statistics as the migration left them, taken when it was empty: InnoDB
    // takes them again in the background after a tenth of the rows changed, but in `bench:overdue` they
    // still counted 0 rows after 100,000 inserts, and the planner then read every row
    if (database.type !== 'sqlite') await runner.query('ALTER TABLE open_task STATS_AUTO_RECALC = 0');
    const columns = 'taskId, petitionId, petitionNumber, processInstanceId, step, unitCode, regionCode, level, due, created';
    // (each database's own form of a moment: TypeORM stores SQLite's as text)
    const moment = (date: Date) => (database.type === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', '') : date);
    await runner.startTransaction();
    for (let from = 0; from < ROWS; from += 1000) {
      const rows = Array.from({ length: 1000 }, (_, k) => {
        const i = from + k;
        // (spread over the 90 days in no order, as tasks come)
        const due = new Date(NOW.getTime() - 60 * DAY + Math.floor(((i * 7919) % 90_000) * (DAY / 1000)));
        const unit = UNITS[i % UNITS.length];
        return [randomUUID(), randomUUID(), `XF-PLAN-${i}`, randomUUID(), STEPS[i % STEPS.length], unit.unitCode, unit.regionCode, 'county', moment(due), moment(NOW)];
      });
      await runner.query(`INSERT INTO open_task (${columns}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
      // SQLite answers within the call, so without this the loading never lets the event loop turn
      // for seconds: a keep-alive socket of the suite's HTTP pool then outlives the API's keep-alive
      // unnoticed, and the next test file's first request fails ("other side closed")
      await new Promise((resolve) => setImmediate(resolve));
    }
    await runner.commitTransaction();
    if (database.type !== 'sqlite') await runner.query('FLUSH TABLES open_task');
    const cityWide: Narrow = (qb) => qb.where('1 = 1');

    // when the counts are taken for the next 3 days, with the ageing floors of 3, 7, 15 and 30 days
    const before = database.type === 'sqlite' ? 0 : await rowsRead(runner);
    reads.statements.length = 0;
    const groups = await countGroups(runner.manager, cityWide, NOW, new Date(NOW.getTime() + 3 * DAY), [3, 7, 15, 30]);

    // then they saw every step's tasks (the tally is empty: there are no whole days to take from it) ...
    expect(new Set(groups.map((g) => `${g.unitCode} ${g.step}`)).size).toBe(UNITS.length * STEPS.length);
    expect(groups.reduce((n, g) => n + g.n, 0)).toBeGreaterThan(0);
    // ... and read the rows of the six days the moments fall in (about 1,100 a day), not all 100,000:
    // counted by MariaDB as it read them; SQLite keeps no such count, so its plan for that statement
    // must search the due index for each day rather than scan the table or another index whole
    if (database.type === 'sqlite') {
      expect(reads.statements).toHaveLength(1);
      const [{ query, parameters }] = reads.statements;
      const plan: { detail: string }[] = await runner.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
      const steps = plan.map((p) => p.detail);
      expect(steps.filter((s) => /^SCAN t\b/.test(s))).toEqual([]);
      expect(steps.filter((s) => s.startsWith('SEARCH t USING INDEX IDX_open_task_due'))).toHaveLength(6);
    } else {
      expect((await rowsRead(runner)) - before).toBeLessThan(ROWS / 5);
    }
  }, 120_000);
});

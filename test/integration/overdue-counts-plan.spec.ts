import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
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

/**
 * The overdue report's counts take the whole days from the tally and only the days its moments fall
 * in from the open tasks themselves, so that they read a few days of rows however many tasks are
 * open. On MariaDB the planner chose otherwise (an index in the grouping order that holds all of a
 * scope's rows), and the city supervisor's report read every open task.
 *
 * The planner decides from the table's statistics, so the tasks are committed and analysed, in a
 * database of this suite's own on the suite's MariaDB server (dropped afterwards): the stack's
 * reports never see them.
 */
const onMariaDb = stackInfo().database.type === 'sqlite' ? describe.skip : describe;

onMariaDb('the overdue report’s counts on MariaDB', () => {
  let server: DataSource;
  let source: DataSource;
  let runner: QueryRunner;
  const name = `plan_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const database = stackInfo().database;
    if (database.type === 'sqlite') throw new Error('This suite reads MariaDB’s own counters');
    const config = { ...parseDatabaseUrl(database.url), poolSize: 1 };
    server = new DataSource({ ...dataSourceOptions(config as never), migrations: [] });
    await server.initialize();
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    source = new DataSource(dataSourceOptions({ ...config, database: name } as never));
    await source.initialize();
    await source.runMigrations();
    runner = source.createQueryRunner();
    await runner.connect();
  }, 120_000);
  afterAll(async () => {
    await runner?.release();
    await source?.destroy();
    await server?.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await server?.destroy();
  });

  it('read only the open tasks of the days the report’s moments fall in, for a city supervisor who sees every region', async () => {
    // given 100,000 open tasks of 42 units in 7 regions, due from 60 days before now to 30 days after it,
    // and the table's statistics as the migration left them, taken when it was empty: InnoDB takes them
    // again in the background after a tenth of the rows changed, but in `bench:overdue` they still
    // counted 0 rows after 100,000 inserts, and the planner then read every row
    await runner.query('ALTER TABLE open_task STATS_AUTO_RECALC = 0');
    const columns = 'taskId, petitionId, petitionNumber, processInstanceId, step, unitCode, regionCode, level, due, created';
    for (let from = 0; from < ROWS; from += 1000) {
      const rows = Array.from({ length: 1000 }, (_, k) => {
        const i = from + k;
        // (spread over the 90 days in no order, as tasks come)
        const due = new Date(NOW.getTime() - 60 * DAY + Math.floor(((i * 7919) % 90_000) * (DAY / 1000)));
        const unit = UNITS[i % UNITS.length];
        return [randomUUID(), randomUUID(), `XF-PLAN-${i}`, randomUUID(), STEPS[i % STEPS.length], unit.unitCode, unit.regionCode, 'county', due, NOW];
      });
      await runner.query(`INSERT INTO open_task (${columns}) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
    }
    await runner.query('FLUSH TABLES open_task');
    const cityWide: Narrow = (qb) => qb.where('1 = 1');

    // when the counts are taken for the next 3 days, with the ageing floors of 3, 7, 15 and 30 days
    const before = await rowsRead(runner);
    const groups = await countGroups(runner.manager, cityWide, NOW, new Date(NOW.getTime() + 3 * DAY), [3, 7, 15, 30]);
    const read = (await rowsRead(runner)) - before;

    // then they saw every step's tasks (the tally is empty: there are no whole days to take from it) ...
    expect(new Set(groups.map((g) => `${g.unitCode} ${g.step}`)).size).toBe(UNITS.length * STEPS.length);
    // ... and read the rows of the six days the moments fall in (about 1,100 a day), not all 100,000
    expect(read).toBeLessThan(ROWS / 5);
  }, 120_000);
});

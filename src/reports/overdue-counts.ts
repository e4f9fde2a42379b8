import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { tallyDay, tallyDayStart } from '../common/open-task-tally';
import type { Level } from '../org/org.types';
import { OpenTaskTally } from '../tasks/index/open-task-tally.entity';
import { OPEN_TASK_DUE_INDEXES, OpenTask } from '../tasks/index/open-task.entity';

const DAY_MS = 86_400_000;

/**
 * The indexes that find open tasks by due date. Left to itself, MariaDB's planner read the cut days'
 * rows through IDX_open_task_counts, which is in the GROUP BY's order and so spares a sort, but holds
 * every row of the scope: about 42,000 rows for a county and all 100,000 for the city in
 * `bench:overdue`, where the cut days hold about 2,000 (the city's counts took 48 ms, most of the
 * report's time).
 */
const BY_DUE = Object.values(OPEN_TASK_DUE_INDEXES).join(', ');

/** How a query names a column of its table, in its filters and its grouping. */
export type Column = (name: string) => string;

/** A table's columns as written plainly, under the query's alias. */
export const columnsOf =
  (alias: string): Column =>
  (name) =>
    `${alias}.${name}`;

/**
 * Steers a read of open_task to its due indexes, and gives the column names its filters and grouping
 * must use for that. MariaDB takes an index hint (TypeORM writes it for the MySQL family only). SQLite
 * has no statistics and chose alike: a whole scan of IDX_open_task_counts, which holds the filter and
 * grouping columns in order, over the due index's ranges (city 40–75 ms against 2 ms on
 * `bench:overdue`). Its documented way out is the unary +: a column written `+t.x` is an expression,
 * which no index serves, so neither an equality on another index's leading column nor the grouping
 * order outweighs the ranges on `due`.
 */
export function readByDue<T extends object>(qb: SelectQueryBuilder<T>, alias: string): Column {
  if (qb.connection.options.type === 'better-sqlite3') return (name) => `+${alias}.${name}`;
  qb.useIndex(BY_DUE);
  return columnsOf(alias);
}

/** The report's counts of one region, unit, level and step. */
export interface GroupCounts {
  regionCode: string;
  unitCode: string;
  level: Level;
  step: string;
  /** Tasks due by the horizon. */
  n: number;
  /** Of those, due before now. */
  overdue: number;
  /** Of those, due at least `days` whole days before now, per ageing floor. */
  aged: Map<number, number>;
}

/** The report's filters (scope, level, unit, step), applied alike to open_task and its tally. */
export type Narrow = <T extends object>(qb: SelectQueryBuilder<T>, column: Column) => SelectQueryBuilder<T>;

/** A count of the tasks due before a moment (`at`), or at it too (`inclusive`). */
interface Cut {
  at: Date;
  inclusive: boolean;
}

/**
 * Every count of the overdue report, per group: from the tally for the whole days before each cut,
 * and from the rows only for the part of the day each cut falls in. A cut's count is
 * Σ tally(days before the cut's day) + rows due from that day's start until the cut — so the rows
 * read are those of at most 2 + floors days, whatever the number of open tasks.
 */
export async function countGroups(manager: Pick<EntityManager, 'getRepository'>, narrow: Narrow, now: Date, horizon: Date, floors: number[]): Promise<GroupCounts[]> {
  // n: due <= horizon. overdue: due < now, within the horizon. aged d: due <= now - d days, within it.
  const clipped = (at: Date, inclusive: boolean): Cut => (at.getTime() > horizon.getTime() ? { at: horizon, inclusive: true } : { at, inclusive });
  const cuts: Cut[] = [{ at: horizon, inclusive: true }, clipped(now, false), ...floors.map((days) => clipped(new Date(now.getTime() - days * DAY_MS), true))];
  const lastDay = tallyDay(horizon);

  const tallyRows = await narrow(manager.getRepository(OpenTaskTally).createQueryBuilder('y'), columnsOf('y'))
    .select('y.regionCode', 'regionCode')
    .addSelect('y.unitCode', 'unitCode')
    .addSelect('y.level', 'level')
    .addSelect('y.step', 'step')
    .addSelect('y.dueDay', 'dueDay')
    .addSelect('y.n', 'n')
    .andWhere('y.dueDay < :lastDay', { lastDay })
    .andWhere('y.n > 0')
    .getRawMany<{ regionCode: string; unitCode: string; level: Level; step: string; dueDay: string; n: string | number }>();

  // The rows of the cuts' own days, each counted per cut in one pass.
  const partial = manager.getRepository(OpenTask).createQueryBuilder('t');
  const column = readByDue(partial, 't');
  narrow(partial, column)
    .select('t.regionCode', 'regionCode')
    .addSelect('t.unitCode', 'unitCode')
    .addSelect('t.level', 'level')
    .addSelect('t.step', 'step');
  const ranges: string[] = [];
  cuts.forEach((cut, i) => {
    const from = tallyDayStart(tallyDay(cut.at));
    partial.addSelect(`SUM(CASE WHEN t.due >= :from${i} AND t.due ${cut.inclusive ? '<=' : '<'} :at${i} THEN 1 ELSE 0 END)`, `cut${i}`);
    partial.setParameter(`from${i}`, from).setParameter(`at${i}`, cut.at);
    ranges.push(`(t.due >= :from${i} AND t.due <= :at${i})`);
  });
  const partialRows = await partial
    .andWhere(`(${ranges.join(' OR ')})`)
    .groupBy(column('regionCode'))
    .addGroupBy(column('unitCode'))
    .addGroupBy(column('level'))
    .addGroupBy(column('step'))
    .getRawMany<Record<string, string | number | null>>();

  const groups = new Map<string, { regionCode: string; unitCode: string; level: Level; step: string; counts: number[] }>();
  const groupOf = (row: { regionCode: string; unitCode: string; level: Level; step: string }) => {
    const key = [row.regionCode, row.unitCode, row.level, row.step].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { regionCode: row.regionCode, unitCode: row.unitCode, level: row.level, step: row.step, counts: cuts.map(() => 0) };
      groups.set(key, group);
    }
    return group;
  };
  const cutDays = cuts.map((cut) => tallyDay(cut.at));
  for (const row of tallyRows) {
    const group = groupOf(row);
    cutDays.forEach((day, i) => {
      if (row.dueDay < day) group.counts[i] += Number(row.n);
    });
  }
  for (const row of partialRows) {
    const group = groupOf(row as unknown as { regionCode: string; unitCode: string; level: Level; step: string });
    cuts.forEach((_, i) => (group.counts[i] += Number(row[`cut${i}`] ?? 0)));
  }
  return [...groups.values()]
    .filter((g) => g.counts[0] > 0)
    .map((g) => ({
      regionCode: g.regionCode,
      unitCode: g.unitCode,
      level: g.level,
      step: g.step,
      n: g.counts[0],
      overdue: g.counts[1],
      aged: new Map(floors.map((days, i) => [days, g.counts[2 + i]])),
    }));
}

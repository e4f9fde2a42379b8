import { EntityManager } from 'typeorm';
import { tallyDay, tallyDayStart } from '../../common/open-task-tally';
import type { OpenTask } from './open-task.entity';

export interface TallyKey {
  regionCode: string;
  unitCode: string;
  level: string;
  step: string;
  dueDay: string;
}

const DAY_MS = 86_400_000;

/** The tally group of a row with a due moment; the rows without one are in no group. */
function tallyKey(row: Pick<OpenTask, 'regionCode' | 'unitCode' | 'level' | 'step' | 'due'>): TallyKey | undefined {
  return row.due ? { regionCode: row.regionCode, unitCode: row.unitCode, level: row.level, step: row.step, dueDay: tallyDay(row.due) } : undefined;
}

function keyText(key: TallyKey): string {
  return [key.regionCode, key.unitCode, key.level, key.step, key.dueDay].join('\u0000');
}

/** Keys in one order, so that concurrent writers lock their groups' rows in the same order. */
function inLockOrder<T extends { key: TallyKey }>(entries: T[]): T[] {
  return entries
    .map((entry) => ({ entry, text: keyText(entry.key) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ entry }) => entry);
}

/** The tally groups these rows count in, each once, in lock order. */
export function tallyKeys(rows: Pick<OpenTask, 'regionCode' | 'unitCode' | 'level' | 'step' | 'due'>[]): TallyKey[] {
  const keys = new Map<string, TallyKey>();
  for (const row of rows) {
    const key = tallyKey(row);
    if (key) keys.set(keyText(key), key);
  }
  return inLockOrder([...keys.values()].map((key) => ({ key }))).map(({ key }) => key);
}

export interface TallyChange {
  key: TallyKey;
  /** Open tasks the group gains (negative: loses). */
  by: number;
}

type Counted = Pick<OpenTask, 'regionCode' | 'unitCode' | 'level' | 'step' | 'due'>;

/**
 * What a write does to the tally: `before` and `after` are the same petitions' rows before and after
 * it. Groups whose count does not change are left out, in lock order.
 */
export function tallyChanges(before: Counted[], after: Counted[]): TallyChange[] {
  const changes = new Map<string, TallyChange>();
  const count = (rows: Counted[], by: number) => {
    for (const row of rows) {
      const key = tallyKey(row);
      if (!key) continue;
      const text = keyText(key);
      const change = changes.get(text) ?? { key, by: 0 };
      change.by += by;
      changes.set(text, change);
    }
  };
  count(before, -1);
  count(after, +1);
  return inLockOrder([...changes.values()].filter((c) => c.by !== 0));
}

/**
 * Adds each group's change to its row in one statement, in the transaction that changed the rows,
 * last before its commit: the group's row is locked only from this statement to the commit. Exact
 * only when `before` was read after every earlier writer of the same petitions committed (the task
 * index locks the petitions first); the reconcile pass counts again what it touches.
 */
export async function addToTallies(manager: EntityManager, changes: TallyChange[]): Promise<void> {
  const add =
    manager.connection.options.type === 'better-sqlite3'
      ? `INSERT INTO open_task_tally (regionCode, unitCode, level, step, dueDay, n) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (regionCode, unitCode, level, step, dueDay) DO UPDATE SET n = n + excluded.n`
      : `INSERT INTO open_task_tally (regionCode, unitCode, level, step, dueDay, n) VALUES (?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE n = n + VALUES(n)`;
  for (const { key, by } of changes) {
    await manager.query(add, [key.regionCode, key.unitCode, key.level, key.step, key.dueDay, by]);
  }
}

/**
 * Counts each group's open tasks again, in the transaction that changed them, after the change: the
 * reconcile pass, which also mends a tally that drifted. Each group's row is locked first and held to
 * the commit, and counted after the lock: of two transactions changing one group, the second counts
 * after the first has committed, so the last count includes both.
 */
export async function recountTallies(manager: EntityManager, keys: TallyKey[]): Promise<void> {
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  // SQLite keeps datetimes as UTC text; MariaDB takes Dates (the connection's timezone is UTC).
  const moment = (at: Date) => (sqlite ? at.toISOString().replace('T', ' ').replace('Z', '') : at);
  const lock = sqlite
    ? 'INSERT INTO open_task_tally (regionCode, unitCode, level, step, dueDay, n) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING'
    : 'INSERT INTO open_task_tally (regionCode, unitCode, level, step, dueDay, n) VALUES (?, ?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE n = n';
  for (const key of keys) {
    const group = [key.regionCode, key.unitCode, key.level, key.step];
    await manager.query(lock, [...group, key.dueDay]);
    const from = tallyDayStart(key.dueDay);
    await manager.query(
      `UPDATE open_task_tally SET n = (
         SELECT COUNT(*) FROM open_task WHERE regionCode = ? AND unitCode = ? AND level = ? AND step = ? AND due >= ? AND due < ?
       ) WHERE regionCode = ? AND unitCode = ? AND level = ? AND step = ? AND dueDay = ?`,
      [...group, moment(from), moment(new Date(from.getTime() + DAY_MS)), ...group, key.dueDay],
    );
  }
}

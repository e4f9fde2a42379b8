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

/** The tally groups these rows count in, each once, in one order (so concurrent writers lock them in the same order). */
export function tallyKeys(rows: Pick<OpenTask, 'regionCode' | 'unitCode' | 'level' | 'step' | 'due'>[]): TallyKey[] {
  const keys = new Map<string, TallyKey>();
  for (const row of rows) {
    if (!row.due) continue;
    const key = { regionCode: row.regionCode, unitCode: row.unitCode, level: row.level, step: row.step, dueDay: tallyDay(row.due) };
    keys.set([key.regionCode, key.unitCode, key.level, key.step, key.dueDay].join('\u0000'), key);
  }
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
}

/**
 * Counts each group's open tasks again, in the transaction that changed them, after the change.
 * Each group's row is locked first and held to the commit, and counted after the lock: of two
 * transactions changing one group, the second counts after the first has committed, so the last
 * count includes both. Counting rather than adding ±1 stays right whatever the transaction changed.
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

/**
 * The overdue report's tally of open tasks: how many of a unit's tasks of one step fall due on each
 * day (UTC). Read instead of the rows for every whole day; the rows are read only for the days a
 * report's boundaries (now, the near-due horizon, the ageing floors) fall in. Shared by the migration
 * that builds it, the task index that keeps it, and the benchmark that loads rows directly.
 */

/** The UTC day of a due moment, as the tally keys it. */
export function tallyDay(due: Date): string {
  return due.toISOString().slice(0, 10);
}

/** The first instant of a tally day. */
export function tallyDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The tally rebuilt from open_task, in one statement pair (run inside a transaction). */
export function rebuildTallySql(driverType: string): string[] {
  // Both store datetimes as UTC (the connection's timezone is 'Z'); SQLite as text 'YYYY-MM-DD hh:mm:ss.sss'.
  const day = driverType === 'better-sqlite3' ? 'substr(due, 1, 10)' : "DATE_FORMAT(due, '%Y-%m-%d')";
  return [
    'DELETE FROM open_task_tally',
    `INSERT INTO open_task_tally (regionCode, unitCode, level, step, dueDay, n)
     SELECT regionCode, unitCode, level, step, ${day}, COUNT(*) FROM open_task WHERE due IS NOT NULL
     GROUP BY regionCode, unitCode, level, step, ${day}`,
  ];
}

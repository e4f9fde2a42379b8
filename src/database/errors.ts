/**
 * A second insert of the same unique or primary key, as MariaDB/MySQL and SQLite report it (on the
 * error itself, or as TypeORM's QueryFailedError around it): a concurrent request got there first.
 */
export function isUniqueViolation(error: unknown): boolean {
  const own = (error as { code?: unknown } | null)?.code;
  const driver = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return [own, driver].some((code) => code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE');
}

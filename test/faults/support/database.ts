import { openDatabaseAt, type TestDatabase } from '../../support/database';
import type { DatabaseInfo } from './fault-stack';

export type FaultDatabase = TestDatabase;

/**
 * Reads the business database directly, as an operator would after an incident: read-only on
 * SQLite (the API keeps writing beside it), straight to MariaDB (never through the test's relay).
 */
export function openDatabase(database: DatabaseInfo): Promise<FaultDatabase> {
  return openDatabaseAt(database);
}

/** `IN (?, ?, …)` for a list of parameters. */
export const placeholders = (values: unknown[]): string => values.map(() => '?').join(', ');

import type { DatabaseInfo } from './fault-stack';

export interface FaultDatabase {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Reads the business database directly, as an operator would after an incident: read-only on
 * SQLite (the API keeps writing beside it), straight to MariaDB (never through the test's relay).
 * SQL is written with "double quotes" for identifiers, as SQLite wants; MariaDB gets backticks.
 */
export async function openDatabase(database: DatabaseInfo): Promise<FaultDatabase> {
  if (database.type === 'sqlite') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Sqlite = require('better-sqlite3');
    const db = new Sqlite(database.path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return {
      async query<T>(sql: string, params: unknown[] = []) {
        return db.prepare(sql).all(...params) as T[];
      },
      async close() {
        db.close();
      },
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mysql = require('mysql2/promise');
  const url = new URL(database.url);
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    timezone: 'Z',
  });
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await connection.query(sql.replace(/"/g, '`'), params);
      return rows as T[];
    },
    async close() {
      await connection.end();
    },
  };
}

/** `IN (?, ?, …)` for a list of parameters. */
export const placeholders = (values: unknown[]): string => values.map(() => '?').join(', ');

import { stackInfo, type StackInfo } from './harness';

export interface TestDatabase {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Direct access to the business database of the shared stack, to check what the API and workers
 * wrote. Read-only unless `writable` (for tests that act as a DBA would; the MariaDB account can
 * always write).
 */
export function openDatabase({ writable = false } = {}): Promise<TestDatabase> {
  return openDatabaseAt(stackInfo().database, { writable });
}

/**
 * The same for any stack's database (the fault suite starts its own): read-only on SQLite unless
 * `writable`, straight to MariaDB. SQL is written with "double quotes" for identifiers, as SQLite
 * wants; MariaDB gets backticks.
 */
export async function openDatabaseAt(database: StackInfo['database'], { writable = false } = {}): Promise<TestDatabase> {
  if (database.type === 'sqlite') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Sqlite = require('better-sqlite3');
    const db = new Sqlite(database.path, { readonly: !writable, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return {
      async query<T>(sql: string, params: unknown[] = []) {
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all(...params) as T[];
          statement.run(...params);
          return [];
        } catch (error) {
          // The native driver keeps the SqliteError class of the first test file in this worker that
          // loaded it; in other files its errors are no instances of Error, and toThrow misses them.
          const { message, code } = error as { message: string; code?: string };
          throw Object.assign(new Error(message), { code });
        }
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
      // The SQL is written with "double quotes" for identifiers, as SQLite wants; MariaDB wants backticks.
      const [rows] = await connection.query(sql.replace(/"/g, '`'), params);
      return rows as T[];
    },
    async close() {
      await connection.end();
    },
  };
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SQL on a benchmark stack's business database (the SQLite file or MariaDB), for loading synthetic
 * rows and reading results: `all`, `execute` (a statement that returns no rows), `insert` (many rows
 * of one statement, in one transaction or batched multi-row inserts), `time` (a Date as the driver
 * stores it: SQLite keeps TypeORM's datetime text, MariaDB takes the Date) and `read` (back to a Date).
 */
export async function openBenchDatabase(database) {
  if (database.type === 'sqlite') {
    const Sqlite = require('better-sqlite3');
    const connection = new Sqlite(database.path);
    connection.pragma('busy_timeout = 10000');
    return {
      all: async (sql, params = []) => connection.prepare(sql).all(...params),
      // better-sqlite3 runs statements that return no rows (INSERT … SELECT, ANALYZE, PRAGMA) apart.
      execute: async (sql) => connection.exec(sql),
      insert: async (table, columns, rows) => {
        const statement = connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        connection.transaction((all) => all.forEach((r) => statement.run(...r)))(rows);
      },
      time: (date) => date.toISOString().replace('T', ' ').replace('Z', ''),
      read: (value) => new Date(`${String(value).replace(' ', 'T')}Z`),
      close: async () => connection.close(),
    };
  }
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
    all: async (sql, params = []) => (await connection.query(sql, params))[0],
    execute: async (sql) => connection.query(sql),
    insert: async (table, columns, rows) => {
      for (let i = 0; i < rows.length; i += 5000) {
        await connection.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + 5000)]);
      }
    },
    time: (date) => date,
    read: (value) => (value instanceof Date ? value : new Date(value)),
    close: async () => connection.end(),
  };
}

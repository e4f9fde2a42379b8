import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/**
 * Every `*.entity` file of the application, wherever its feature keeps it (compiled .js under dist/,
 * .ts under ts-jest): the database does not need to know the features, and a new entity cannot be
 * forgotten here (test/integration/schema.spec.ts compares the entities with the migrated schema).
 */
export const ENTITY_FILES = join(__dirname, '..', '**', '*.entity.{js,ts}');

/** The same entities and migrations on the embedded SQLite default and on MySQL/MariaDB. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: [ENTITY_FILES],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
  };
  if (database.type === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      // WAL lets the API read while a separate worker process writes; the timeout waits out the other writer.
      enableWAL: true,
      timeout: 10_000,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: database.type,
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    extra: { connectionLimit: database.poolSize ?? 20 },
  };
}

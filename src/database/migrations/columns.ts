import { QueryRunner, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Column shorthands for migrations written with TypeORM's schema API, so that one migration runs on
 * SQLite and on MySQL/MariaDB. Types are spelled the way each driver reads them back, so that the
 * migrated schema and the entities agree (test/integration/schema.spec.ts checks it).
 */
export function columnsFor(queryRunner: QueryRunner) {
  const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    str: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    /** Fixed length, e.g. a hex digest: "nchar" is the spelling both drivers accept (MySQL reads it back as char). */
    char: (name: string, length: number): TableColumnOptions => ({
      name,
      type: sqlite ? 'nchar' : 'char',
      length: String(length),
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    time: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: 3,
      isNullable: nullable,
    }),
    int: (name: string, fallback?: number): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'int',
      ...(fallback === undefined ? {} : { default: fallback }),
    }),
    bool: (name: string, fallback?: boolean): TableColumnOptions => ({
      name,
      type: sqlite ? 'boolean' : 'tinyint',
      ...(fallback === undefined ? {} : { default: Number(fallback) }),
    }),
    index: (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique }),
  };
}

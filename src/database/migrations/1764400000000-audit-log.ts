import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

const APPEND_ONLY = 'audit_log is append-only';
// The chain's genesis: the first entry's prevHash (kept here so the migration never changes with the code).
const GENESIS_HASH = '0'.repeat(64);

/**
 * The tamper-evident audit log and its head row. The database itself refuses UPDATE and DELETE on
 * audit_log, so nothing in the application (or a careless operator) can change or purge an entry;
 * someone who drops the triggers first is caught by the hash chain (npm run audit:verify).
 */
/** The trigger that refuses one kind of change to audit_log (also used by the tests that tamper with it). */
export function appendOnlyTrigger(event: 'UPDATE' | 'DELETE', sqlite: boolean): string {
  const name = `audit_log_no_${event.toLowerCase()}`;
  return sqlite
    ? `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`
    : `CREATE TRIGGER ${name} BEFORE ${event} ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${APPEND_ONLY}'`;
}

export class AuditLog1764400000000 implements MigrationInterface {
  name = 'AuditLog1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, text, time, int, char, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { ...int('seq'), isPrimary: true },
          time('at'),
          str('actor', 64, true),
          str('unitCode', 64, true),
          str('ip', 45, true),
          str('action', 64),
          str('outcome', 16),
          str('resourceType', 32, true),
          str('resourceId', 128, true),
          text('detail', true),
          char('prevHash', 64),
          char('hash', 64),
        ],
        indices: [
          index('IDX_audit_log_at', ['at']),
          index('IDX_audit_log_actor', ['actor']),
          index('IDX_audit_log_action', ['action']),
          index('IDX_audit_log_resource', ['resourceId']),
        ],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({ name: 'audit_head', columns: [{ ...int('id'), isPrimary: true }, int('lastSeq'), char('lastHash', 64)] }),
      false,
      true,
      true,
    );
    await queryRunner.query('INSERT INTO audit_head (id, lastSeq, lastHash) VALUES (1, 0, ?)', [GENESIS_HASH]);

    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    for (const event of ['UPDATE', 'DELETE'] as const) await queryRunner.query(appendOnlyTrigger(event, sqlite));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_update');
    await queryRunner.dropTable('audit_head', true);
    await queryRunner.dropTable('audit_log', true);
  }
}

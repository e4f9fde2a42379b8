import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/**
 * audit_inbox: audit entries written with their change and chained into audit_log moments later,
 * so that no business transaction holds the chain's head row (registrations took turns on it).
 * A row is never changed: the database refuses UPDATE; the chaining deletes the rows it has chained.
 */
export class AuditInbox1766500000000 implements MigrationInterface {
  name = 'AuditInbox1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_inbox',
        columns: [
          id(),
          time('at'),
          str('actor', 64, true),
          str('unitCode', 64, true),
          str('ip', 45, true),
          str('action', 64),
          str('outcome', 16),
          str('resourceType', 32, true),
          str('resourceId', 128, true),
          text('detail', true),
        ],
        indices: [index('IDX_audit_inbox_at', ['at'])],
      }),
      false,
      true,
      true,
    );
    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    await queryRunner.query(
      sqlite
        ? "CREATE TRIGGER audit_inbox_no_update BEFORE UPDATE ON audit_inbox BEGIN SELECT RAISE(ABORT, 'audit_inbox rows are never changed'); END"
        : "CREATE TRIGGER audit_inbox_no_update BEFORE UPDATE ON audit_inbox FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_inbox rows are never changed'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_inbox_no_update');
    await queryRunner.dropTable('audit_inbox', true);
  }
}

import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/** Server-side sessions, and what lock-out and password ageing need on accounts. */
export class SessionsAndLockOut1764300000000 implements MigrationInterface {
  name = 'SessionsAndLockOut1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, time, int, index } = columnsFor(queryRunner);
    await queryRunner.addColumns('app_user', [
      new TableColumn(int('failedSignIns', 0)),
      new TableColumn(time('lockedUntil', true)),
      new TableColumn(time('passwordChangedAt', true)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'auth_session',
        columns: [
          id(),
          str('userId', 36),
          time('createdAt'),
          time('expiresAt'),
          time('lastSeenAt'),
          time('endedAt', true),
          str('endReason', 32, true),
          str('address', 64, true),
        ],
        indices: [index('IDX_session_user', ['userId'])],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('auth_session');
    await queryRunner.dropColumns('app_user', ['failedSignIns', 'lockedUntil', 'passwordChangedAt']);
  }
}

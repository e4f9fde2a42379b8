import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** The staff inbox (站内通知): one row per notice and recipient. */
export class StaffInbox1765100000000 implements MigrationInterface {
  name = 'StaffInbox1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'staff_notification',
        columns: [
          id(),
          str('username', 64),
          str('unitCode', 64),
          str('kind', 16),
          str('title', 200),
          text('body', true),
          str('petitionId', 36, true),
          str('petitionNumber', 32, true),
          str('taskId', 64, true),
          time('createdAt'),
          time('readAt', true),
          str('idempotencyKey', 200),
        ],
        indices: [
          index('IDX_staff_notification_unread', ['username', 'readAt']),
          index('IDX_staff_notification_created', ['username', 'createdAt']),
          index('UQ_staff_notification_idempotency', ['idempotencyKey'], true),
        ],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_notification');
  }
}

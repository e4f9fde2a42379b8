import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/**
 * Notices that arrive: the outbox's delivery state (attempts, back-off, the dispatcher's claim, the
 * provider's message id and receipt, the print queue of letters), and the petitioner's e-mail and
 * preferred channel.
 */
export class Notices1765000000000 implements MigrationInterface {
  name = 'Notices1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, int, index } = columnsFor(queryRunner);
    // 're-review-opinion' is longer than the 16 characters the first notice kinds needed.
    await queryRunner.changeColumn('notification', 'kind', new TableColumn(str('kind', 24)));
    await queryRunner.addColumns('notification', [
      new TableColumn(str('unitCode', 64, true)),
      new TableColumn(int('attempts', 0)),
      new TableColumn(time('nextAttemptAt', true)),
      new TableColumn(time('claimedUntil', true)),
      new TableColumn(str('lastError', 500, true)),
      new TableColumn(str('providerMessageId', 64, true)),
      new TableColumn(time('deliveredAt', true)),
      new TableColumn(time('failedAt', true)),
      new TableColumn(time('printedAt', true)),
      new TableColumn(time('postedAt', true)),
      new TableColumn(str('registeredMailNumber', 32, true)),
      new TableColumn(int('templateVersion', 0)),
    ]);
    // Rows written before there was a dispatcher: due now (SMS), or waiting at the print queue (letters).
    await queryRunner.query(`UPDATE notification SET nextAttemptAt = createdAt WHERE status = 'pending' AND channel <> 'letter'`);
    await queryRunner.createIndices('notification', [
      index('IDX_notification_due', ['status', 'nextAttemptAt']),
      index('IDX_notification_print', ['unitCode', 'channel', 'status']),
      index('IDX_notification_provider_message', ['providerMessageId']),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'notice_template',
        columns: [id(), str('kind', 24), int('version'), text('body'), str('createdBy', 64), time('createdAt')],
        indices: [index('UQ_notice_template_version', ['kind', 'version'], true)],
      }),
      false,
      true,
      true,
    );
    await queryRunner.addColumns('petitioner', [new TableColumn(text('emailCipher', true)), new TableColumn(str('contactPreference', 8, true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('petitioner', ['emailCipher', 'contactPreference']);
    await queryRunner.dropTable('notice_template');
    for (const name of ['IDX_notification_due', 'IDX_notification_print', 'IDX_notification_provider_message']) {
      await queryRunner.dropIndex('notification', name);
    }
    await queryRunner.dropColumns('notification', [
      'unitCode', 'attempts', 'nextAttemptAt', 'claimedUntil', 'lastError', 'providerMessageId',
      'deliveredAt', 'failedAt', 'printedAt', 'postedAt', 'registeredMailNumber', 'templateVersion',
    ]);
  }
}

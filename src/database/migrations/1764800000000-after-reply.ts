import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/** What follows the reply: its service, the rating, review and re-review, and the conclusion. */
export class AfterReply1764800000000 implements MigrationInterface {
  name = 'AfterReply1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, int, index } = columnsFor(queryRunner);
    await queryRunner.addColumns('petition', [
      new TableColumn(time('servedAt', true)),
      new TableColumn(str('serviceMethod', 16, true)),
      new TableColumn(int('replyRound', 0)),
      new TableColumn(time('concludedAt', true)),
      new TableColumn(str('conclusionGround', 24, true)),
    ]);
    await queryRunner.addColumns('unit', [new TableColumn(str('reviewingUnitCode', 64, true))]);
    await queryRunner.createTable(
      new Table({
        name: 'petition_rating',
        columns: [
          id(),
          str('petitionId', 36),
          int('replyRound'),
          str('handlingUnitCode', 64),
          str('handlingUnit', 24, true),
          str('petitionOffice', 24, true),
          text('comment', true),
          str('channel', 16, true),
          str('recordedBy', 64),
          time('recordedAt'),
        ],
        indices: [index('UQ_petition_rating_reply', ['petitionId', 'replyRound'], true)],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'petition_review',
        columns: [
          id(),
          str('petitionId', 36),
          int('replyRound'),
          str('stage', 16),
          text('reasons'),
          str('channel', 16),
          str('requestedBy', 64),
          time('requestedAt'),
          str('reviewedUnitCode', 64),
          str('reviewingUnitCode', 64, true),
          time('openedAt', true),
          time('dueAt', true),
          str('outcome', 16, true),
          text('opinion', true),
          str('decidedBy', 64, true),
          time('decidedAt', true),
        ],
        indices: [
          index('UQ_petition_review_stage', ['petitionId', 'replyRound', 'stage'], true),
          index('IDX_petition_review_unit', ['reviewingUnitCode']),
        ],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('petition_review');
    await queryRunner.dropTable('petition_rating');
    await queryRunner.dropColumn('unit', 'reviewingUnitCode');
    for (const column of ['conclusionGround', 'concludedAt', 'replyRound', 'serviceMethod', 'servedAt']) {
      await queryRunner.dropColumn('petition', column);
    }
  }
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/**
 * The public notice board (公告公示): a supervisor's exclusions (withheld before publication, or taken
 * down), and the indexes that let the board's first page answer from an index with a million petitions.
 */
export class PublicBoard1765600000000 implements MigrationInterface {
  name = 'PublicBoard1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'board_exclusion',
        columns: [
          { ...str('petitionId', 36), isPrimary: true },
          str('kind', 16),
          str('reason', 500),
          str('regionCode', 12),
          str('excludedBy', 64),
          str('excludedByUnitCode', 64),
          time('excludedAt'),
          str('liftReason', 500, true),
          str('liftedBy', 64, true),
          time('liftedAt', true),
        ],
        indices: [index('IDX_board_exclusion_region', ['regionCode', 'excludedAt'])],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createIndex('petition', index('IDX_petition_board_accepted', ['decision', 'decidedAt', 'regionCode', 'category']));
    await queryRunner.createIndex('petition', index('IDX_petition_board_region', ['regionCode', 'decision', 'decidedAt', 'category']));
    await queryRunner.createIndex('petition', index('IDX_petition_board_unit', ['competentUnitCode', 'decision', 'decidedAt', 'regionCode', 'category']));
    await queryRunner.createIndex('publication', index('IDX_publication_published', ['publishedAt']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('publication', 'IDX_publication_published');
    await queryRunner.dropIndex('petition', 'IDX_petition_board_unit');
    await queryRunner.dropIndex('petition', 'IDX_petition_board_region');
    await queryRunner.dropIndex('petition', 'IDX_petition_board_accepted');
    await queryRunner.dropTable('board_exclusion');
  }
}

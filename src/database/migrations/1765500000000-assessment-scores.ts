import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/**
 * The scores of closed months (目标管理考核), one per month and county or township, each with the
 * scoring table version it was computed with. The unique key is what makes closing a month twice
 * add nothing.
 */
export class AssessmentScores1765500000000 implements MigrationInterface {
  name = 'AssessmentScores1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, int, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'assessment_score',
        columns: [
          id(),
          str('period', 7),
          str('regionCode', 12),
          str('level', 16),
          // A score is a fraction of 100 with two decimals; "double" is read back as such by both drivers.
          { name: 'score', type: 'double', isNullable: true },
          text('parts'),
          str('decisionDefinitionId', 64),
          int('decisionVersion'),
          time('closedAt'),
        ],
        indices: [index('UQ_assessment_score_period_region', ['period', 'regionCode'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('assessment_score');
  }
}

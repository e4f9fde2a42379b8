import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnsFor } from './columns';

/**
 * Facts for every unit that touched a case, one per step and metric: the old key (one fact per
 * petition, unit and metric) dropped a unit's second reminder or a second transfer. A count has no
 * limit, so dueAt may be empty.
 */
export class AssessmentFacts1765300000000 implements MigrationInterface {
  name = 'AssessmentFacts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, time } = columnsFor(queryRunner);
    await queryRunner.dropIndex('assessment_fact', 'UQ_assessment_fact');
    await queryRunner.addColumn('assessment_fact', new TableColumn(str('sourceKey', 240, true)));
    // Earlier facts were one per petition, unit and metric: their own id is a key no step repeats.
    await queryRunner.query('UPDATE assessment_fact SET sourceKey = id');
    await queryRunner.changeColumn('assessment_fact', 'dueAt', new TableColumn(time('dueAt', true)));
    await queryRunner.createIndex('assessment_fact', new TableIndex({ name: 'UQ_assessment_fact_source', columnNames: ['sourceKey'], isUnique: true }));
    await queryRunner.createIndex('assessment_fact', new TableIndex({ name: 'IDX_assessment_fact_petition', columnNames: ['petitionId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { time } = columnsFor(queryRunner);
    await queryRunner.dropIndex('assessment_fact', 'IDX_assessment_fact_petition');
    await queryRunner.dropIndex('assessment_fact', 'UQ_assessment_fact_source');
    await queryRunner.query('DELETE FROM assessment_fact WHERE dueAt IS NULL');
    await queryRunner.changeColumn('assessment_fact', 'dueAt', new TableColumn(time('dueAt')));
    await queryRunner.dropColumn('assessment_fact', 'sourceKey');
    await queryRunner.createIndex('assessment_fact', new TableIndex({ name: 'UQ_assessment_fact', columnNames: ['petitionId', 'unitCode', 'metric'], isUnique: true }));
  }
}

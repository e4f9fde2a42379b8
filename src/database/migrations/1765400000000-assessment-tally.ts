import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/**
 * Tallies of the assessment facts per unit, region and tier and month, which the KPI views read
 * instead of the facts. Facts recorded before are summed in here, each under its unit and under every
 * region above the unit's (the unit's tier is its region's level).
 */
export class AssessmentTally1765400000000 implements MigrationInterface {
  name = 'AssessmentTally1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, int } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'assessment_tally',
        columns: [{ ...str('scope', 80), isPrimary: true }, { ...str('period', 7), isPrimary: true }, { ...str('metric', 32), isPrimary: true }, int('met'), int('total')],
      }),
    );
    const sums = `SUM(CASE WHEN f.met THEN 1 ELSE 0 END), COUNT(*)`;
    await queryRunner.query(
      `INSERT INTO assessment_tally (scope, period, metric, met, total)
       SELECT CONCAT('u:', f.unitCode), f.period, f.metric, ${sums} FROM assessment_fact f GROUP BY f.unitCode, f.period, f.metric`,
    );
    // Regions and tiers from the units' sums (far fewer rows than the facts), each unit under every region above it.
    const above = `WITH RECURSIVE above (unitCode, unitLevel, regionCode) AS (
         SELECT u.code, r.level, r.code FROM unit u JOIN region r ON r.code = u.regionCode
         UNION ALL
         SELECT a.unitCode, a.unitLevel, r.parentCode FROM above a JOIN region r ON r.code = a.regionCode WHERE r.parentCode IS NOT NULL
       )`;
    for (const scope of [`CONCAT('r:', a.regionCode)`, `CONCAT('r:', a.regionCode, ':', a.unitLevel)`]) {
      await queryRunner.query(
        `INSERT INTO assessment_tally (scope, period, metric, met, total)
         ${above}
         SELECT ${scope}, t.period, t.metric, SUM(t.met), SUM(t.total)
         FROM above a JOIN assessment_tally t ON t.scope = CONCAT('u:', a.unitCode)
         GROUP BY ${scope}, t.period, t.metric`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('assessment_tally');
  }
}

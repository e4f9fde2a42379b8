import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/**
 * assessment_tally gets a `stripe` in its key: every step of the city added to the same few region
 * rows and waited on them (19 ms on average under 16 clients, up to 230 ms); a transaction now adds
 * to one of several stripes, and the readers sum them. The rows so far are stripe 0.
 */
export class AssessmentTallyStripes1766600000000 implements MigrationInterface {
  name = 'AssessmentTallyStripes1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int } = columnsFor(queryRunner);
    await queryRunner.addColumn('assessment_tally', new TableColumn(int('stripe', 0)));
    const table = (await queryRunner.getTable('assessment_tally'))!;
    if (queryRunner.connection.driver.options.type === 'better-sqlite3') {
      // TypeORM changes a key on SQLite only by rebuilding the table with one more key column.
      await queryRunner.createPrimaryKey(table, ['stripe']);
    } else {
      await queryRunner.updatePrimaryKeys(
        table,
        ['scope', 'period', 'metric', 'stripe'].map((name) => table.findColumnByName(name)!.clone()),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The stripes of one tally summed into stripe 0 first: the key without the stripe keeps one row each.
    await queryRunner.query(
      `UPDATE assessment_tally SET met = (SELECT SUM(s.met) FROM (SELECT * FROM assessment_tally) s WHERE s.scope = assessment_tally.scope AND s.period = assessment_tally.period AND s.metric = assessment_tally.metric),
              total = (SELECT SUM(s.total) FROM (SELECT * FROM assessment_tally) s WHERE s.scope = assessment_tally.scope AND s.period = assessment_tally.period AND s.metric = assessment_tally.metric)
       WHERE stripe = 0`,
    );
    await queryRunner.query('DELETE FROM assessment_tally WHERE stripe <> 0');
    const table = (await queryRunner.getTable('assessment_tally'))!;
    // MySQL/MariaDB: the key first. SQLite rebuilds the table without the column, keyed on the rest.
    await queryRunner.updatePrimaryKeys(
      table,
      ['scope', 'period', 'metric'].map((name) => table.findColumnByName(name)!.clone()),
    );
    await queryRunner.dropColumn('assessment_tally', 'stripe');
  }
}

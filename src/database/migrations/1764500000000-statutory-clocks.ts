import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** The business calendar's administrator overrides. */
export class StatutoryClocks1764500000000 implements MigrationInterface {
  name = 'StatutoryClocks1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, time, bool } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'calendar_day',
        columns: [{ ...str('date', 10), isPrimary: true }, bool('workday'), str('name', 64), str('updatedBy', 64), time('updatedAt')],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('calendar_day');
  }
}

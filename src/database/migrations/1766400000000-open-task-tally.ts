import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { rebuildTallySql } from '../../common/open-task-tally';
import { columnsFor } from './columns';

/**
 * The overdue report's tally: open tasks per region, unit, level, step and due day. At 1,000,000
 * open tasks the report's one counting pass read every row in reach (1.5 s for the city on MariaDB);
 * the tally holds one row per group and day. Built here from the rows already indexed.
 */
export class OpenTaskTally1766400000000 implements MigrationInterface {
  name = 'OpenTaskTally1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, int } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'open_task_tally',
        columns: [
          { ...str('regionCode', 12), isPrimary: true },
          { ...str('unitCode', 64), isPrimary: true },
          { ...str('level', 16), isPrimary: true },
          { ...str('step', 64), isPrimary: true },
          { ...str('dueDay', 10), isPrimary: true },
          int('n'),
        ],
      }),
    );
    for (const sql of rebuildTallySql(queryRunner.connection.driver.options.type)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('open_task_tally');
  }
}

import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the overdue report at 100,000 to 1,000,000 open tasks. Its counts read every row in
 * reach, and with only (regionCode, due) each row was fetched from the table and sorted for the
 * grouping: IDX_open_task_counts holds every column they group and filter by, in grouping order.
 * Its page over several regions sorted every row in reach by (due, taskId): with taskId in the
 * region index, each region is read in that order and only until a page is full.
 */
export class OverdueReportIndexes1766000000000 implements MigrationInterface {
  name = 'OverdueReportIndexes1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('open_task', new TableIndex({ name: 'IDX_open_task_region_due_task', columnNames: ['regionCode', 'due', 'taskId'] }));
    await queryRunner.dropIndex('open_task', 'IDX_open_task_region_due');
    await queryRunner.createIndex(
      'open_task',
      new TableIndex({ name: 'IDX_open_task_counts', columnNames: ['regionCode', 'unitCode', 'level', 'step', 'due'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('open_task', 'IDX_open_task_counts');
    await queryRunner.createIndex('open_task', new TableIndex({ name: 'IDX_open_task_region_due', columnNames: ['regionCode', 'due'] }));
    await queryRunner.dropIndex('open_task', 'IDX_open_task_region_due_task');
  }
}

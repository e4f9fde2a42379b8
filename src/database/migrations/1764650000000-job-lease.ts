import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** Leases that let one process of a cluster run each periodic job once per period. */
export class JobLease1764650000000 implements MigrationInterface {
  name = 'JobLease1764650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, time, int } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'job_lease',
        columns: [{ ...str('name', 64), isPrimary: true }, str('holder', 128), time('leaseUntil'), int('runs', 0)],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_lease');
  }
}

import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The annual report reads a region's year of petitions by the moment they came in. */
export class AnnualReport1765700000000 implements MigrationInterface {
  name = 'AnnualReport1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_received', columnNames: ['receivedAt', 'regionCode'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('petition', 'IDX_petition_received');
  }
}

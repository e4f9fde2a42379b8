import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The intake's pacing counts the petitions still being registered and routed (status received or
 * registered, received in the last 30 s) up to twenty times a second under load. With status alone
 * indexed, that count read every petition in those statuses, the stuck ones of any age included,
 * or the database chose the receivedAt index and read every recent petition whatever its status;
 * (status, receivedAt) reads the pipeline's own rows only. It serves what the status index served.
 */
export class PipelineCountIndex1766700000000 implements MigrationInterface {
  name = 'PipelineCountIndex1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_status_received', columnNames: ['status', 'receivedAt'] }));
    await queryRunner.dropIndex('petition', 'IDX_petition_status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_status', columnNames: ['status'] }));
    await queryRunner.dropIndex('petition', 'IDX_petition_status_received');
  }
}

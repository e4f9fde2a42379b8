import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** Registrations made with an Idempotency-Key, so that a retried request creates nothing twice. */
export class IntakeRequests1764600000000 implements MigrationInterface {
  name = 'IntakeRequests1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, char, text, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'intake_request',
        columns: [
          id(),
          str('actor', 64),
          str('idempotencyKey', 128),
          char('requestHash', 64),
          str('outcome', 16),
          str('petitionId', 36),
          text('queryCodeCipher', true),
          time('createdAt'),
        ],
        indices: [index('UQ_intake_request_key', ['actor', 'idempotencyKey'], true), index('IDX_intake_request_created', ['createdAt'])],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('intake_request');
  }
}

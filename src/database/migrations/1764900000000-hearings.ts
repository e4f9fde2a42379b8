import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** Hearings (听证), the register of public representatives (群众代表) and their opinions on cases. */
export class Hearings1764900000000 implements MigrationInterface {
  name = 'Hearings1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, bool, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'public_representative',
        columns: [
          id(),
          str('regionCode', 12),
          str('name', 64),
          str('kind', 16),
          str('organisation', 128, true),
          text('contactCipher'),
          bool('active', true),
          str('createdBy', 64),
          time('createdAt'),
        ],
        indices: [index('IDX_public_representative_region', ['regionCode'])],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'representative_opinion',
        columns: [id(), str('petitionId', 36), str('representativeId', 36), str('hearingId', 36, true), text('opinion'), str('recordedBy', 64), time('recordedAt')],
        indices: [index('IDX_representative_opinion_petition', ['petitionId'])],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'hearing',
        columns: [
          id(),
          str('petitionId', 36),
          str('stage', 16),
          str('clock', 32),
          str('callerProcessInstanceId', 64),
          str('unitCode', 64),
          str('initiatedBy', 16),
          text('reason'),
          str('requestedBy', 64),
          time('requestedAt'),
          text('clockBefore', true),
          time('scheduledAt', true),
          str('place', 200, true),
          str('presidingOfficer', 64, true),
          { ...bool('public'), isNullable: true },
          text('closedReason', true),
          text('participants', true),
          text('representativeIds', true),
          text('minutes', true),
          text('conclusion', true),
          time('closedAt', true),
          time('resumedAt', true),
        ],
        indices: [index('IDX_hearing_petition', ['petitionId'])],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hearing');
    await queryRunner.dropTable('representative_opinion');
    await queryRunner.dropTable('public_representative');
  }
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** Attachments (附件) of petitions: the row per file; the bytes are in the attachment store. */
export class Attachments1765900000000 implements MigrationInterface {
  name = 'Attachments1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, int, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'attachment',
        columns: [
          id(),
          str('petitionId', 36),
          str('stage', 16),
          str('taskId', 64, true),
          str('fileName', 255),
          str('mediaType', 128),
          int('size'),
          str('sha256', 64),
          str('storageKey', 255),
          str('uploadedBy', 64),
          str('unitCode', 64),
          time('uploadedAt'),
          time('deletedAt', true),
        ],
        indices: [index('IDX_attachment_petition', ['petitionId', 'uploadedAt'])],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('attachment');
  }
}

import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import { columnsFor } from './columns';

/** Written with TypeORM's schema API so that the same migration runs on SQLite and on MySQL/MariaDB. */
export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, int, bool, index } = columnsFor(queryRunner);
    const tables: Table[] = [
      new Table({
        name: 'region',
        columns: [
          { ...str('code', 12), isPrimary: true },
          str('name', 64),
          str('level', 16),
          str('parentCode', 12, true),
        ],
        indices: [index('IDX_region_parent', ['parentCode'])],
      }),
      new Table({
        name: 'unit',
        columns: [{ ...str('code', 64), isPrimary: true }, str('name', 128), str('kind', 32), str('regionCode', 12)],
        indices: [index('IDX_unit_region', ['regionCode'])],
      }),
      new Table({
        name: 'app_user',
        columns: [
          id(),
          str('username', 64),
          str('displayName', 64),
          str('passwordHash', 255),
          str('unitCode', 64),
          text('roles'),
          bool('active', true),
          time('createdAt'),
        ],
        indices: [index('UQ_user_username', ['username'], true), index('IDX_user_unit', ['unitCode'])],
      }),
      new Table({
        name: 'petition',
        columns: [
          id(),
          str('number', 32),
          str('queryCodeHash', 64),
          str('channel', 16),
          str('category', 16),
          str('matterScope', 16),
          str('subject', 200),
          text('content'),
          str('regionCode', 12),
          str('receivingUnitCode', 64),
          str('registeredBy', 64),
          str('competentUnitCode', 64, true),
          str('status', 24),
          bool('collective', false),
          int('personCount', 1),
          str('processInstanceId', 64, true),
          time('receivedAt'),
          time('registeredAt', true),
          time('routedAt', true),
          time('acceptDueAt', true),
          str('decision', 16, true),
          time('decidedAt', true),
          text('declineReason', true),
          time('handleDueAt', true),
          text('findings', true),
          str('replyOutcome', 16, true),
          text('replyText', true),
          time('repliedAt', true),
          time('closedAt', true),
        ],
        indices: [
          index('UQ_petition_number', ['number'], true),
          index('IDX_petition_region', ['regionCode']),
          index('IDX_petition_receiving_unit', ['receivingUnitCode']),
          index('IDX_petition_competent_unit', ['competentUnitCode']),
          index('IDX_petition_status', ['status']),
        ],
      }),
      new Table({
        name: 'petitioner',
        columns: [
          id(),
          str('petitionId', 36),
          int('position'),
          str('name', 64),
          text('idNumberCipher'),
          str('idNumberHash', 64),
          text('phoneCipher', true),
          str('phoneHash', 64, true),
          text('addressCipher', true),
        ],
        indices: [
          index('IDX_petitioner_petition', ['petitionId']),
          index('IDX_petitioner_id_number_hash', ['idNumberHash']),
          index('IDX_petitioner_phone_hash', ['phoneHash']),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_petitioner_petition',
            columnNames: ['petitionId'],
            referencedTableName: 'petition',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
      new Table({
        name: 'petition_event',
        columns: [
          id(),
          str('petitionId', 36),
          str('kind', 32),
          time('occurredAt'),
          str('unitCode', 64, true),
          str('actor', 64),
          text('note', true),
          text('data', true),
          str('idempotencyKey', 160, true),
        ],
        indices: [
          index('IDX_petition_event_timeline', ['petitionId', 'occurredAt']),
          index('UQ_petition_event_idempotency', ['idempotencyKey'], true),
        ],
      }),
      new Table({
        name: 'number_sequence',
        columns: [{ ...str('scope', 32), isPrimary: true }, int('value')],
      }),
      new Table({
        name: 'notification',
        columns: [
          id(),
          str('petitionId', 36),
          str('petitionerId', 36),
          str('kind', 16),
          str('channel', 16),
          text('body'),
          str('status', 16),
          time('createdAt'),
          time('sentAt', true),
          str('idempotencyKey', 160),
        ],
        indices: [
          index('IDX_notification_petition', ['petitionId']),
          index('IDX_notification_status', ['status']),
          index('UQ_notification_idempotency', ['idempotencyKey'], true),
        ],
      }),
      new Table({
        name: 'publication',
        columns: [
          id('petitionId'),
          str('result', 16),
          str('unitName', 128),
          str('summary', 200, true),
          time('publishedAt'),
        ],
      }),
      new Table({
        name: 'assessment_fact',
        columns: [
          id(),
          str('petitionId', 36),
          str('unitCode', 64),
          str('metric', 32),
          bool('met'),
          time('dueAt'),
          time('doneAt'),
          str('period', 7),
          time('recordedAt'),
        ],
        indices: [
          index('UQ_assessment_fact', ['petitionId', 'unitCode', 'metric'], true),
          index('IDX_assessment_fact_unit_period', ['unitCode', 'period']),
        ],
      }),
    ];
    for (const table of tables) {
      await queryRunner.createTable(table, false, true, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'assessment_fact',
      'publication',
      'notification',
      'number_sequence',
      'petition_event',
      'petitioner',
      'petition',
      'app_user',
      'unit',
      'region',
    ]) {
      await queryRunner.dropTable(name, true);
    }
  }
}

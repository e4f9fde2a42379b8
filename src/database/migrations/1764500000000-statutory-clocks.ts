import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/** The business calendar's administrator overrides, and what the statutory clocks record. */
export class StatutoryClocks1764500000000 implements MigrationInterface {
  name = 'StatutoryClocks1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, bool, int, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'extension_request',
        columns: [
          id(),
          str('petitionId', 36),
          str('unitCode', 64),
          int('days'),
          text('reason'),
          str('requestedBy', 64),
          time('requestedAt'),
          str('status', 16),
          str('decidedBy', 64, true),
          time('decidedAt', true),
          text('decisionReason', true),
        ],
        indices: [index('IDX_extension_petition', ['petitionId'])],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'open_task',
        columns: [
          { ...str('taskId', 64), isPrimary: true },
          str('petitionId', 36),
          str('petitionNumber', 32),
          str('processInstanceId', 64),
          str('step', 64),
          str('unitCode', 64),
          str('regionCode', 12),
          str('level', 16),
          time('due', true),
          time('created'),
          str('assignee', 64, true),
        ],
        indices: [
          index('IDX_open_task_petition', ['petitionId']),
          index('IDX_open_task_due', ['due']),
          index('IDX_open_task_region_due', ['regionCode', 'due']),
          index('IDX_open_task_unit_due', ['unitCode', 'due']),
        ],
      }),
      false,
      true,
      true,
    );
    await queryRunner.addColumns('petition', [
      new TableColumn(time('committedAt', true)),
      new TableColumn(bool('simplified', false)),
      new TableColumn(int('extensionDays', 0)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'calendar_day',
        columns: [{ ...str('date', 10), isPrimary: true }, bool('workday'), str('name', 64), str('updatedBy', 64), time('updatedAt')],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'supervision_record',
        columns: [
          id(),
          str('petitionId', 36),
          str('kind', 16),
          str('step', 64),
          str('clockName', 16),
          time('dueAt'),
          str('unitCode', 64),
          str('issuedByUnitCode', 64),
          str('addressedToUnitCode', 64),
          text('recipients'),
          time('feedbackDueAt', true),
          time('issuedAt'),
          str('issuedBy', 64),
          str('period', 7),
          str('idempotencyKey', 160),
          text('feedbackText', true),
          str('feedbackBy', 64, true),
          time('feedbackAt', true),
        ],
        indices: [
          index('IDX_supervision_petition', ['petitionId']),
          index('IDX_supervision_unit_period', ['unitCode', 'period']),
          index('UQ_supervision_idempotency', ['idempotencyKey'], true),
        ],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('open_task');
    await queryRunner.dropTable('extension_request');
    await queryRunner.dropTable('supervision_record');
    await queryRunner.dropTable('calendar_day');
    await queryRunner.dropColumns('petition', ['committedAt', 'simplified', 'extensionDays']);
  }
}

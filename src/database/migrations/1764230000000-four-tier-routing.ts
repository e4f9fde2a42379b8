import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnsFor } from './columns';

/** Hand-overs between units, leader direct reports, and what routing needs on units and petitions. */
export class FourTierRouting1764230000000 implements MigrationInterface {
  name = 'FourTierRouting1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { id, str, text, time, int, bool, index } = columnsFor(queryRunner);
    await queryRunner.addColumns('unit', [
      new TableColumn(str('parentUnitCode', 64, true)),
      new TableColumn(bool('active', true)),
      new TableColumn(str('successorCode', 64, true)),
    ]);
    await queryRunner.addColumns('petition', [
      new TableColumn(str('entryLevel', 16, true)),
      new TableColumn(str('matterKey', 64, true)),
      new TableColumn(str('repeatOfId', 36, true)),
      new TableColumn(bool('levelSkip', false)),
      new TableColumn(str('legalRoute', 32, true)),
      new TableColumn(bool('bound', false)),
      new TableColumn(int('returnCount', 0)),
      new TableColumn(time('holderSince', true)),
      new TableColumn(str('assignedByUnitCode', 64, true)),
      new TableColumn(time('assignDueAt', true)),
    ]);
    await queryRunner.createIndex('petition', index('IDX_petition_matter_key', ['matterKey']));
    await queryRunner.createTable(
      new Table({
        name: 'hand_over',
        columns: [
          id(),
          str('petitionId', 36),
          int('seq'),
          str('kind', 16),
          str('fromUnitCode', 64, true),
          str('toUnitCode', 64),
          text('reason', true),
          str('actor', 64),
          time('occurredAt'),
          time('dueAt', true),
          str('idempotencyKey', 160, true),
        ],
        indices: [
          index('UQ_hand_over_seq', ['petitionId', 'seq'], true),
          index('UQ_hand_over_idempotency', ['idempotencyKey'], true),
        ],
      }),
      false,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'direct_report',
        columns: [id(), str('petitionId', 36), str('toUnitCode', 64), str('level', 16), time('reportedAt')],
        indices: [index('UQ_direct_report', ['petitionId', 'toUnitCode'], true)],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('direct_report', true);
    await queryRunner.dropTable('hand_over', true);
    await queryRunner.dropIndex('petition', 'IDX_petition_matter_key');
    for (const column of [
      'entryLevel',
      'matterKey',
      'repeatOfId',
      'levelSkip',
      'legalRoute',
      'bound',
      'returnCount',
      'holderSince',
      'assignedByUnitCode',
      'assignDueAt',
    ]) {
      await queryRunner.dropColumn('petition', column);
    }
    for (const column of ['parentUnitCode', 'active', 'successorCode']) await queryRunner.dropColumn('unit', column);
  }
}

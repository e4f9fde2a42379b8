import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { searchTokens } from '../../common/search-tokens';

const BATCH = 1000;

/**
 * Case search tokens scoped by county and by who may read the text (common/search-tokens.ts): the
 * tokens of every petition are written again in the new form. A supervisor's search asks the index
 * for their counties only, and adds what their own unit or they themselves received, hold or held
 * elsewhere through these keys: (unit or registrar, region) on the petition, and the unit on the
 * hand-over chain.
 */
export class ScopedSearchTokens1766100000000 implements MigrationInterface {
  name = 'ScopedSearchTokens1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (let after = ''; ; ) {
      const rows: { id: string; number: string; subject: string; content: string; regionCode: string; category: string }[] = await queryRunner.query(
        'SELECT id, number, subject, content, regionCode, category FROM petition WHERE id > ? ORDER BY id LIMIT ' + BATCH,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows) await queryRunner.query('UPDATE petition SET searchTokens = ? WHERE id = ?', [searchTokens(row), row.id]);
      after = rows[rows.length - 1].id;
    }
    await queryRunner.dropIndex('petition', 'IDX_petition_receiving_unit');
    await queryRunner.dropIndex('petition', 'IDX_petition_competent_unit');
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_receiving_region', columnNames: ['receivingUnitCode', 'regionCode'] }));
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_competent_region', columnNames: ['competentUnitCode', 'regionCode'] }));
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_registered_region', columnNames: ['registeredBy', 'regionCode'] }));
    await queryRunner.createIndex('hand_over', new TableIndex({ name: 'IDX_hand_over_to_unit', columnNames: ['toUnitCode'] }));
    await queryRunner.createIndex('hand_over', new TableIndex({ name: 'IDX_hand_over_from_unit', columnNames: ['fromUnitCode'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('hand_over', 'IDX_hand_over_from_unit');
    await queryRunner.dropIndex('hand_over', 'IDX_hand_over_to_unit');
    await queryRunner.dropIndex('petition', 'IDX_petition_registered_region');
    await queryRunner.dropIndex('petition', 'IDX_petition_competent_region');
    await queryRunner.dropIndex('petition', 'IDX_petition_receiving_region');
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_competent_unit', columnNames: ['competentUnitCode'] }));
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_receiving_unit', columnNames: ['receivingUnitCode'] }));
  }
}

import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Case search (卷宗检索):
 * - a keyed blind index of the petitioner's full name, so a name search matches hashes instead of
 *   reading names row by row. The hash needs the HMAC key, which is configuration that migrations do
 *   not have: rows written before this migration get theirs from NameHashBackfill when the API boots
 *   (case-file/name-hash-backfill.ts).
 * - search tokens of each petition (common/search-tokens.ts) with a FULLTEXT index on MariaDB, so
 *   that a keyword search reads the matching rows, not a county's; SQLite searches the text with LIKE.
 *   The tokens need no key: migration 1766100000000 writes them for the existing rows.
 * - the petitions newest first, the id breaking ties (a common word's first page is read in that order).
 */
export class CaseSearch1765800000000 implements MigrationInterface {
  name = 'CaseSearch1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('petitioner', new TableColumn({ name: 'nameHash', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.createIndex('petitioner', new TableIndex({ name: 'IDX_petitioner_name_hash', columnNames: ['nameHash'] }));
    await queryRunner.createIndex('petition', new TableIndex({ name: 'IDX_petition_received_id', columnNames: ['receivedAt', 'id'] }));
    await queryRunner.addColumn('petition', new TableColumn({ name: 'searchTokens', type: 'text', isNullable: true }));
    // The tokens of existing rows are written by ScopedSearchTokens1766100000000, in their present form.
    if (queryRunner.connection.options.type !== 'better-sqlite3') {
      await queryRunner.query('CREATE FULLTEXT INDEX `IDX_petition_search_tokens` ON `petition` (`searchTokens`)');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'better-sqlite3') await queryRunner.dropIndex('petition', 'IDX_petition_search_tokens');
    await queryRunner.dropColumn('petition', 'searchTokens');
    await queryRunner.dropIndex('petition', 'IDX_petition_received_id');
    await queryRunner.dropIndex('petitioner', 'IDX_petitioner_name_hash');
    await queryRunner.dropColumn('petitioner', 'nameHash');
  }
}

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { searchTokens } from '../../src/common/search-tokens';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';

// A real SQLite file, migrated twice: on a loaded machine this takes longer than Jest's default 5 s.
jest.setTimeout(60_000);

const SCOPED = 'ScopedSearchTokens1766100000000';

/** A value for a required column the test does not care about, by its declared type. */
function filler(type: string): string | number {
  if (/int|bool|real|numeric|decimal/i.test(type)) return 0;
  if (/date|time/i.test(type)) return '2026-01-05 08:00:00.000';
  return 'x';
}

describe('migration 1766100000000: the search tokens of petitions already registered', () => {
  let dir: string;
  const sources: DataSource[] = [];

  async function open(file: string, migrations: unknown[]): Promise<DataSource> {
    const source = new DataSource({ ...dataSourceOptions(parseDatabaseUrl(`sqlite:${file}`)), migrations: migrations as never, logging: false });
    await source.initialize();
    sources.push(source);
    return source;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-token-migration-'));
  });
  afterAll(async () => {
    for (const source of sources) if (source.isInitialized) await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes them in the scoped form, and adds the keys a supervisor search reads', async () => {
    // Given a database before the migration, with an accusation and a complaint in two counties
    const file = join(dir, 'business.sqlite');
    const before = await open(file, MIGRATIONS.filter((m) => m.name !== SCOPED));
    await before.runMigrations({ transaction: 'each' });
    const columns: { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[] = await before.query('PRAGMA table_info(petition)');
    const rows = [
      { id: 'p-1', number: 'XF-990102-2026-000001', subject: '小区外墙脱落', content: '外墙瓷砖多次脱落。', regionCode: '990102001002', category: 'complaint' },
      { id: 'p-2', number: 'XF-990121-2026-000002', subject: '举报收受礼品', content: '某站所负责人收受礼品。', regionCode: '990121100201', category: 'accusation' },
    ];
    for (const [i, row] of rows.entries()) {
      const values: Record<string, unknown> = {};
      for (const c of columns) if (c.notnull && c.dflt_value === null) values[c.name] = filler(c.type);
      Object.assign(values, row, { queryCodeHash: `q${i}` });
      const names = Object.keys(values);
      await before.query(`INSERT INTO petition (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, Object.values(values));
    }
    await before.destroy();

    // When the migration runs
    const after = await open(file, MIGRATIONS);
    await after.runMigrations({ transaction: 'each' });

    // Then each petition carries its tokens in its county, an accusation's text marked
    for (const row of rows) {
      const [{ searchTokens: stored }] = await after.query('SELECT searchTokens FROM petition WHERE id = ?', [row.id]);
      expect(stored).toBe(searchTokens(row));
    }
    const [{ searchTokens: accusation }] = await after.query("SELECT searchTokens FROM petition WHERE id = 'p-2'");
    expect(accusation.split(' ').filter((t: string) => !t.startsWith('n')).every((t: string) => t.startsWith('a') && t.includes('990121'))).toBe(true);
    const indexes: { name: string }[] = await after.query('PRAGMA index_list(petition)');
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['IDX_petition_receiving_region', 'IDX_petition_competent_region', 'IDX_petition_registered_region']));
    expect(indexes.map((i) => i.name)).not.toContain('IDX_petition_receiving_unit');
  });
});

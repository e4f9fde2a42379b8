import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { stackInfo } from '../support/harness';

describe('the migrated schema', () => {
  it('matches the entities exactly (no pending schema change)', async () => {
    const dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(stackInfo().databaseUrl)));
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

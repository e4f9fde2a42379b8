import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Transactions } from '../../src/database/transactions';
import { openDatabaseAt, TestDatabase } from '../support/database';
import { stackInfo } from '../support/harness';

const database = stackInfo().database;

/**
 * Writes on MySQL/MariaDB read committed data (no gap locks between concurrent registrations). The
 * level is set once per pooled connection rather than before every transaction, so every transaction
 * on every connection, the first and the later ones, must still see what others committed meanwhile.
 * SQLite's writers take turns on one connection and have no such level.
 */
(database.type === 'mariadb' ? describe : describe.skip)('write transactions on MariaDB (READ COMMITTED)', () => {
  const table = `isolation_${randomBytes(4).toString('hex')}`;
  let source: DataSource;
  let other: TestDatabase;
  let tx: Transactions;

  beforeAll(async () => {
    if (database.type !== 'mariadb') return;
    const config = parseDatabaseUrl(database.url);
    if (config.type === 'sqlite') throw new Error(`not a MariaDB URL: ${database.url}`);
    source = new DataSource({ ...dataSourceOptions({ ...config, poolSize: 4 }), migrations: [], logging: false });
    await source.initialize();
    other = await openDatabaseAt(database, { writable: true });
    await other.query(`CREATE TABLE "${table}" (id INT PRIMARY KEY, n INT NOT NULL)`);
    await other.query(`INSERT INTO "${table}" (id, n) VALUES (1, 0), (2, 0), (3, 0), (4, 0)`);
    tx = new Transactions(source);
  });
  afterAll(async () => {
    await other?.query(`DROP TABLE IF EXISTS "${table}"`);
    await other?.close();
    await source?.destroy();
  });

  /** Reads a row, lets another connection change and commit it, reads it again: what the second read saw changed. */
  const sawTheOtherCommit = (id: number) =>
    tx.write(async (manager) => {
      const read = async () => Number((await manager.query(`SELECT n FROM \`${table}\` WHERE id = ?`, [id]))[0].n);
      const before = await read();
      await other.query(`UPDATE "${table}" SET n = n + 1 WHERE id = ?`, [id]);
      return (await read()) - before;
    });

  it('sees what another connection committed during the transaction, on every connection and every time', async () => {
    // one after another: the same pooled connection again and again
    for (let i = 0; i < 3; i++) expect(await sawTheOtherCommit(1)).toBe(1);
    // side by side: every connection of the pool
    expect(await Promise.all([1, 2, 3, 4].map((id) => sawTheOtherCommit(id)))).toEqual([1, 1, 1, 1]);
    // and once more on connections that were used before
    expect(await Promise.all([1, 2, 3, 4].map((id) => sawTheOtherCommit(id)))).toEqual([1, 1, 1, 1]);
  });

  it('rolls back a transaction whose work fails, and the connection goes back to the pool usable', async () => {
    await expect(
      tx.write(async (manager) => {
        await manager.query(`UPDATE \`${table}\` SET n = 100 WHERE id = 1`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const [row] = await other.query<{ n: number }>(`SELECT n FROM "${table}" WHERE id = 1`);
    expect(Number(row.n)).not.toBe(100);
    expect(await sawTheOtherCommit(1)).toBe(1);
  });
});

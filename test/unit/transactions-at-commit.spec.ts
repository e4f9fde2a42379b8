import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { lastBeforeCommit, Transactions } from '../../src/database/transactions';

jest.setTimeout(30_000);

/**
 * Writes to rows every transaction shares (running totals) wait until the end of their transaction,
 * so their locks are held for the commit only; they still commit or roll back with it.
 */
describe('work run last before the commit (lastBeforeCommit)', () => {
  let dir: string;
  let source: DataSource;
  let tx: Transactions;
  const total = async () => Number((await source.query('SELECT n FROM shared_total WHERE id = 1'))[0].n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'at-commit-'));
    source = new DataSource({ ...dataSourceOptions(parseDatabaseUrl(`sqlite:${join(dir, 'business.sqlite')}`)), migrations: [], logging: false });
    await source.initialize();
    await source.query('CREATE TABLE shared_total (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await source.query('INSERT INTO shared_total (id, n) VALUES (1, 0)');
    tx = new Transactions(source);
  });
  afterAll(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs after the rest of the transaction’s work, in the order asked, and commits with it', async () => {
    const order: string[] = [];
    await tx.write(async (manager) => {
      await lastBeforeCommit(manager, async () => {
        order.push('total');
        await manager.query('UPDATE shared_total SET n = n + 1 WHERE id = 1');
        // asked from deferred work: runs after it
        await lastBeforeCommit(manager, async () => void order.push('after total'));
      });
      await lastBeforeCommit(manager, async () => void order.push('second'));
      order.push('own work');
    });
    expect(order).toEqual(['own work', 'total', 'second', 'after total']);
    expect(await total()).toBe(1);
  });

  it('rolls back with the transaction when the work after it fails, or when it fails itself', async () => {
    const before = await total();
    await expect(
      tx.write(async (manager) => {
        await lastBeforeCommit(manager, () => manager.query('UPDATE shared_total SET n = n + 1 WHERE id = 1'));
        throw new Error('the step failed');
      }),
    ).rejects.toThrow('the step failed');
    await expect(
      tx.write(async (manager) => {
        await manager.query('UPDATE shared_total SET n = n + 10 WHERE id = 1');
        await lastBeforeCommit(manager, async () => {
          throw new Error('the total could not be written');
        });
      }),
    ).rejects.toThrow('the total could not be written');
    expect(await total()).toBe(before);
  });

  it('runs at once outside a transaction of Transactions.write', async () => {
    const before = await total();
    await lastBeforeCommit(source.manager, () => source.query('UPDATE shared_total SET n = n + 1 WHERE id = 1'));
    expect(await total()).toBe(before + 1);
  });
});

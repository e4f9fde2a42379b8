import 'reflect-metadata';
import { DataSource, Logger } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Transactions } from '../../src/database/transactions';
import { HandOver } from '../../src/routing/hand-over.entity';
import { appendHandOvers, NewHandOver } from '../../src/routing/hand-over.log';
import { stackInfo } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

/** Every statement TypeORM sends, in order: what appending links costs in round trips. */
class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The transfer chain's numbering, against the stack's own database (the embedded default or
 * MariaDB): each link takes the next number of its petition's chain, read by its own insert.
 */
describe('appending to a petition’s transfer chain', () => {
  const log = new StatementLog();
  let source: DataSource;
  let tx: Transactions;

  beforeAll(async () => {
    const database = stackInfo().database;
    const config = database.type === 'sqlite' ? { type: 'sqlite' as const, path: database.path } : parseDatabaseUrl(database.url);
    source = new DataSource({ ...dataSourceOptions({ ...config, poolSize: 2 } as never), migrations: [], logging: true, logger: log });
    await source.initialize();
    tx = new Transactions(source);
  });
  afterAll(() => source?.destroy());

  const link = (from: string, to: string): NewHandOver => ({
    kind: 'transfer',
    fromUnitCode: from,
    toUnitCode: to,
    reason: 'test: numbering of the chain',
    actor: 'system',
    occurredAt: new Date(),
  });
  const chain = async (petitionId: string) =>
    (await source.getRepository(HandOver).find({ where: { petitionId }, order: { seq: 'ASC' } })).map((h) => `${h.seq} ${h.toUnitCode}`);

  it('numbers links after those routing wrote, in the order given, one insert per link and no read before it', async () => {
    // given a county matter registered at the county's front desk: routing wrote one link (seq 1)
    const petition = await register({ matterScope: 'county' });
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    expect(await chain(petition.id)).toEqual(['1 990102-handling-room-1']);

    // when two links are appended in one transaction
    log.statements.length = 0;
    await tx.write((manager) => appendHandOvers(manager, petition.id, [link('990102-handling-room-1', '990102-discipline'), link('990102-discipline', '990102-handling-room-1')]));

    // then each cost one statement: an insert, with no MAX(seq) read before it
    const work = [...log.statements].filter((sql) => !/^(START TRANSACTION|BEGIN|COMMIT|SET SESSION)/i.test(sql.trim()));
    expect(work).toHaveLength(2);
    expect(work.every((sql) => /^INSERT INTO/i.test(sql.trim()))).toBe(true);
    // and they are 2 and 3, after routing's link
    expect(await chain(petition.id)).toEqual(['1 990102-handling-room-1', '2 990102-discipline', '3 990102-handling-room-1']);
  });

  it('starts a petition’s chain at 1 whatever other chains hold', async () => {
    const petition = await register({ matterScope: 'township', regionCode: '990102001002' }, 'dhjd.handler');
    await waitForTask('dhjd.handler', petition.id, 'accept-decision');
    expect(await chain(petition.id)).toEqual([]);
    await tx.write((manager) => appendHandOvers(manager, petition.id, [link('990102001-petition-office', '990102-petition-office')]));
    expect(await chain(petition.id)).toEqual(['1 990102-petition-office']);
  });
});

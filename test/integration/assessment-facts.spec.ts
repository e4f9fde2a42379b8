import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { factsOf, recordFacts } from '../../src/petitions/lifecycle/assessment-facts';
import { openDatabase, TestDatabase } from '../support/database';
import { stackInfo } from '../support/harness';
import { register, transferredReturnedAndAcceptedLate, waitForTask } from '../support/petitions';
import { dbTime } from '../support/statutory-clock';

/**
 * 目标管理考核: every unit that touched a case has its facts, recorded by each step as it happens,
 * measured against that step's limit; a step recorded twice adds nothing.
 */
const ROOM1 = '990102-handling-room-1';
const ROOM2 = '990102-handling-room-2';
const OFFICE = '990102-petition-office';
const DAY = 86_400_000;

describe('assessment facts for every unit that touched a case', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const factsOfCase = async (petitionId: string) =>
    (
      await db.query<{ metric: string; met: number | boolean; unitCode: string; dueAt: string | null }>(
        'SELECT "metric", "met", "unitCode", "dueAt" FROM "assessment_fact" WHERE "petitionId" = ? ORDER BY "doneAt", "metric"',
        [petitionId],
      )
    ).map((f) => [f.metric, f.unitCode, Boolean(f.met), f.dueAt === null ? 'count' : 'timed']);

  it('a transfer and a return assess both units, and a late acceptance counts against the unit that decided', async () => {
    // given a complaint routed to 第一办理室, transferred to 第二办理室, and returned by it,
    // when 第一办理室 accepts it after its acceptance limit had passed (time moved in the records)
    const petition = await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));

    // then each unit has the facts of what it did, in order
    expect(await factsOfCase(petition.id)).toEqual([
      ['received', OFFICE, true, 'count'],
      ['routed', OFFICE, true, 'timed'],
      ['transferred', ROOM1, true, 'timed'],
      ['returned', ROOM2, true, 'timed'],
      ['accepted', ROOM1, true, 'count'],
      ['timely-acceptance', ROOM1, false, 'timed'],
    ]);
  });

  it('adds nothing when the same step is recorded again (a redelivered worker task)', async () => {
    // given a petition's facts of a step recorded once under its delivery's key
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(stackInfo().databaseUrl)));
    await dataSource.initialize();
    try {
      const before = await factsOfCase(petition.id);
      const now = new Date();
      const facts = factsOf({
        event: 'handOver',
        before: { competentUnitCode: ROOM1, receivingUnitCode: OFFICE, registeredAt: now, holderSince: now, acceptDueAt: new Date(now.getTime() + DAY), handleDueAt: null, returnCount: 0 },
        columns: {},
        unitCode: ROOM1,
        now,
      });
      const key = `redelivered:${petition.id}`;
      await dataSource.transaction((manager) => recordFacts(manager, petition.id, facts, now, key));

      // when the same delivery is recorded again
      await dataSource.transaction((manager) => recordFacts(manager, petition.id, facts, now, key));

      // then the case has the step's fact once
      expect(await factsOfCase(petition.id)).toEqual([...before, ['transferred', ROOM1, true, 'timed']]);
    } finally {
      await dataSource.destroy();
    }
  });
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { AssessmentLedger } from '../../src/assessment/assessment-ledger';
import { OrgService } from '../../src/org/org.service';
import { Region } from '../../src/org/region.entity';
import { Unit } from '../../src/org/unit.entity';
import { factsOf } from '../../src/petitions/lifecycle/assessment-facts';
import { PetitionLifecycle } from '../../src/petitions/lifecycle/petition-lifecycle';
import { PetitionRepository } from '../../src/petitions/petition.repository';
import { openDatabase, TestDatabase } from '../support/database';
import { stackInfo } from '../support/harness';
import { register, transferredReturnedAndAcceptedLate, waitForTask } from '../support/petitions';
import { dbTime } from '../support/statutory-clock';
import { periodOf } from '../../src/clocks/deadline';

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

  const tallyOf = async (scope: string, metric: string) =>
    (await db.query<{ total: number }>('SELECT SUM("total") AS "total" FROM "assessment_tally" WHERE "scope" = ? AND "metric" = ? AND "period" = ?', [scope, metric, periodOf(new Date())]))[0]
      ?.total ?? 0;
  /** A tally and the count of the facts it sums, read in one statement: other test files add facts meanwhile. */
  const tallyAndFacts = async (scope: string, unitCodes: string[], metric: string) => {
    const period = periodOf(new Date());
    const [row] = await db.query<{ tally: number | null; facts: number }>(
      `SELECT (SELECT SUM("total") FROM "assessment_tally" WHERE "scope" = ? AND "metric" = ? AND "period" = ?) AS "tally",
              (SELECT COUNT(*) FROM "assessment_fact" WHERE "metric" = ? AND "period" = ? AND "unitCode" IN (${unitCodes.map(() => '?').join(', ')})) AS "facts"`,
      [scope, metric, period, metric, period, ...unitCodes],
    );
    return [metric, scope, Number(row.tally ?? 0), Number(row.facts)];
  };

  it('keeps the tallies of each unit, region and tier equal to the facts they sum', async () => {
    // given a few more steps in 东湖区 (990102)
    await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));
    // then each tally is the count of its facts: the room, the county (every unit in and below it), the county's own tier
    const countyUnits = (await db.query<{ code: string }>('SELECT "code" FROM "unit" WHERE "regionCode" LIKE ?', ['990102%'])).map((u) => u.code);
    const countyTierUnits = (await db.query<{ code: string }>('SELECT "code" FROM "unit" WHERE "regionCode" = ?', ['990102'])).map((u) => u.code);
    for (const metric of ['transferred', 'timely-acceptance', 'received']) {
      for (const [scope, units] of [[`u:${ROOM1}`, [ROOM1]], ['r:990102', countyUnits], ['r:990102:county', countyTierUnits]] as const) {
        const [, , tally, facts] = await tallyAndFacts(scope, [...units], metric);
        expect([metric, scope, tally]).toEqual([metric, scope, facts]);
      }
    }
  });

  it('adds nothing when the same step is recorded again (a redelivered worker task)', async () => {
    // given a petition's facts of a step recorded once under its delivery's key
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(stackInfo().databaseUrl)));
    await dataSource.initialize();
    const ledger = new AssessmentLedger(new OrgService(dataSource.getRepository(Region), dataSource.getRepository(Unit)));
    try {
      const before = await factsOfCase(petition.id);
      const tallyBefore = Number(await tallyOf(`u:${ROOM1}`, 'transferred'));
      const now = new Date();
      const facts = factsOf({
        event: 'handOver',
        before: {
          status: 'registered',
          competentUnitCode: ROOM1,
          receivingUnitCode: OFFICE,
          registeredAt: now,
          holderSince: now,
          acceptDueAt: new Date(now.getTime() + DAY),
          handleDueAt: null,
          returnCount: 0,
          collective: false,
        },
        columns: {},
        unitCode: ROOM1,
        now,
      });
      const key = `redelivered:${petition.id}`;
      // This test writes beside the running API: on SQLite a transaction that read before the API's
      // commit cannot write after it (SQLITE_BUSY at once, no waiting), so it is run again, as the
      // product's own writers would be; recording under one key is idempotent.
      const record = async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await dataSource.transaction((manager) => ledger.record(manager, petition.id, facts, now, key));
          } catch (error) {
            if (attempt >= 10 || !/database is locked/.test(String(error))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      };
      await record();

      // when the same delivery is recorded again
      await record();

      // then the case has the step's fact once
      expect(await factsOfCase(petition.id)).toEqual([...before, ['transferred', ROOM1, true, 'timed']]);
      // and the unit's tally counts it once
      expect(Number(await tallyOf(`u:${ROOM1}`, 'transferred')) - tallyBefore).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });
  it('gives a transition delivered twice under one key one timeline entry, one fact and one count', async () => {
    // given a petition at its acceptance task in 第一办理室
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(stackInfo().databaseUrl)));
    await dataSource.initialize();
    const repository = new PetitionRepository(dataSource);
    const lifecycle = new PetitionLifecycle(repository, new AssessmentLedger(new OrgService(dataSource.getRepository(Region), dataSource.getRepository(Unit))));
    try {
      const tallyBefore = Number(await tallyOf(`u:${ROOM1}`, 'transferred'));
      const key = `redelivered-transition:${petition.id}`;
      // Beside the running API on SQLite, a transaction that read before another's commit is run again (see above).
      const handOver = async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await dataSource.transaction(async (manager) => {
              const locked = await repository.lockForUpdate(manager, petition.id);
              return lifecycle.handOver(manager, locked, ROOM2, {}, { now: new Date(), actor: 'worker', unitCode: ROOM1, idempotencyKey: key });
            });
          } catch (error) {
            if (attempt >= 10 || !/database is locked/.test(String(error))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      };
      // when the worker's transfer is delivered, and delivered again with the same key (its lock
      // expired before the engine heard of the first), the second finding the petition already moved
      const first = await handOver();
      const second = await handOver();

      // then both answer the petition as the first left it
      expect([first.competentUnitCode, second.competentUnitCode]).toEqual([ROOM2, ROOM2]);
      expect(second.holderSince?.getTime()).toBe(first.holderSince?.getTime());
      // and the timeline has the transfer once
      const entries = await db.query<{ kind: string }>('SELECT "kind" FROM "petition_event" WHERE "idempotencyKey" = ?', [key]);
      expect(entries.map((e) => e.kind)).toEqual(['handed-over']);
      // and the unit it left has one transfer fact, counted once
      expect((await factsOfCase(petition.id)).filter(([metric]) => metric === 'transferred')).toEqual([['transferred', ROOM1, true, 'timed']]);
      expect(Number(await tallyOf(`u:${ROOM1}`, 'transferred')) - tallyBefore).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });
});

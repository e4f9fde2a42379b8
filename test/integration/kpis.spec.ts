import { periodOf } from '../../src/clocks/deadline';
import { openDatabase, TestDatabase } from '../support/database';
import { api, login } from '../support/harness';
import { transferredReturnedAndAcceptedLate } from '../support/petitions';
import { dbTime } from '../support/statutory-clock';

/**
 * Unit KPIs (目标管理考核) from the facts the steps record. Other tests in the same run add facts to the
 * same units, so the scenario's figures are checked as the change they make to the units' numbers.
 */
const ROOM1 = '990102-handling-room-1';
const ROOM2 = '990102-handling-room-2';

interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface UnitKpis {
  unitCode: string;
  unitName: string;
  rates: Record<string, Rate>;
  counts: Record<string, number>;
}

describe('unit KPIs from the assessment facts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const month = periodOf(new Date());
  async function kpisOf(unitCode: string, as = 'donghu.supervisor'): Promise<UnitKpis> {
    const response = await api('GET', `/api/kpis?from=${month}&to=${month}&unitCode=${unitCode}`, { token: await login(as) });
    expect(response.status).toBe(200);
    return response.body.units[0] as UnitKpis;
  }

  it('counts a transfer, a return and a late acceptance against the units that did them, each rate with its parts', async () => {
    // given the two rooms' figures for this month
    const [room1Before, room2Before] = [await kpisOf(ROOM1), await kpisOf(ROOM2)];

    // when a matter is transferred by 第一办理室, returned by 第二办理室, and accepted late by 第一办理室
    await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));

    // then 第一办理室 has one more transfer, one more acceptance decision, and it was not timely
    const [room1, room2] = [await kpisOf(ROOM1), await kpisOf(ROOM2)];
    expect(room1.unitName).toContain('第一办理室');
    expect(room1.counts.transferred - room1Before.counts.transferred).toBe(1);
    expect(room1.counts.accepted - room1Before.counts.accepted).toBe(1);
    expect(room1.rates.timelyAcceptance.denominator - room1Before.rates.timelyAcceptance.denominator).toBe(1);
    expect(room1.rates.timelyAcceptance.numerator - room1Before.rates.timelyAcceptance.numerator).toBe(0);
    // and each rate is its numerator over its denominator
    const { numerator, denominator, rate } = room1.rates.timelyAcceptance;
    expect(rate).toBeCloseTo(numerator / denominator, 10);
    // and 第二办理室 has one more return, in time
    expect(room2.counts.returned - room2Before.counts.returned).toBe(1);
    expect(room2.rates.timelyReturn.numerator - room2Before.rates.timelyReturn.numerator).toBe(1);
  });

  it('says "no data" for a rate nothing measured, and lists the formulas', async () => {
    // given a month long before any fact
    const response = await api('GET', `/api/kpis?from=2020-01&to=2020-03&unitCode=${ROOM1}`, { token: await login('donghu.supervisor') });

    // then the unit is listed, every rate without data and every count zero
    expect(response.status).toBe(200);
    expect(response.body.formulas.timelyAcceptance).toMatchObject({ name: '及时受理率', source: expect.stringContaining('第二十三条') });
    const [unit] = response.body.units as UnitKpis[];
    expect(Object.values(unit.rates).every((r) => r.rate === null && r.denominator === 0)).toBe(true);
    expect(Object.values(unit.counts).every((c) => c === 0)).toBe(true);
  });

  it('answers only within the caller’s reach, and refuses a malformed period with a message', async () => {
    // a supervisor of another county does not see 东湖区's rooms
    const other = await api('GET', `/api/kpis?from=${month}&to=${month}&unitCode=${ROOM1}`, { token: await login('qingshan.supervisor'), lang: 'zh-CN' });
    expect(other.status).toBe(404);
    expect(other.body.message).toContain('不在您的管辖范围内');
    // nor does the county's list include them
    const list = await api('GET', `/api/kpis?from=${month}&to=${month}`, { token: await login('qingshan.supervisor') });
    expect(list.status).toBe(200);
    expect((list.body.units as UnitKpis[]).map((u) => u.unitCode)).not.toContain(ROOM1);
    // a handler is not a supervisor
    expect((await api('GET', `/api/kpis?from=${month}&to=${month}`, { token: await login('donghu.room1') })).status).toBe(403);
    // and periods that are not periods are refused
    for (const query of ['from=2026-13&to=2026-12', 'from=2026-05&to=2026-01', 'from=2020-01&to=2026-12', 'from=x&to=y', `from=${month}`]) {
      const refused = await api('GET', `/api/kpis?${query}`, { token: await login('donghu.supervisor'), lang: 'zh-CN' });
      expect([query, refused.status]).toEqual([query, 400]);
    }
  });
});

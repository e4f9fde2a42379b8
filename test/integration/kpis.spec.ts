import { periodOf } from '../../src/clocks/deadline';
import { openDatabase, TestDatabase } from '../support/database';
import ExcelJS from 'exceljs';
import { api, login, stackInfo } from '../support/harness';
import { freshPetitioner, letWindowsLapse, petitionInput, replied, transferredReturnedAndAcceptedLate, waitForProcessEnd } from '../support/petitions';
import { runScenario } from '../support/scenarios';
import { dbTime } from '../support/statutory-clock';

/**
 * Unit KPIs (目标管理考核) from the facts the steps record. Other tests in the same run add facts to the
 * same units, so the scenario's figures are checked as the change they make to the units' numbers.
 */
const ROOM1 = '990102-handling-room-1';
const ROOM2 = '990102-handling-room-2';
const OFFICE = '990102-petition-office';
const TOWNSHIP_OFFICE = '990102001-petition-office';

interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}
interface UnitKpis {
  code: string;
  name: string;
  kind: string;
  level: string | null;
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
    return response.body.rows[0] as UnitKpis;
  }

  it('counts a transfer, a return and a late acceptance against the units that did them, each rate with its parts', async () => {
    // given the two rooms' figures for this month
    const [room1Before, room2Before] = [await kpisOf(ROOM1), await kpisOf(ROOM2)];

    // when a matter is transferred by 第一办理室, returned by 第二办理室, and accepted late by 第一办理室
    await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));

    // then 第一办理室 has one more transfer, one more acceptance decision, and it was not timely
    const [room1, room2] = [await kpisOf(ROOM1), await kpisOf(ROOM2)];
    expect(room1.name).toContain('第一办理室');
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

  it('rates the handling unit and the petition office apart, counts participation, first-time resolution and a repeat', async () => {
    // given the figures of 第一办理室 and of 东湖区信访局, which took the matters in
    const [roomBefore, officeBefore] = [await kpisOf(ROOM1), await kpisOf(OFFICE)];

    // when one reply is rated (handling unit 不满意, petition office 基本满意) and another is left unrated until its windows lapse,
    const rated = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    const rating = await api('POST', '/api/public/rating', {
      body: { number: rated.number, code: rated.queryCode, handlingUnit: 'dissatisfied', petitionOffice: 'basically-satisfied' },
    });
    expect(rating.status).toBe(201);
    const lapsedInput = petitionInput({ petitioners: freshPetitioner('孙八') });
    const lapsed = await replied(lapsedInput);
    await letWindowsLapse(lapsed.processInstanceId);
    // and the petitioner of the concluded matter brings it again
    const again = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: { ...lapsedInput, repeatOf: lapsed.number } });
    expect(again.status).toBe(201);
    await waitForProcessEnd(again.body.processInstanceId);

    // then 第一办理室: two more replies, one rated and not satisfied, one unrated; one matter concluded without review; one repeat
    const [room, office] = [await kpisOf(ROOM1), await kpisOf(OFFICE)];
    const delta = (after: UnitKpis, before: UnitKpis, rate: string) => [
      after.rates[rate].numerator - before.rates[rate].numerator,
      after.rates[rate].denominator - before.rates[rate].denominator,
    ];
    expect(delta(room, roomBefore, 'satisfaction')).toEqual([0, 1]);
    expect(delta(room, roomBefore, 'ratingParticipation')).toEqual([1, 2]);
    expect(delta(room, roomBefore, 'firstTimeResolution')).toEqual([1, 1]);
    expect(delta(room, roomBefore, 'repeatRate')).toEqual([1, 2]);
    expect(room.counts.repeated - roomBefore.counts.repeated).toBe(1);
    // and the petition office is rated on its own: basically satisfied counts as satisfied
    expect(delta(office, officeBefore, 'officeSatisfaction')).toEqual([1, 1]);
    expect(delta(office, officeBefore, 'officeRatingParticipation')).toEqual([1, 2]);
    // and the handling unit's rating is not the office's
    expect(delta(office, officeBefore, 'satisfaction')).toEqual([0, 0]);
  });

  it('counts a level-skipping visit and a collective petition for the unit whose area they come from, and rolls units up into regions and tiers', async () => {
    const token = await login('city.supervisor');
    const byRegion = async () => (await api('GET', `/api/kpis?from=${month}&to=${month}&by=region&regionCode=990102`, { token })).body.rows as UnitKpis[];
    const [townshipBefore, roomBefore, regionsBefore] = [await kpisOf(TOWNSHIP_OFFICE, 'city.supervisor'), await kpisOf(ROOM1, 'city.supervisor'), await byRegion()];

    // when a township matter is brought to the city bureau (two levels up), and 30 people petition 东湖区 together
    await runScenario({
      rule: 'level skip',
      registrar: 'city.registrar',
      petition: { channel: 'visit', matterScope: 'township', regionCode: '990102001002' },
      chain: ['route 990100-petition-office → 990102001-petition-office'],
      outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
    });
    await runScenario({
      rule: 'collective',
      registrar: 'donghu.registrar',
      petition: { personCount: 30, petitioners: freshPetitioner('代表甲') },
      chain: ['route 990102-petition-office → 990102-handling-room-1'],
      outcome: { waitsAt: { by: 'donghu.room1', step: 'accept-decision' } },
    });

    // then the township office has one more level skip, 第一办理室 one more collective petition
    expect((await kpisOf(TOWNSHIP_OFFICE, 'city.supervisor')).counts['level-skip'] - townshipBefore.counts['level-skip']).toBe(1);
    expect((await kpisOf(ROOM1, 'city.supervisor')).counts.collective - roomBefore.counts.collective).toBe(1);
    // and the county's row (990102 and below) counts both, its township 东湖街道 (990102001) the level skip only
    const regions = await byRegion();
    expect(regions.map((r) => [r.code, r.kind])).toEqual(expect.arrayContaining([['990102', 'region'], ['990102001', 'region']]));
    const row = (rows: UnitKpis[], code: string) => rows.find((r) => r.code === code)!;
    expect(row(regions, '990102').counts['level-skip'] - row(regionsBefore, '990102').counts['level-skip']).toBe(1);
    expect(row(regions, '990102').counts.collective - row(regionsBefore, '990102').counts.collective).toBe(1);
    expect(row(regions, '990102001').counts['level-skip'] - row(regionsBefore, '990102001').counts['level-skip']).toBe(1);
    expect(row(regions, '990102001').counts.collective - row(regionsBefore, '990102001').counts.collective).toBe(0);
    // and by tier, the county's own units and its townships' units add up to the county
    const tiers = (await api('GET', `/api/kpis?from=${month}&to=${month}&by=tier&regionCode=990102`, { token })).body.rows as UnitKpis[];
    expect(tiers.map((t) => t.level)).toEqual(['county', 'township', 'village']);
    const sum = tiers.reduce((total, t) => total + t.counts.received, 0);
    expect(sum).toBe(row(regions, '990102').counts.received);
    // and a tier's figure drills into its own units' cases only
    const tierCases = await api('GET', `/api/kpis/cases?from=${month}&to=${month}&regionCode=990102&level=township&metric=level-skip&pageSize=100`, { token });
    expect(tierCases.status).toBe(200);
    expect(tierCases.body.total).toBe(tiers.find((t) => t.level === 'township')!.counts['level-skip']);
  });

  it('drills from a figure into the cases behind it, trends month by month, and exports the table', async () => {
    const token = await login('donghu.supervisor');
    // given a late acceptance by 第一办理室 this month
    const late = await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));
    // when the supervisor drills into the room's missed acceptances
    const drill = await api('GET', `/api/kpis/cases?from=${month}&to=${month}&unitCode=${ROOM1}&metric=timely-acceptance&missed=true&pageSize=100`, { token });
    expect(drill.status).toBe(200);
    // then the case is listed by its number, late, and every listed fact missed its limit
    expect(drill.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ petitionId: late.id, number: late.number, met: false })]));
    expect(drill.body.items.every((item: { met: boolean }) => item.met === false)).toBe(true);
    expect(drill.body.total).toBeGreaterThanOrEqual(1);
    // and the overdue count drills into every late step
    const overdue = await api('GET', `/api/kpis/cases?from=${month}&to=${month}&unitCode=${ROOM1}&missed=true&pageSize=100`, { token });
    expect(overdue.body.items.map((i: { petitionId: string }) => i.petitionId)).toContain(late.id);
    // and the cases behind the figure export as a workbook, dates as dates
    const casesFile = await fetch(`${stackInfo().apiUrl}/api/kpis/cases/export?from=${month}&to=${month}&unitCode=${ROOM1}&metric=timely-acceptance&missed=true`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(casesFile.status).toBe(200);
    const casesBook = new ExcelJS.Workbook();
    await casesBook.xlsx.load(Buffer.from(await casesFile.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const caseRows: unknown[][] = [];
    casesBook.getWorksheet('案件明细')!.eachRow((r, n) => n > 2 && caseRows.push((r.values as unknown[]).slice(1)));
    const lateRow = caseRows.find((r) => r[0] === late.number)!;
    expect(lateRow[1]).toBe('申诉求决类');
    expect(lateRow[2]).toBeInstanceOf(Date);
    expect(lateRow[4]).toBe('未达标');
    expect(caseRows).toHaveLength(drill.body.total);

    // and a drill without a metric or missed=true is a clear 400
    expect((await api('GET', `/api/kpis/cases?from=${month}&to=${month}&unitCode=${ROOM1}`, { token, lang: 'zh-CN' })).status).toBe(400);

    // the trend lists each month, with no data where nothing was measured
    const yearAgo = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const trend = await api('GET', `/api/kpis/trend?from=${yearAgo}&to=${month}&unitCode=${ROOM1}`, { token });
    expect(trend.status).toBe(200);
    expect(trend.body.months).toHaveLength(13);
    expect(trend.body.months[0]).toBe(yearAgo);
    expect(trend.body.months.at(-1)).toBe(month);
    expect(trend.body.rates.timelyAcceptance[0]).toBeNull();
    expect(trend.body.counts.accepted.at(-1)).toBe((await kpisOf(ROOM1)).counts.accepted);

    // the export holds the same rows and figures
    const exported = await fetch(`${stackInfo().apiUrl}/api/kpis/export?from=${month}&to=${month}&unitCode=${ROOM1}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('考核指标')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    const figures = await kpisOf(ROOM1);
    expect(values[header.indexOf('代码')]).toBe(ROOM1);
    expect(values[header.indexOf('受理')]).toBe(figures.counts.accepted);
    expect(values[header.indexOf('及时受理率·分母')]).toBe(figures.rates.timelyAcceptance.denominator);
    expect(workbook.getWorksheet('指标说明')).toBeDefined();
  });

  it('adds up a tally kept in several stripes, in the table and in the trend', async () => {
    // given a month no other test writes, whose timely acceptances concurrent steps added to two stripes
    const STRIPED = '2021-05';
    for (const [stripe, met, total] of [
      [0, 3, 4],
      [5, 1, 2],
    ]) {
      await db.query('INSERT INTO "assessment_tally" ("scope", "period", "metric", "stripe", "met", "total") VALUES (?, ?, ?, ?, ?, ?)', [
        `u:${ROOM1}`,
        STRIPED,
        'timely-acceptance',
        stripe,
        met,
        total,
      ]);
    }
    const token = await login('donghu.supervisor');

    // then the unit's rate is over both: 4 of 6
    const table = await api('GET', `/api/kpis?from=${STRIPED}&to=${STRIPED}&unitCode=${ROOM1}`, { token });
    expect(table.body.rows[0].rates.timelyAcceptance).toEqual({ numerator: 4, denominator: 6, rate: 4 / 6 });
    // and the trend's month is the same one figure
    const trend = await api('GET', `/api/kpis/trend?from=${STRIPED}&to=${STRIPED}&unitCode=${ROOM1}`, { token });
    expect(trend.body.rates.timelyAcceptance).toEqual([4 / 6]);
  });

  it('says "no data" for a rate nothing measured, and lists the formulas', async () => {
    // given a month long before any fact
    const response = await api('GET', `/api/kpis?from=2020-01&to=2020-03&unitCode=${ROOM1}`, { token: await login('donghu.supervisor') });

    // then the unit is listed, every rate without data and every count zero
    expect(response.status).toBe(200);
    expect(response.body.formulas.timelyAcceptance).toMatchObject({ name: '及时受理率', source: expect.stringContaining('第二十三条') });
    const [unit] = response.body.rows as UnitKpis[];
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
    expect((list.body.rows as UnitKpis[]).map((u) => u.code)).not.toContain(ROOM1);
    // a handler is not a supervisor
    expect((await api('GET', `/api/kpis?from=${month}&to=${month}`, { token: await login('donghu.room1') })).status).toBe(403);
    // a county supervisor cannot read the city's regions, nor another county's
    const county = await login('qingshan.supervisor');
    expect((await api('GET', `/api/kpis?from=${month}&to=${month}&by=region&regionCode=990100`, { token: county })).status).toBe(404);
    expect((await api('GET', `/api/kpis?from=${month}&to=${month}&by=tier&regionCode=990102`, { token: county })).status).toBe(404);
    expect((await api('GET', `/api/kpis/trend?from=${month}&to=${month}&unitCode=${ROOM1}`, { token: county })).status).toBe(404);
    expect((await api('GET', `/api/kpis/cases?from=${month}&to=${month}&unitCode=${ROOM1}&metric=accepted`, { token: county })).status).toBe(404);
    // a unit head sees the figures of the unit only, not by region
    expect((await api('GET', `/api/kpis?from=${month}&to=${month}&by=region`, { token: await login('donghu.room1.head'), lang: 'zh-CN' })).status).toBe(403);
    // and periods that are not periods are refused
    for (const query of ['from=2026-13&to=2026-12', 'from=2026-05&to=2026-01', 'from=2020-01&to=2026-12', 'from=x&to=y', `from=${month}`]) {
      const refused = await api('GET', `/api/kpis?${query}`, { token: await login('donghu.supervisor'), lang: 'zh-CN' });
      expect([query, refused.status]).toEqual([query, 400]);
    }
  });
});

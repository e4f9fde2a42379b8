import { periodOf } from '../../src/clocks/deadline';
import { openDatabase, TestDatabase } from '../support/database';
import { api } from '../support/harness';

/**
 * 公告公示 of the units' monthly figures: a region's and its units' timely acceptance, on-time reply
 * and satisfaction, read from the tallies, without signing in; only months that have ended. The month
 * (2024-02) is one no other test writes.
 */
const MONTH = '2024-02';
const COUNTY = '990121';
// the county's petition office: no other test closes it (org-admin.spec closes its first handling room)
const ROOM = '990121-petition-office';

describe('the units’ published monthly figures on the public board', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
    // given a month of 青山县: its petition office decided 4 acceptances, 3 in time; 2 ratings, 1 satisfied; no reply measured
    const rows: [string, string, number, number][] = [
      [`u:${ROOM}`, 'timely-acceptance', 3, 4],
      [`u:${ROOM}`, 'rated', 1, 2],
      [`r:${COUNTY}`, 'timely-acceptance', 3, 4],
      [`r:${COUNTY}`, 'rated', 1, 2],
      [`r:${COUNTY}`, 'on-time-closure', 5, 5],
    ];
    for (const [scope, metric, met, total] of rows) {
      await db.query('INSERT INTO "assessment_tally" ("scope", "period", "metric", "met", "total") VALUES (?, ?, ?, ?, ?)', [scope, MONTH, metric, met, total]);
    }
  });
  afterAll(() => db.close());

  it('shows the region and each of its units, every rate with its parts, no data as null', async () => {
    const response = await api('GET', `/api/public/board/figures?regionCode=${COUNTY}&month=${MONTH}`);
    expect(response.status).toBe(200);
    expect(response.body.rows[0]).toMatchObject({
      code: COUNTY,
      kind: 'region',
      rates: {
        timelyAcceptance: { numerator: 3, denominator: 4, rate: 0.75 },
        onTimeClosure: { numerator: 5, denominator: 5, rate: 1 },
        satisfaction: { numerator: 1, denominator: 2, rate: 0.5 },
      },
    });
    const room = response.body.rows.find((r: { code: string }) => r.code === ROOM);
    expect(room.rates.timelyAcceptance.rate).toBe(0.75);
    expect(room.rates.onTimeClosure).toEqual({ numerator: 0, denominator: 0, rate: null });
    // and only the published rates, nothing else about the unit
    expect(Object.keys(room.rates).sort()).toEqual(['onTimeClosure', 'satisfaction', 'timelyAcceptance']);
  });

  it('refuses a month that has not ended, a malformed one and an unknown region, with a message', async () => {
    const current = periodOf(new Date());
    for (const [query, status] of [
      [`month=${current}`, 400],
      ['month=2024-13', 400],
      ['month=%F0%9F%92%A9', 400],
      ['month=2019-01', 400],
      ['regionCode=12345678901234', 400],
      ['regionCode=999999', 404],
    ] as const) {
      const response = await api('GET', `/api/public/board/figures?${query}`, { lang: 'zh-CN' });
      expect([query, response.status]).toEqual([query, status]);
      expect(typeof response.body.message).toBe('string');
    }
  });
});

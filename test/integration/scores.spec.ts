import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopesOfUnit } from '../../src/assessment/assessment-scopes';
import { periodOf } from '../../src/clocks/deadline';
import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { dbTime } from '../support/statutory-clock';

/**
 * Scores (目标管理考核): each county and township scored from its KPIs of a month through the scoring
 * table (assessment-scoring.dmn), closed months stored with the table version used. The months here
 * (2019-01…) are long before any fact the rest of the suite records, and their facts are written
 * straight into the database as the assessment ledger would, so every score is computed by hand.
 */
const KEY = 'assessment-scoring';
const SHIMEN = '990121200'; // 石门乡, a township of 青山县
const QINGSHAN = '990121';
const DONGHU = '990102';

interface Part {
  indicator: string;
  kind: 'weight' | 'deduction';
  points: number;
  value: number | null;
}
interface Row {
  rank: number;
  regionCode: string;
  name: string;
  score: number | null;
  parts: Part[];
}
interface Report {
  period: string;
  closed: boolean;
  decision: { key: string; version: number };
  rows: Row[];
}
interface Stored {
  id: string;
  regionCode: string;
  level: string;
  score: number | null;
  parts: string;
  decisionDefinitionId: string;
  decisionVersion: number;
  closedAt: unknown;
}

type Fact = [unitCode: string, metric: string, met: boolean];

/**
 * The month of 石门乡 (its petition office) and 青山县 (its center): 3 of 4 acceptances in time, 1 of 2
 * replies on time, 2 ratings (1 satisfied) and 2 lapsed, one supervision notice; the county center
 * one more timely acceptance.
 *   石门乡, default table: 100 × (30×0.75 + 30×0.5 + 20×0.5 + 10×0.5) / 90 − 2×1 = 58.33… − 2 = 56.33
 *   青山县, default table: 100 × (30×0.8 + 30×0.5 + 20×0.5 + 10×0.5) / 90 − 2 = 60 − 2 = 58
 *   with timely acceptance weighted 60 and 4 points per notice:
 *   石门乡 100 × (45 + 15 + 10 + 5) / 120 − 4 = 58.5;  青山县 100 × (48 + 15 + 10 + 5) / 120 − 4 = 61
 */
const TOWN = `${SHIMEN}-petition-office`;
const CENTER = `${QINGSHAN}-petition-office`;
const MONTH_FACTS: Fact[] = [
  [TOWN, 'timely-acceptance', true],
  [TOWN, 'timely-acceptance', true],
  [TOWN, 'timely-acceptance', true],
  [TOWN, 'timely-acceptance', false],
  [TOWN, 'on-time-closure', true],
  [TOWN, 'on-time-closure', false],
  [TOWN, 'rated', true],
  [TOWN, 'rated', false],
  [TOWN, 'rating-lapsed', true],
  [TOWN, 'rating-lapsed', true],
  [TOWN, 'supervised', true],
  [CENTER, 'timely-acceptance', true],
];
const CHAINS: Record<string, { level: 'county' | 'township'; chain: string[] }> = {
  [TOWN]: { level: 'township', chain: [SHIMEN, QINGSHAN, '990100'] },
  [CENTER]: { level: 'county', chain: [QINGSHAN, '990100'] },
};

/** Writes the facts of a month and their tallies, as AssessmentLedger.record does. */
async function seedMonth(db: TestDatabase, period: string, facts: Fact[] = MONTH_FACTS): Promise<void> {
  const doneAt = dbTime(Date.parse(`${period}-10T02:00:00Z`));
  const tallies = new Map<string, { scope: string; metric: string; met: number; total: number }>();
  for (const [unitCode, metric, met] of facts) {
    await db.query(
      'INSERT INTO "assessment_fact" ("id", "petitionId", "unitCode", "metric", "met", "dueAt", "doneAt", "period", "recordedAt", "sourceKey") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), randomUUID(), unitCode, metric, met ? 1 : 0, null, doneAt, period, doneAt, `scores-spec:${randomUUID()}`],
    );
    for (const scope of scopesOfUnit(unitCode, CHAINS[unitCode].level, CHAINS[unitCode].chain)) {
      const tally = tallies.get(`${scope}|${metric}`) ?? { scope, metric, met: 0, total: 0 };
      tally.met += met ? 1 : 0;
      tally.total += 1;
      tallies.set(`${scope}|${metric}`, tally);
    }
  }
  for (const { scope, metric, met, total } of tallies.values()) {
    await db.query('INSERT INTO "assessment_tally" ("scope", "period", "metric", "met", "total") VALUES (?, ?, ?, ?, ?)', [scope, period, metric, met, total]);
  }
}

async function scores(who: string, query: string, lang = 'en') {
  return api<Report & { message?: string }>('GET', `/api/scores?${query}`, { token: await login(who), lang });
}

async function close(who: string, period: unknown, lang = 'en') {
  return api('POST', '/api/scores/close', { token: await login(who), body: { period }, lang });
}

async function latestVersion(): Promise<number> {
  return (await engine<{ version: number }>('GET', `/decision-definition/key/${KEY}`)).version;
}

function formWith(files: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  return form;
}

/** Deploys a scoring table as the modeler does: the file under its deployed resource name, by the process administrator. */
async function deployTable(resource: string, xml: string): Promise<number> {
  const response = await api('POST', '/api/processes/deploy', { token: await login('admin'), body: formWith([[resource, xml]]) });
  expect(response.status).toBe(201);
  const [deployed] = response.body.decisions as string[];
  expect(deployed).toMatch(new RegExp(`^${KEY}:\\d+$`));
  return Number(deployed.split(':')[1]);
}

/** A rule's points in the table's XML, changed. */
function withPoints(xml: string, ruleId: string, points: number): string {
  const pattern = new RegExp(`(<outputEntry id="rule-${ruleId}-points"><text>)[^<]*(</text>)`);
  expect(xml).toMatch(pattern);
  return xml.replace(pattern, `$1${points}$2`);
}

describe('scores (目标管理考核)', () => {
  let db: TestDatabase;
  let firstVersion: number;
  let secondVersion: number;
  const original = readFileSync(join(__dirname, '../../processes/assessment-scoring.dmn'), 'utf8');

  beforeAll(async () => {
    db = await openDatabase({ writable: true });
    await seedMonth(db, '2019-01');
    await seedMonth(db, '2019-02');
  });

  afterAll(async () => {
    // the default table again for whoever reads it after this file
    if (secondVersion) await deployTable(`${KEY}.dmn`, original);
    await db.close();
  });

  const stored = (period: string) => db.query<Stored>('SELECT * FROM "assessment_score" WHERE "period" = ? ORDER BY "regionCode"', [period]);
  const storedOf = async (period: string, regionCode: string) => (await stored(period)).find((s) => s.regionCode === regionCode);

  it('closes a past month through POST /api/scores/close and stores its scores with the version of the table used', async () => {
    firstVersion = await latestVersion();

    // given the open month, computed live with the latest table and not stored
    const open = await scores('city.supervisor', 'period=2019-01&level=township');
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ period: '2019-01', closed: false, decision: { key: KEY, version: firstVersion } });
    expect(open.body.rows.find((r) => r.regionCode === SHIMEN)?.score).toBe(56.33);
    expect(await stored('2019-01')).toEqual([]);

    // when the city's supervisor closes it
    const started = await close('city.supervisor', '2019-01');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ period: '2019-01', closed: false, processInstanceId: expect.any(String) });

    // then every county and township has its score, all with the table's version
    const rows = await eventually(async () => ((await stored('2019-01')).length >= 6 ? stored('2019-01') : undefined), { what: 'the scores of 2019-01' });
    expect(new Set(rows.map((r) => Number(r.decisionVersion)))).toEqual(new Set([firstVersion]));
    expect(rows.map((r) => r.regionCode)).toEqual(expect.arrayContaining([QINGSHAN, DONGHU, SHIMEN, '990121100', '990102001', '990102002']));
    const shimen = rows.find((r) => r.regionCode === SHIMEN)!;
    expect({ level: shimen.level, score: Number(shimen.score) }).toEqual({ level: 'township', score: 56.33 });
    expect(shimen.decisionDefinitionId).toMatch(new RegExp(`^${KEY}:${firstVersion}:`));
    expect(JSON.parse(shimen.parts)).toEqual([
      { indicator: 'timelyAcceptance', kind: 'weight', points: 30, value: 0.75 },
      { indicator: 'onTimeClosure', kind: 'weight', points: 30, value: 0.5 },
      { indicator: 'satisfaction', kind: 'weight', points: 20, value: 0.5 },
      { indicator: 'ratingParticipation', kind: 'weight', points: 10, value: 0.5 },
      { indicator: 'firstTimeResolution', kind: 'weight', points: 10, value: null },
      { indicator: 'supervised', kind: 'deduction', points: 2, value: 1 },
      { indicator: 'discipline-recommended', kind: 'deduction', points: 5, value: 0 },
    ]);
    // a region nothing measured has no score, not 0
    expect(rows.find((r) => r.regionCode === DONGHU)!.score).toBeNull();

    // and the ranking reads the stored scores: counties among counties, a region without data last
    const counties = await scores('city.supervisor', 'period=2019-01&level=county');
    expect(counties.status).toBe(200);
    expect(counties.body).toMatchObject({ period: '2019-01', closed: true, decision: { key: KEY, version: firstVersion } });
    expect(counties.body.rows.map((r) => [r.rank, r.regionCode, r.name, r.score])).toEqual([
      [1, QINGSHAN, '青山县', 58],
      [2, DONGHU, '东湖区', null],
    ]);
    expect(counties.body.rows[0].parts.find((p) => p.indicator === 'timelyAcceptance')).toEqual({ indicator: 'timelyAcceptance', kind: 'weight', points: 30, value: 0.8 });

    // and closing it again changes nothing: 200 with the stored version
    const again = await close('sysadmin', '2019-01');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ period: '2019-01', closed: true, decision: { key: KEY, version: firstVersion }, processInstanceId: null });
  });

  it('adds nothing when the close runs again for a closed month (a redelivered or duplicated task)', async () => {
    const before = await stored('2019-01');
    // a second instance for the same month, started in the engine as an operator could
    const [started] = await engine<{ processInstance: { id: string } }[]>('POST', '/message', {
      messageName: 'close-assessment-period-requested',
      businessKey: 'scores-spec-duplicate',
      processVariables: { period: { value: '2019-01', type: 'String' } },
      resultEnabled: true,
    });
    await eventually(
      async () => (await engine<{ state: string }>('GET', `/history/process-instance/${started.processInstance.id}`)).state === 'COMPLETED',
      { what: 'the duplicate close to end' },
    );
    expect(await stored('2019-01')).toEqual(before);
  });

  it('Editing the scoring table changes the next period’s score and not a closed one', async () => {
    // given the table as the modeler shows it to the process administrator
    const listed = await api('GET', '/api/decisions', { token: await login('admin') });
    expect(listed.status).toBe(200);
    expect(listed.body.find((d: { key: string }) => d.key === KEY)).toMatchObject({ key: KEY, name: '考核评分表', resource: `${KEY}.dmn`, version: firstVersion });
    const table = await api('GET', `/api/decisions/${KEY}/xml`, { token: await login('admin') });
    expect(table.status).toBe(200);
    expect(table.body).toMatchObject({ key: KEY, version: firstVersion, resource: `${KEY}.dmn` });

    // when the administrator weights timely acceptance 60 (was 30), makes a supervision notice cost 4 (was 2) and deploys
    const edited = withPoints(withPoints(table.body.dmnXml as string, 'timely-acceptance', 60), 'supervised', 4);
    secondVersion = await deployTable(table.body.resource, edited);
    expect(secondVersion).toBe(firstVersion + 1);
    expect(await latestVersion()).toBe(secondVersion);

    // and the next month is closed
    expect((await close('city.supervisor', '2019-02')).status).toBe(202);
    const next = await eventually(async () => ((await stored('2019-02')).length >= 6 ? stored('2019-02') : undefined), { what: 'the scores of 2019-02' });

    // then it is scored with the new version: same facts, another score
    expect(new Set(next.map((r) => Number(r.decisionVersion)))).toEqual(new Set([secondVersion]));
    expect(Number(next.find((r) => r.regionCode === SHIMEN)!.score)).toBe(58.5);
    expect(Number(next.find((r) => r.regionCode === QINGSHAN)!.score)).toBe(61);
    const february = await scores('city.supervisor', 'period=2019-02&level=township&regionCode=990121');
    expect(february.body).toMatchObject({ closed: true, decision: { key: KEY, version: secondVersion } });
    // (other test files may have added townships to 青山县: nothing measured, they rank with no score)
    expect(february.body.rows[0]).toMatchObject({ rank: 1, regionCode: SHIMEN, score: 58.5 });
    expect(february.body.rows.map((r) => [r.regionCode, r.score])).toContainEqual(['990121100', null]);
    expect(february.body.rows.slice(1).every((r) => r.rank === 2 && r.score === null)).toBe(true);

    // while the closed month keeps its score and version, stored and as read
    const january = await storedOf('2019-01', SHIMEN);
    expect({ score: Number(january!.score), version: Number(january!.decisionVersion) }).toEqual({ score: 56.33, version: firstVersion });
    const read = await scores('city.supervisor', 'period=2019-01&level=township&regionCode=990121');
    expect(read.body).toMatchObject({ closed: true, decision: { key: KEY, version: firstVersion } });
    expect(read.body.rows.find((r) => r.regionCode === SHIMEN)).toMatchObject({ rank: 1, score: 56.33 });
    expect(read.body.rows.find((r) => r.regionCode === SHIMEN)!.parts.find((p) => p.indicator === 'timelyAcceptance')!.points).toBe(30);
    // and an open month is computed with the new version
    const open = await scores('city.supervisor', 'period=2019-03&level=township');
    expect(open.body).toMatchObject({ closed: false, decision: { key: KEY, version: secondVersion } });
  });

  it('closes the previous month when the monthly timer fires (driven through the engine’s job API)', async () => {
    const previous = (() => {
      const [year, month] = periodOf(new Date()).split('-').map(Number);
      const index = year * 12 + month - 2;
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    })();
    await seedMonth(db, previous, MONTH_FACTS.filter(([unit]) => unit === TOWN));
    expect(await stored(previous)).toEqual([]);

    // given the timer of the deployed close-assessment-period process, due on a coming 1st
    const [job] = await engine<{ id: string; dueDate: string }[]>('GET', '/job?processDefinitionKey=close-assessment-period&timers=true');
    expect(job).toBeDefined();
    const due = Date.parse(job.dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    expect(due).toBeGreaterThan(Date.now());
    expect(due - Date.now()).toBeLessThan(32 * 86_400_000);

    // when it fires
    await engine('POST', `/job/${job.id}/execute`);

    // then the previous month is closed with the latest table, and the timer waits for the next 1st
    const rows = await eventually(async () => ((await stored(previous)).length >= 6 ? stored(previous) : undefined), { what: `the scores of ${previous}` });
    expect(new Set(rows.map((r) => Number(r.decisionVersion)))).toEqual(new Set([secondVersion]));
    expect(Number(rows.find((r) => r.regionCode === SHIMEN)!.score)).toBe(58.5);
    const [next] = await engine<{ id: string }[]>('GET', '/job?processDefinitionKey=close-assessment-period&timers=true');
    expect(next.id).not.toBe(job.id);
  });

  it('exports the ranking as an Excel workbook', async () => {
    const response = await fetch(`${stackInfo().apiUrl}/api/scores/export?period=2019-01&level=township&regionCode=990121`, {
      headers: { Authorization: `Bearer ${await login('qingshan.supervisor')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('考核评分')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['排名', '代码', '名称', '得分', '及时受理率']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([1, SHIMEN, '石门乡', 56.33, 0.75]);
    expect((workbook.getWorksheet('说明')!.getRow(5).values as unknown[])[2]).toBe(`${KEY} 第 ${firstVersion} 版`);
  });

  it('answers only within reach, and refuses what is not a past month', async () => {
    // a county supervisor ranks the townships of their county, and not the counties of the city
    const own = await scores('donghu.supervisor', 'period=2019-01&level=township');
    expect(own.status).toBe(200);
    expect(own.body.rows.length).toBeGreaterThan(0);
    expect(own.body.rows.every((r) => r.regionCode.startsWith(DONGHU))).toBe(true);
    const counties = await scores('donghu.supervisor', 'period=2019-01&level=county', 'zh-CN');
    expect(counties.status).toBe(403);
    expect(counties.body.message).toContain('排名仅供上级督查人员查看');
    expect((await scores('donghu.supervisor', 'period=2019-01&level=county&regionCode=990100')).status).toBe(404);
    expect((await scores('donghu.supervisor', 'period=2019-01&level=township&regionCode=990121')).status).toBe(404);
    // a unit head sees the rank of their own county among its peers, that row only
    const head = await scores('donghu.room1.head', 'period=2019-01&level=county');
    expect(head.status).toBe(200);
    expect(head.body.rows.map((r) => [r.rank, r.regionCode, r.score])).toEqual([[2, DONGHU, null]]);
    // a handler gets nothing
    expect((await scores('donghu.room1', 'period=2019-01&level=township')).status).toBe(403);
    expect((await close('donghu.room1', '2019-01')).status).toBe(403);
    // nor does a county supervisor close a month
    expect((await close('donghu.supervisor', '2019-03', 'zh-CN')).body.message).toContain('仅限市级督查人员或系统管理员');

    // periods that are not months are refused
    for (const query of ['period=2019-13&level=county', 'period=x&level=county', 'level=county', 'period=2019-01&level=village', 'period=2019-01']) {
      const refused = await scores('city.supervisor', query);
      expect([query, refused.status]).toEqual([query, 400]);
    }
    for (const period of ['2019-1', '', 201901, null]) expect([period, (await close('city.supervisor', period)).status]).toEqual([period, 400]);
    // and so are the current and a future month, with a message
    const current = await close('city.supervisor', periodOf(new Date()), 'zh-CN');
    expect(current.status).toBe(400);
    expect(current.body.message).toContain('尚未结束');
    expect((await close('city.supervisor', '2999-12')).status).toBe(400);
  });
});

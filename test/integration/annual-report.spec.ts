import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopesOfUnit } from '../../src/assessment/assessment-scopes';
import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login, stackInfo } from '../support/harness';
import { dbTime } from '../support/statutory-clock';

/**
 * 信访工作年度报告 (Art. 41) of 青山县 (990121) for 2019, on scenario data written straight into the
 * database with answers counted by hand: petitions received in 2019 (China time) in the county and
 * below, with some just outside the year or the county that must not count; their reviews; and
 * assessment facts with their tallies in 2019-04…12.
 *
 * scores.spec.ts writes tallies of 青山县 for 2019-01 and 2019-02 (the same stack, maybe at the same
 * time), to units this file leaves alone: the KPIs it touches (timely acceptance, on-time closure,
 * ratings, supervision notices, overdue) are checked month by month here, and the year as the sum of
 * its months; every other figure is checked as an exact number.
 */
const REGION = '990121';
const YEAR = 2019;
const ROOM1 = '990121-handling-room-1';
const ROOM2 = '990121-handling-room-2';
const HOUSING = '990121-dept-housing';
const QINGSHAN_TOWN = '990121100-petition-office'; // 青山镇信访调处室
const id = (n: number) => `a2019000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const china = (local: string) => new Date(`${local}+08:00`);

interface PetitionRow {
  n: number;
  category: string;
  channel: string;
  entryLevel: string | null;
  regionCode: string;
  receivedAt: string;
  status: string;
  decision?: string;
  replyOutcome?: string;
  repliedAt?: string;
  concludedAt?: string;
  levelSkip?: boolean;
  personCount?: number;
  subject: string;
}

const ACCUSATION_SUBJECT = '举报某局长贪污受贿';
const ID_NUMBER = '110101199003074512';

const PETITIONS: PetitionRow[] = [
  // In 青山县 and in 2019 (China time): 7 petitions.
  { n: 1, category: 'complaint', channel: 'visit', entryLevel: 'county', regionCode: '990121100201', receivedAt: '2019-03-05T10:00:00', status: 'under-review', decision: 'accept', replyOutcome: 'explain', repliedAt: '2019-04-20T10:00:00', subject: '青山村小区物业拒不维修电梯' },
  { n: 2, category: 'complaint', channel: 'letter', entryLevel: 'county', regionCode: '990121', receivedAt: '2019-03-20T09:00:00', status: 'concluded', decision: 'accept', replyOutcome: 'reject', repliedAt: '2019-04-10T09:00:00', concludedAt: '2019-07-01T09:00:00', levelSkip: true, subject: '反映物业乱收费问题，联系电话13812345678' },
  { n: 3, category: 'complaint', channel: 'visit', entryLevel: 'township', regionCode: '990121100', receivedAt: '2019-05-10T15:00:00', status: 'handling', decision: 'accept', personCount: 12, subject: '桃源村物业公司违规收费' },
  { n: 4, category: 'complaint', channel: 'online', entryLevel: 'village', regionCode: '990121100202', receivedAt: '2019-05-15T08:00:00', status: 'declined', decision: 'decline', subject: `身份证号${ID_NUMBER}征地补偿款未发放` },
  { n: 5, category: 'suggestion', channel: 'online', entryLevel: 'county', regionCode: '990121', receivedAt: '2019-08-01T11:00:00', status: 'replied', decision: 'accept', replyOutcome: 'support', repliedAt: '2019-09-01T11:00:00', subject: '建议增设路灯' },
  // The last half hour of the year in China time (15:30 UTC on 31 December); no entry tier recorded.
  { n: 6, category: 'suggestion', channel: 'phone', entryLevel: null, regionCode: '990121200', receivedAt: '2019-12-31T23:30:00', status: 'diverted', decision: 'divert-legal', subject: '建议修缮村道并增设路灯' },
  { n: 7, category: 'accusation', channel: 'letter', entryLevel: 'county', regionCode: '990121', receivedAt: '2019-05-02T10:00:00', status: 'handling', decision: 'accept', subject: ACCUSATION_SUBJECT },
  // Outside: 2018 in China time (but 2018-12-31 15:00 UTC), 2020 in China time (but 2019-12-31 16:30 UTC), another county, an older year.
  { n: 8, category: 'complaint', channel: 'visit', entryLevel: 'county', regionCode: '990121200201', receivedAt: '2018-12-31T23:00:00', status: 'handling', decision: 'accept', levelSkip: true, subject: '石门村物业停水' },
  { n: 9, category: 'complaint', channel: 'visit', entryLevel: 'county', regionCode: '990121200201', receivedAt: '2020-01-01T00:30:00', status: 'handling', decision: 'accept', personCount: 30, subject: '石门村物业停水' },
  { n: 10, category: 'complaint', channel: 'visit', entryLevel: 'county', regionCode: '990102', receivedAt: '2019-06-01T10:00:00', status: 'reviewed', decision: 'accept', replyOutcome: 'explain', repliedAt: '2019-06-02T10:00:00', subject: '湖滨物业垃圾清运不及时' },
  { n: 11, category: 'complaint', channel: 'letter', entryLevel: 'county', regionCode: '990121', receivedAt: '2018-06-01T10:00:00', status: 'reviewed', decision: 'accept', replyOutcome: 'explain', repliedAt: '2018-11-30T10:00:00', subject: '石门村物业停水' },
];

type Review = [petition: number, stage: 'review' | 're-review', requestedAt: string, decidedAt: string | null, outcome: string | null];
const REVIEWS: Review[] = [
  [1, 'review', '2019-05-01T10:00:00', null, null], // requested in 2019, no opinion yet
  [2, 'review', '2019-04-25T10:00:00', '2019-05-20T10:00:00', 'uphold'],
  [2, 're-review', '2019-05-30T10:00:00', '2019-06-25T10:00:00', 'uphold'],
  [11, 'review', '2018-12-20T10:00:00', '2019-01-10T10:00:00', 'change'], // requested in 2018, decided in 2019
  [10, 'review', '2019-06-05T10:00:00', '2019-06-20T10:00:00', 'revoke'], // 东湖区: not 青山县's
];

type Fact = [unitCode: string, period: string, metric: string, met: boolean, times: number];
const UNITS: Record<string, { level: string; chain: string[] }> = {
  [ROOM1]: { level: 'county', chain: [REGION, '990100'] },
  [ROOM2]: { level: 'county', chain: [REGION, '990100'] },
  [HOUSING]: { level: 'county', chain: [REGION, '990100'] },
  [QINGSHAN_TOWN]: { level: 'township', chain: ['990121100', REGION, '990100'] },
};
const FACTS: Fact[] = [
  [ROOM1, '2019-04', 'timely-acceptance', false, 2],
  [ROOM1, '2019-04', 'timely-acceptance', true, 1],
  [QINGSHAN_TOWN, '2019-04', 'received', true, 2],
  [ROOM1, '2019-05', 'on-time-closure', false, 3],
  [ROOM1, '2019-05', 'on-time-closure', true, 1],
  [ROOM1, '2019-06', 'transferred', false, 1],
  [ROOM2, '2019-07', 'returned', false, 2],
  [ROOM2, '2019-08', 'timely-acceptance', false, 3],
  [ROOM2, '2019-08', 'timely-acceptance', true, 1],
  [QINGSHAN_TOWN, '2019-09', 'routed', false, 1],
  [QINGSHAN_TOWN, '2019-09', 'routed', true, 2],
  [HOUSING, '2019-10', 'on-time-closure', true, 2],
  [QINGSHAN_TOWN, '2019-12', 'received', true, 1],
];

async function seed(db: TestDatabase): Promise<void> {
  for (const p of PETITIONS) {
    const at = (local?: string) => (local ? dbTime(china(local)) : null);
    await db.query(
      `INSERT INTO "petition" ("id", "number", "queryCodeHash", "channel", "category", "matterScope", "subject", "content", "regionCode", "receivingUnitCode",
        "registeredBy", "competentUnitCode", "status", "receivedAt", "registeredAt", "decision", "decidedAt", "replyOutcome", "repliedAt", "concludedAt",
        "entryLevel", "levelSkip", "collective", "personCount")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id(p.n),
        `XF-AR${YEAR}-${String(p.n).padStart(4, '0')}`,
        'annual-report-spec',
        p.channel,
        p.category,
        'county',
        p.subject,
        '年度报告测试',
        p.regionCode,
        p.regionCode.startsWith('990102') ? '990102-petition-office' : '990121-petition-office',
        'annual-report-spec',
        p.category === 'accusation' ? '990121-discipline' : ROOM1,
        p.status,
        at(p.receivedAt),
        at(p.receivedAt),
        p.decision ?? null,
        p.decision ? at(p.receivedAt) : null,
        p.replyOutcome ?? null,
        at(p.repliedAt),
        at(p.concludedAt),
        p.entryLevel,
        p.levelSkip ? 1 : 0,
        (p.personCount ?? 1) >= 5 ? 1 : 0,
        p.personCount ?? 1,
      ],
    );
  }
  for (const [n, stage, requestedAt, decidedAt, outcome] of REVIEWS) {
    await db.query(
      `INSERT INTO "petition_review" ("id", "petitionId", "replyRound", "stage", "reasons", "channel", "requestedBy", "requestedAt", "reviewedUnitCode",
        "reviewingUnitCode", "openedAt", "outcome", "opinion", "decidedBy", "decidedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        id(n),
        1,
        stage,
        '不服处理意见',
        'online',
        'public',
        dbTime(china(requestedAt)),
        ROOM1,
        '990100-petition-office',
        dbTime(china(requestedAt)),
        outcome,
        outcome ? '复查意见' : null,
        outcome ? 'city.handler' : null,
        decidedAt ? dbTime(china(decidedAt)) : null,
      ],
    );
  }
  // The facts and their tallies, as AssessmentLedger.record writes them (every scope of the unit).
  const tallies = new Map<string, { scope: string; period: string; metric: string; met: number; total: number }>();
  for (const [unitCode, period, metric, met, times] of FACTS) {
    for (let i = 0; i < times; i++) {
      const doneAt = dbTime(china(`${period}-10T10:00:00`));
      await db.query(
        'INSERT INTO "assessment_fact" ("id", "petitionId", "unitCode", "metric", "met", "dueAt", "doneAt", "period", "recordedAt", "sourceKey") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), id(1 + (i % 7)), unitCode, metric, met ? 1 : 0, null, doneAt, period, doneAt, `annual-report-spec:${randomUUID()}`],
      );
      for (const scope of scopesOfUnit(unitCode, UNITS[unitCode].level as 'county', UNITS[unitCode].chain)) {
        const key = `${scope}|${period}|${metric}`;
        const tally = tallies.get(key) ?? { scope, period, metric, met: 0, total: 0 };
        tally.met += met ? 1 : 0;
        tally.total += 1;
        tallies.set(key, tally);
      }
    }
  }
  for (const { scope, period, metric, met, total } of tallies.values()) {
    await db.query('INSERT INTO "assessment_tally" ("scope", "period", "metric", "met", "total") VALUES (?, ?, ?, ?, ?)', [scope, period, metric, met, total]);
  }
}

interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

async function annual(who: string, query: string, lang = 'en') {
  return api('GET', `/api/reports/annual?${query}`, { token: await login(who), lang });
}

async function download(who: string, format: 'pdf' | 'xlsx', query: string) {
  const response = await fetch(`${stackInfo().apiUrl}/api/reports/annual.${format}?${query}`, { headers: { Authorization: `Bearer ${await login(who)}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The text of a PDF as poppler's pdftotext -layout reads it (what a person copying from the document gets). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ACCUSATION_WORDS = ['局长', '贪污', '受贿'];

describe('the annual report (信访工作年度报告, Art. 41)', () => {
  let db: TestDatabase;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let report: any;

  beforeAll(async () => {
    db = await openDatabase({ writable: true });
    await seed(db);
    const response = await annual('qingshan.supervisor', `regionCode=${REGION}&year=${YEAR}`);
    expect(response.status).toBe(200);
    report = response.body;
  });
  afterAll(() => db.close());

  it('totals the petitions received in the year in the county and below, by category, channel, entry tier, outcome and status', () => {
    expect(report).toMatchObject({ region: { code: REGION, name: '青山县', level: 'county' }, year: YEAR, from: '2019-01-01', to: '2019-12-31', complete: true });
    expect(report.months).toEqual(['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12']);
    const { petitions } = report;
    // 7: not the petition of 东湖区, not those of 2018-12-31 23:00 and 2020-01-01 00:30 China time
    expect(petitions.total).toBe(7);
    expect(petitions.byCategory).toEqual({ complaint: 4, suggestion: 2, accusation: 1 });
    expect(petitions.byChannel).toEqual({ letter: 2, visit: 2, online: 2, phone: 1, fax: 0, agent: 0 });
    expect(petitions.byEntryTier).toEqual({ city: 0, county: 4, township: 1, village: 1, unknown: 1 });
    expect(petitions.byOutcome).toEqual({ accepted: 5, declined: 1, diverted: 1, refused: 0, replied: 3, support: 1, explain: 1, reject: 1, concluded: 1, closed: 0 });
    expect(Object.fromEntries(Object.entries(petitions.byStatus).filter(([, n]) => n))).toEqual({ 'under-review': 1, concluded: 1, handling: 2, declined: 1, replied: 1, diverted: 1 });
    // March 2, May 3, August 1, and the last half hour of December 1
    expect(petitions.byMonth).toEqual([0, 0, 2, 0, 3, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('counts level-skipping and collective petitions, by month', () => {
    expect(report.levelSkip).toEqual({ total: 1, byMonth: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(report.collective).toEqual({ total: 1, persons: 12, byMonth: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] });
  });

  it('gives the KPIs of the year and each month from the tallies, “no data” as null, and the units with most overdue work', () => {
    const { year, trend } = report.kpis;
    const month = (name: string, m: number): Rate => trend.rates[name][m - 1];
    // months only this file writes: each rate with its parts
    expect(month('timelyAcceptance', 4)).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(month('onTimeClosure', 5)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(month('timelyReturn', 7)).toEqual({ numerator: 0, denominator: 2, rate: 0 });
    expect(month('timelyAcceptance', 8)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(month('timelyRouting', 9)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(month('onTimeClosure', 10)).toEqual({ numerator: 2, denominator: 2, rate: 1 });
    // a month with nothing measured has no data, never 0 %
    expect(Object.values(trend.rates).map((rates) => (rates as Rate[])[10].rate)).toEqual(Object.values(trend.rates).map(() => null));
    expect(trend.counts.overdue.slice(3)).toEqual([2, 3, 1, 2, 3, 1, 0, 0, 0]);
    expect(trend.counts.received.slice(3)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 1]);
    // the year is the sum of its months
    for (const name of Object.keys(trend.rates)) {
      const rates = trend.rates[name] as Rate[];
      expect([name, year.rates[name].numerator, year.rates[name].denominator]).toEqual([name, sum(rates.map((r) => r.numerator)), sum(rates.map((r) => r.denominator))]);
    }
    for (const name of Object.keys(trend.counts)) expect([name, year.counts[name]]).toEqual([name, sum(trend.counts[name])]);
    // and the figures no other file writes for 青山县 in 2019 are exact
    expect(year.rates.timelyRouting).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(year.rates.timelyReturn).toEqual({ numerator: 0, denominator: 2, rate: 0 });
    expect(year.rates.officeSatisfaction).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(year.rates.firstTimeResolution.rate).toBeNull();
    expect([year.counts.received, year.counts.transferred, year.counts.returned]).toEqual([3, 1, 2]);
    expect(report.kpis.formulas.onTimeClosure.name).toBe('按期办结率');

    // 第一办理室: 2 late acceptances, 3 late replies, 1 late transfer; 第二办理室: 2 late returns, 3 late acceptances; 青山镇: 1 late routing
    const units = report.overdueUnits as { code: string; name: string; overdue: number }[];
    expect(units.slice(0, 2)).toEqual([
      { code: ROOM1, name: '青山县信访接待办理中心第一办理室（城建国土）', level: 'county', overdue: 6 },
      { code: ROOM2, name: '青山县信访接待办理中心第二办理室（劳动社保）', level: 'county', overdue: 5 },
    ]);
    expect(units.find((u) => u.code === QINGSHAN_TOWN)).toMatchObject({ overdue: 1, level: 'township' });
    expect(units.find((u) => u.code === HOUSING)).toBeUndefined(); // on time: not listed
    expect(units.length).toBeLessThanOrEqual(10);
    expect(units.map((u) => u.overdue)).toEqual([...units.map((u) => u.overdue)].sort((a, b) => b - a));
  });

  it('finds the most frequent matters by category and by the words of their subjects, never from an accusation, never a number', () => {
    expect(report.matters.byCategory).toEqual([
      { category: 'complaint', count: 4 },
      { category: 'suggestion', count: 2 },
      { category: 'accusation', count: 1 },
    ]);
    // six subjects (the accusation's is not counted); 物业 in three of them, 增设 收费 路灯 in two each
    expect(report.matters.subjects).toBe(6);
    const words = report.matters.words as { word: string; count: number }[];
    expect(words.slice(0, 4)).toEqual([
      { word: '物业', count: 3 },
      { word: '增设', count: 2 },
      { word: '收费', count: 2 },
      { word: '路灯', count: 2 },
    ]);
    expect(words.slice(4).every((w) => w.count === 1)).toBe(true);
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['电梯', '补偿', '修缮']));
    // stop words, single characters, digits (an ID and a phone number were in the subjects) are no words
    for (const word of words.map((w) => w.word)) {
      expect([word, /[\dA-Za-z*]/.test(word) || [...word].length < 2 || ['反映', '问题', '建议'].includes(word)]).toEqual([word, false]);
    }
    const text = JSON.stringify(report);
    for (const secret of [...ACCUSATION_WORDS, ID_NUMBER, '13812345678']) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('counts reviews and re-reviews requested in the year and opinions given in it, by outcome', () => {
    expect(report.reviews).toEqual({
      review: { requested: 2, decided: 2, uphold: 1, change: 1, revoke: 0, pending: 1 },
      're-review': { requested: 1, decided: 1, uphold: 1, change: 0, revoke: 0, pending: 0 },
    });
  });

  it('prints the report as a PDF whose text holds the region, the year and the totals, and never an accusation’s words', async () => {
    const pdf = await download('qingshan.supervisor', 'pdf', `regionCode=${REGION}&year=${YEAR}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    expect(pdf.disposition).toBe(`attachment; filename="annual-report-${REGION}-${YEAR}.pdf"; filename*=UTF-8''${encodeURIComponent('青山县2019年度信访工作报告.pdf')}`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const layout = pdfText(pdf.bytes);
    const text = layout.replace(/\s+/g, '');
    expect(text).toContain('青山县2019年度信访工作报告');
    expect(text).toContain('全年登记信访事项7件');
    expect(text).toContain('申诉求决类4件、建议意见类2件、检举控告类1件');
    expect(text).toContain('集体访1件，越级访1件');
    expect(text).toContain('全年越级访1件，集体访1件（涉及12人次）');
    // the tables: a category with its count and share, a rate without data, the overdue units, the words, the reviews
    expect(text).toContain('申诉求决类457.1%');
    expect(text).toContain('合计7100.0%');
    expect(text).toMatch(/满意率（信访部门）无数据00/);
    expect(text).toContain('及时转送率66.7%23');
    expect(text).toContain('1青山县信访接待办理中心第一办理室（城建国土）县6');
    expect(text).toContain('1物业3');
    expect(text).toContain('复查22110');
    // the charts' titles and month labels are text too
    for (const label of ['各月登记信访事项（件）', '按类别（件）', '各月按期办结率', '12月']) expect(text).toContain(label);
    expect(layout).toMatch(/\f/); // more than one page
    for (const secret of [...ACCUSATION_WORDS, ID_NUMBER]) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('holds the same numbers in the workbook, one sheet per section', async () => {
    const xlsx = await download('qingshan.supervisor', 'xlsx', `regionCode=${REGION}&year=${YEAR}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(xlsx.disposition).toMatch(/^attachment; filename="annual-report-990121-2019\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '信访总量', '考核指标', '考核计数', '月度走势', '超期单位', '越级访与集体访', '集中事项', '高频词', '复查复核', '指标说明']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row, n) => n > 1 && out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const overview = new Map(rows('概况').map(([k, v]) => [k, v]));
    expect(overview.get('区域')).toBe('青山县');
    expect(overview.get('年度')).toBe(2019);
    expect(overview.get('全年登记信访事项')).toBe(7);
    expect(overview.get('统计起始日')).toEqual(new Date(Date.UTC(2019, 0, 1)));
    expect(overview.get('统计截止日')).toEqual(new Date(Date.UTC(2019, 11, 31)));
    const totals = new Map(rows('信访总量').map(([by, item, n]) => [`${by}/${item}`, n]));
    expect(totals.get('合计/全年登记信访事项')).toBe(7);
    expect([totals.get('类别/申诉求决类'), totals.get('类别/建议意见类'), totals.get('类别/检举控告类')]).toEqual([4, 2, 1]);
    expect([totals.get('渠道/来访'), totals.get('渠道/来信'), totals.get('渠道/网上信访'), totals.get('渠道/来电'), totals.get('渠道/传真')]).toEqual([2, 2, 2, 1, 0]);
    expect([totals.get('来访层级/县（区）级'), totals.get('来访层级/乡镇（街道）级'), totals.get('来访层级/村（社区）级'), totals.get('来访层级/未记录')]).toEqual([4, 1, 1, 1]);
    expect([totals.get('办理结果/受理'), totals.get('办理结果/不予受理'), totals.get('办理结果/已出具处理意见'), totals.get('办理结果/终结')]).toEqual([5, 1, 3, 1]);
    expect(totals.get('当前状态/办理中')).toBe(2);
    const rates = new Map(rows('考核指标').map(([name, ...rest]) => [name, rest]));
    expect(rates.get('及时转送率')).toEqual([2 / 3, 2, 3]);
    expect(rates.get('及时退回率')).toEqual([0, 0, 2]);
    expect(rates.get('满意率（信访部门）')).toEqual(['无数据', 0, 0]);
    const counts = new Map(rows('考核计数').map(([name, n]) => [name, n]));
    expect([counts.get('接收'), counts.get('转送交办'), counts.get('退回'), counts.get('超期')]).toEqual([3, 1, 2, report.kpis.year.counts.overdue]);
    const trend = rows('月度走势');
    expect(trend.map((r) => r[0])).toEqual(report.months.map((m: string) => new Date(`${m}-01T00:00:00Z`)));
    expect(trend.map((r) => r[1])).toEqual([0, 0, 2, 0, 3, 0, 0, 1, 0, 0, 0, 1]);
    expect(trend[4][3]).toBe(0.25); // 按期办结率 in May, the third rate column
    expect(trend[10][3]).toBe('无数据');
    expect(rows('超期单位').slice(0, 2)).toEqual([
      [1, ROOM1, '青山县信访接待办理中心第一办理室（城建国土）', '县', 6],
      [2, ROOM2, '青山县信访接待办理中心第二办理室（劳动社保）', '县', 5],
    ]);
    const skips = rows('越级访与集体访');
    expect(skips.slice(0, 12).map((r) => [r[1], r[2]])).toEqual(report.months.map((_: string, i: number) => [report.levelSkip.byMonth[i], report.collective.byMonth[i]]));
    expect(skips[12]).toEqual(['全年', 1, 1]);
    expect(rows('集中事项').map((r) => r.slice(0, 2))).toEqual([['申诉求决类', 4], ['建议意见类', 2], ['检举控告类', 1]]);
    expect(rows('高频词').slice(0, 2)).toEqual([[1, '物业', 3], [2, '增设', 2]]);
    expect(rows('复查复核')).toEqual([['复查', 2, 2, 1, 1, 0, 1], ['复核', 1, 1, 1, 0, 0, 0]]);
    const everything = JSON.stringify(workbook.worksheets.map((s) => s.getSheetValues()));
    for (const secret of ACCUSATION_WORDS) expect([secret, everything.includes(secret)]).toEqual([secret, false]);
  });

  it('audits both downloads', async () => {
    const auditor = await login('auditor');
    const entries = await eventually(
      async () => {
        const items = (await api('GET', '/api/audit?action=report.export&actor=qingshan.supervisor&maxResults=50', { token: auditor })).body.items as
          | { outcome: string; detail?: { report?: string; format?: string } }[]
          | undefined;
        const annualOnes = (items ?? []).filter((e) => e.outcome === 'success' && e.detail?.report === 'annual');
        return annualOnes.length >= 2 ? annualOnes : undefined;
      },
      { what: 'the two annual report downloads in the audit log' },
    );
    expect(new Set(entries.map((e) => e.detail!.format))).toEqual(new Set(['pdf', 'xlsx']));
    expect(entries[0]).toMatchObject({ action: 'report.export', resourceType: 'report', detail: { regionCode: REGION, year: YEAR } });
  });

  it('defaults to the supervisor’s own region, and lets the city’s supervisor read any county', async () => {
    const own = await annual('qingshan.supervisor', `year=${YEAR}`);
    expect(own.status).toBe(200);
    expect(own.body.region.code).toBe(REGION);
    expect(own.body.petitions.total).toBe(7);
    const city = await annual('city.supervisor', `regionCode=${REGION}&year=${YEAR}`);
    expect(city.status).toBe(200);
    expect(city.body.petitions.byCategory).toEqual(report.petitions.byCategory);
    // the city with everything below it: 青山县's seven and 东湖区's one
    const whole = await annual('city.supervisor', `year=${YEAR}`);
    expect(whole.body.region.code).toBe('990100');
    expect(whole.body.petitions.total).toBeGreaterThanOrEqual(8);
  });

  it('refuses a region out of reach (404), a caller who is not a supervisor (403) and a year that is not a past or current one (400), in the caller’s language', async () => {
    const elsewhere = await annual('donghu.supervisor', `regionCode=${REGION}&year=${YEAR}`, 'zh-CN');
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toContain('不在您的管辖范围内');
    expect(JSON.stringify(elsewhere.body)).not.toContain('青山县');
    const unknown = await annual('donghu.supervisor', `regionCode=999999&year=${YEAR}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('not within your reach');
    for (const format of ['pdf', 'xlsx'] as const) expect((await download('donghu.supervisor', format, `regionCode=${REGION}&year=${YEAR}`)).status).toBe(404);

    for (const who of ['qingshan.room1', 'qingshan.registrar', 'donghu.room1.head', 'auditor']) {
      expect([who, (await annual(who, `regionCode=${REGION}&year=${YEAR}`)).status]).toEqual([who, 403]);
    }
    expect((await download('qingshan.room1', 'pdf', `regionCode=${REGION}&year=${YEAR}`)).status).toBe(403);
    expect((await api('GET', `/api/reports/annual?year=${YEAR}`)).status).toBe(401);

    const future = await annual('qingshan.supervisor', `regionCode=${REGION}&year=2100`, 'zh-CN');
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('未来');
    expect((await annual('qingshan.supervisor', `regionCode=${REGION}&year=2100`, 'en')).body.message).toContain('future year');
    for (const year of ['1999', 'abc', '2019.5', '', '-1']) {
      expect([year, (await annual('qingshan.supervisor', `regionCode=${REGION}&year=${year}`)).status]).toEqual([year, 400]);
    }
    expect((await annual('qingshan.supervisor', `regionCode=${REGION}`)).status).toBe(400);
    expect((await download('qingshan.supervisor', 'pdf', `regionCode=${REGION}&year=2100`)).status).toBe(400);
  });
});

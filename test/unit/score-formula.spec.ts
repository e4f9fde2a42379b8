import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTS, kpisOf, RATES, type FactCount, type UnitKpis } from '../../src/kpis/kpi-formulas';
import { ranked, roundPoints, rulesOf, ScoreRule, scoreOf, ScoringTableError, type TableRow } from '../../src/scores/score-formula';

/**
 * The score of 目标管理考核 (src/scores/score-formula.ts), every answer computed by hand in the comment
 * next to it: score = 100 × Σ(weight × rate) / Σ(weight) over the rates with data − Σ(points × count),
 * not below 0, two decimals, null when no weighted rate has data.
 */
const WHERE = { 'zh-CN': '考核评分表（第 1 版）县（区）的规则', en: 'The rules of the scoring table (version 1) for tier county' };

/** The default table (processes/assessment-scoring.dmn). */
const DEFAULT: TableRow[] = [
  { indicator: 'timelyAcceptance', kind: 'weight', points: 30 },
  { indicator: 'onTimeClosure', kind: 'weight', points: 30 },
  { indicator: 'satisfaction', kind: 'weight', points: 20 },
  { indicator: 'ratingParticipation', kind: 'weight', points: 10 },
  { indicator: 'firstTimeResolution', kind: 'weight', points: 10 },
  { indicator: 'supervised', kind: 'deduction', points: 2 },
  { indicator: 'discipline-recommended', kind: 'deduction', points: 5 },
];

const facts = (...counts: [FactCount['metric'], number, number][]): UnitKpis => kpisOf(counts.map(([metric, met, all]) => ({ metric, met, all })));

describe('the score of a region', () => {
  const rules = rulesOf(DEFAULT, WHERE);

  it('weights the rates with data and takes off the deductions', () => {
    // timely acceptance 3/4 = 0.75, on-time closure 1/2 = 0.5, satisfaction 1/2 = 0.5,
    // rating participation 2 rated / (2 rated + 2 lapsed) = 0.5, first-time resolution 1/1 = 1;
    // 1 supervision notice, 1 disciplinary recommendation
    const kpis = facts(
      ['timely-acceptance', 3, 4],
      ['on-time-closure', 1, 2],
      ['rated', 1, 2],
      ['rating-lapsed', 0, 2],
      ['concluded', 1, 1],
      ['supervised', 1, 1],
      ['discipline-recommended', 1, 1],
    );
    // 100 × (30×0.75 + 30×0.5 + 20×0.5 + 10×0.5 + 10×1) / 100 − 2×1 − 5×1 = 62.5 − 7 = 55.5
    expect(scoreOf(rules, kpis).score).toBe(55.5);
  });

  it('leaves a rate without data out of both sums, and gives the parts it was computed from', () => {
    // no concluded matter: first-time resolution has no data and its weight 10 drops out
    const kpis = facts(['timely-acceptance', 3, 4], ['on-time-closure', 1, 2], ['rated', 1, 2], ['rating-lapsed', 0, 2], ['supervised', 1, 1]);
    // 100 × (22.5 + 15 + 10 + 5) / 90 − 2 = 58.333… − 2 = 56.33
    const { score, parts } = scoreOf(rules, kpis);
    expect(score).toBe(56.33);
    expect(parts).toEqual([
      { indicator: 'timelyAcceptance', kind: 'weight', points: 30, value: 0.75 },
      { indicator: 'onTimeClosure', kind: 'weight', points: 30, value: 0.5 },
      { indicator: 'satisfaction', kind: 'weight', points: 20, value: 0.5 },
      { indicator: 'ratingParticipation', kind: 'weight', points: 10, value: 0.5 },
      { indicator: 'firstTimeResolution', kind: 'weight', points: 10, value: null },
      { indicator: 'supervised', kind: 'deduction', points: 2, value: 1 },
      { indicator: 'discipline-recommended', kind: 'deduction', points: 5, value: 0 },
    ]);
  });

  it('has no score, not 0, when no weighted rate has data, whatever was deducted', () => {
    expect(scoreOf(rules, facts()).score).toBeNull();
    expect(scoreOf(rules, facts(['supervised', 3, 3], ['received', 5, 5])).score).toBeNull();
  });

  it('gives 100 to a region whose only measured rate is perfect', () => {
    // 100 × (30 × 1) / 30 = 100
    expect(scoreOf(rules, facts(['timely-acceptance', 1, 1])).score).toBe(100);
  });

  it('gives 0 to a region whose deductions exceed its points, not a negative score', () => {
    // 100 × 0.5 − 2 × 30 = −10 → 0
    expect(scoreOf(rules, facts(['timely-acceptance', 1, 2], ['supervised', 30, 30])).score).toBe(0);
  });

  it('rounds to two decimals', () => {
    // 100 × 2/3 = 66.666… → 66.67; 100 × 1/3 = 33.333… → 33.33
    expect(scoreOf(rules, facts(['timely-acceptance', 2, 3])).score).toBe(66.67);
    expect(scoreOf(rules, facts(['timely-acceptance', 1, 3])).score).toBe(33.33);
    // half-way cases a binary float would round down: 0.125 → 0.13, 1.005 → 1.01
    expect(roundPoints(0.125)).toBe(0.13);
    expect(roundPoints(1.005)).toBe(1.01);
  });

  it('follows a table with other weights: the same month scores differently', () => {
    // timely acceptance weighted 60, a supervision notice costs 4:
    // 100 × (60×0.75 + 30×0.5 + 20×0.5 + 10×0.5) / 120 − 4 = 62.5 − 4 = 58.5 (56.33 with the default table)
    const heavier = rulesOf(
      DEFAULT.map((row) =>
        row.indicator === 'timelyAcceptance' ? { ...row, points: 60 } : row.indicator === 'supervised' ? { ...row, points: 4 } : row,
      ),
      WHERE,
    );
    const kpis = facts(['timely-acceptance', 3, 4], ['on-time-closure', 1, 2], ['rated', 1, 2], ['rating-lapsed', 0, 2], ['supervised', 1, 1]);
    expect(scoreOf(heavier, kpis).score).toBe(58.5);
  });

  it('deducts for any count, overdue work included', () => {
    const withOverdue: ScoreRule[] = [...rules, { indicator: 'overdue', kind: 'deduction', points: 1.5 }];
    // 100 × 0.5 (timely acceptance 1/2) − 1.5 × 1 late acceptance = 48.5
    expect(scoreOf(withOverdue, facts(['timely-acceptance', 1, 2])).score).toBe(48.5);
  });
});

describe('the rules of the table', () => {
  it('takes the default table as it is', () => {
    expect(rulesOf(DEFAULT, WHERE)).toEqual(DEFAULT);
  });

  const refused = (rows: TableRow[]) => {
    try {
      rulesOf(rows, WHERE);
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringTableError);
      return (error as ScoringTableError).messages;
    }
    throw new Error('the rules were not refused');
  };

  it('refuses an unknown indicator, naming it, the version and tier, in both languages', () => {
    const messages = refused([...DEFAULT, { indicator: 'timelyAcceptence', kind: 'weight', points: 10 }]);
    expect(messages['zh-CN']).toContain('指标「timelyAcceptence」不是已知的考核指标');
    expect(messages['zh-CN']).toContain('第 1 版');
    expect(messages['zh-CN']).toContain('部署新版本');
    expect(messages.en).toContain('indicator "timelyAcceptence" is not a known indicator');
    expect(messages.en).toContain('tier county');
  });

  it.each([
    ['a weight on a count', { indicator: 'supervised', kind: 'weight', points: 10 }, 'is a count'],
    ['a deduction on a rate', { indicator: 'satisfaction', kind: 'deduction', points: 1 }, 'is a rate'],
    ['an unknown kind', { indicator: 'repeatRate', kind: 'bonus', points: 1 }, 'must be weight or deduction'],
    ['a weight of 0', { indicator: 'repeatRate', kind: 'weight', points: 0 }, 'a weight must be above 0'],
    ['a negative deduction', { indicator: 'reminded', kind: 'deduction', points: -1 }, 'a deduction not below 0'],
    ['points that are text', { indicator: 'reminded', kind: 'deduction', points: '2' }, 'has points "2"'],
    ['missing points', { indicator: 'reminded', kind: 'deduction' }, 'has points "undefined"'],
    ['an indicator named twice', { indicator: 'timelyAcceptance', kind: 'weight', points: 5 }, 'named more than once'],
  ])('refuses %s', (_what, row, text) => {
    expect(refused([...DEFAULT, row as TableRow]).en).toContain(text);
  });

  it('reports every problem at once', () => {
    const messages = refused([{ indicator: 'x', kind: 'weight', points: 1 }, { indicator: 'y', kind: 'weight', points: 1 }]);
    expect(messages.en).toContain('"x"');
    expect(messages.en).toContain('"y"');
  });
});

describe('the ranking', () => {
  it('ranks by score, shares a rank on a tie and skips the next, and puts regions without a score last', () => {
    const rows = [
      { code: 'd', score: null },
      { code: 'a', score: 80 },
      { code: 'b', score: 92.5 },
      { code: 'c', score: 80 },
      { code: 'e', score: 0 },
      { code: 'f', score: null },
    ];
    expect(ranked(rows, (r) => r.code).map((r) => [r.code, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['e', 4],
      ['d', 5],
      ['f', 5],
    ]);
  });
});

describe('processes/assessment-scoring.dmn', () => {
  const dmn = readFileSync(join(__dirname, '../../processes/assessment-scoring.dmn'), 'utf8');
  const texts = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>\\s*<text>([^<]*)</text>`, 'g'))].map((m) => m[1].trim());

  it('is the decision assessment-scoring with the COLLECT hit policy, read by tier', () => {
    expect(dmn).toContain('<decision id="assessment-scoring" name="考核评分表"');
    expect(dmn).toMatch(/hitPolicy="COLLECT"/);
    expect(dmn).toMatch(/camunda:historyTimeToLive="\d+"/);
    expect(texts(dmn, 'inputExpression')).toEqual(['tier']);
    expect([...dmn.matchAll(/<output [^>]*name="(\w+)"/g)].map((m) => m[1])).toEqual(['indicator', 'kind', 'points']);
  });

  it('holds the default rules, for every tier, each one the formula accepts', () => {
    const rules = [...dmn.matchAll(/<rule id="[^"]+">([\s\S]*?)<\/rule>/g)].map((m) => {
      const [tier] = texts(m[1], 'inputEntry');
      const [indicator, kind, points] = texts(m[1], 'outputEntry');
      return { tier, row: { indicator: JSON.parse(indicator), kind: JSON.parse(kind), points: Number(points) } };
    });
    expect(rules.map((r) => r.tier)).toEqual(rules.map(() => '-'));
    expect(rulesOf(rules.map((r) => r.row), WHERE)).toEqual(DEFAULT);
  });

  it('offers the modeler exactly the indicators the code scores', () => {
    const [indicators] = texts(dmn, 'outputValues');
    expect(JSON.parse(`[${indicators}]`)).toEqual([...Object.keys(RATES), ...COUNTS, 'overdue']);
  });
});

import { COUNTS, RATES, type CountName, type RateName, type UnitKpis } from '../kpis/kpi-formulas';

/**
 * The score of 目标管理考核, from a region's KPIs of a month and the rules of the scoring table
 * (processes/assessment-scoring.dmn) for its tier. Pure: no engine, no database, no clock, so that
 * every answer can be computed by hand in test/unit/score-formula.spec.ts.
 *
 *   score = 100 × Σ(weight × rate) / Σ(weight)   over the weighted rates that have data
 *           − Σ(points × count)                  over the deductions
 *   not below 0, rounded to 2 decimals; null when no weighted rate has data ("no data", never 0).
 *
 * A rate without data drops out of both sums, so a unit is not punished (nor rewarded) for what
 * nothing measured; the remaining weights are rescaled to 100.
 */

export const SCORE_KINDS = ['weight', 'deduction'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

/** One rule of the table, checked: a weight names a rate, a deduction a count. */
export interface ScoreRule {
  indicator: RateName | CountName;
  kind: ScoreKind;
  points: number;
}

/** One rule applied to one region: `value` is the rate (0–1) of a weight, the count of a deduction; null: no data. */
export interface ScorePart {
  indicator: string;
  kind: ScoreKind;
  points: number;
  value: number | null;
}

export interface Score {
  score: number | null;
  parts: ScorePart[];
}

type Messages = { 'zh-CN': string; en: string };

/**
 * The scoring table names something the code cannot score. The process administrator fixes the
 * table in the modeler and deploys a new version; the message says what and where, in both languages.
 */
export class ScoringTableError extends Error {
  constructor(readonly messages: Messages) {
    super(`${messages.en} / ${messages['zh-CN']}`);
    this.name = 'ScoringTableError';
  }
}

const RATE_NAMES = Object.keys(RATES) as RateName[];
const COUNT_NAMES: CountName[] = [...COUNTS, 'overdue'];

const isRate = (name: string): name is RateName => (RATE_NAMES as string[]).includes(name);
const isCount = (name: string): name is CountName => (COUNT_NAMES as string[]).includes(name);

/** What the table's rows say, as the engine answered (outputs by name; anything may be missing or mistyped). */
export type TableRow = Partial<Record<'indicator' | 'kind' | 'points', unknown>>;

/**
 * The rules of one tier, checked. Every problem is reported at once, so that the administrator fixes
 * the table in one go: an unknown indicator, a kind other than weight or deduction, a weight on a
 * count or a deduction on a rate, points that are not a number (a weight must be above 0, a deduction
 * not below 0), an indicator named twice for the tier (two matching rules would count it twice).
 * `where` names the table version and tier in the message.
 */
export function rulesOf(rows: readonly TableRow[], where: Messages): ScoreRule[] {
  const problems: Messages[] = [];
  const rules: ScoreRule[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const indicator = typeof row.indicator === 'string' ? row.indicator : String(row.indicator ?? '');
    const kind = typeof row.kind === 'string' ? row.kind : String(row.kind ?? '');
    const points = typeof row.points === 'number' ? row.points : Number.NaN;
    if (!isRate(indicator) && !isCount(indicator)) {
      problems.push({
        'zh-CN': `指标「${indicator}」不是已知的考核指标（比率：${RATE_NAMES.join('、')}；计数：${COUNT_NAMES.join('、')}）`,
        en: `indicator "${indicator}" is not a known indicator (rates: ${RATE_NAMES.join(', ')}; counts: ${COUNT_NAMES.join(', ')})`,
      });
      continue;
    }
    if (kind !== 'weight' && kind !== 'deduction') {
      problems.push({ 'zh-CN': `指标「${indicator}」的计分方式「${kind}」应为 weight 或 deduction`, en: `indicator "${indicator}" has kind "${kind}", which must be weight or deduction` });
      continue;
    }
    if (kind === 'weight' && !isRate(indicator)) {
      problems.push({ 'zh-CN': `「${indicator}」是计数，只能扣分（deduction），不能加权`, en: `"${indicator}" is a count: it can be a deduction, not a weight` });
      continue;
    }
    if (kind === 'deduction' && !isCount(indicator)) {
      problems.push({ 'zh-CN': `「${indicator}」是比率，只能加权（weight），不能按次扣分`, en: `"${indicator}" is a rate: it can be a weight, not a deduction` });
      continue;
    }
    if (!Number.isFinite(points) || (kind === 'weight' ? points <= 0 : points < 0)) {
      problems.push({
        'zh-CN': `指标「${indicator}」的分值「${String(row.points)}」无效（权重须大于 0，扣分不得小于 0）`,
        en: `indicator "${indicator}" has points "${String(row.points)}" (a weight must be above 0, a deduction not below 0)`,
      });
      continue;
    }
    if (seen.has(indicator)) {
      problems.push({ 'zh-CN': `指标「${indicator}」出现了不止一次`, en: `indicator "${indicator}" is named more than once` });
      continue;
    }
    seen.add(indicator);
    rules.push({ indicator, kind, points });
  }
  if (problems.length > 0) {
    throw new ScoringTableError({
      'zh-CN': `${where['zh-CN']}有误：${problems.map((p) => p['zh-CN']).join('；')}。请在流程建模器中修改评分表并部署新版本`,
      en: `${where.en} is wrong: ${problems.map((p) => p.en).join('; ')}. Correct the table in the modeler and deploy a new version`,
    });
  }
  return rules;
}

/** The score of one region from its KPIs through checked rules, with the parts a reader checks it by. */
export function scoreOf(rules: readonly ScoreRule[], kpis: UnitKpis): Score {
  const parts: ScorePart[] = rules.map((rule) => ({
    indicator: rule.indicator,
    kind: rule.kind,
    points: rule.points,
    value: rule.kind === 'weight' ? kpis.rates[rule.indicator as RateName].rate : kpis.counts[rule.indicator as CountName],
  }));
  const measured = parts.filter((part) => part.kind === 'weight' && part.value !== null);
  if (measured.length === 0) return { score: null, parts };
  const weights = measured.reduce((sum, part) => sum + part.points, 0);
  const weighted = measured.reduce((sum, part) => sum + part.points * part.value!, 0);
  const deducted = parts.filter((part) => part.kind === 'deduction').reduce((sum, part) => sum + part.points * (part.value ?? 0), 0);
  return { score: roundPoints(Math.max(0, (100 * weighted) / weights - deducted)), parts };
}

/**
 * Two decimals, half away from zero on the decimal value a reader sees (66.665 → 66.67): the
 * binary float of 100 × 2/3 − … is off by a few ulps, which the relative nudge absorbs.
 */
export function roundPoints(value: number): number {
  const rounded = Math.round(value * 100 * (1 + Number.EPSILON)) / 100;
  return rounded === 0 ? 0 : rounded;
}

/**
 * Ranks by score, highest first; equal scores share a rank and the next rank skips (1, 2, 2, 4);
 * regions without a score come last, sharing the rank after the last scored one. Ties keep `key` order.
 */
export function ranked<T extends { score: number | null }>(rows: readonly T[], key: (row: T) => string): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.score === b.score) return key(a).localeCompare(key(b));
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  });
  return sorted.map((row, index) => {
    const first = sorted.findIndex((other) => other.score === row.score);
    return { ...row, rank: (first === -1 ? index : first) + 1 };
  });
}

import type { AssessmentMetric } from '../assessment/assessment-fact.entity';

/** How often a metric's facts of a scope and period met their limit: `met` of `all`. */
export interface FactCount {
  metric: AssessmentMetric;
  met: number;
  all: number;
}

/** A rate as its parts, so that a reader can check it and drill into either; null when nothing was measured ("no data", never 0 or 100 %). */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** The facts of one scope and period, by metric. */
interface Tally {
  met(metric: AssessmentMetric): number;
  all(metric: AssessmentMetric): number;
}

interface RateDefinition {
  name: string;
  /** The facts a reader drills into to see the cases behind the figure. */
  metric: AssessmentMetric;
  formula: string;
  source: string;
  parts(t: Tally): [numerator: number, denominator: number];
}

/**
 * The rates a unit is assessed on (目标管理考核), each with its formula and where it comes from. The
 * README lists the same; both are read from here.
 */
export const RATES = {
  timelyAcceptance: {
    name: '及时受理率',
    metric: 'timely-acceptance',
    formula: 'acceptance decisions (accept, decline, divert) made within the acceptance limit / all acceptance decisions',
    source: '信访工作条例 第二十三条 (15 days to decide on acceptance)',
    parts: (t) => [t.met('timely-acceptance'), t.all('timely-acceptance')],
  },
  onTimeClosure: {
    name: '按期办结率',
    metric: 'on-time-closure',
    formula: 'replies given by the handling deadline, an approved extension counted / all replies',
    source: '信访工作条例 第三十四条 (60 days, extended once by at most 30)',
    parts: (t) => [t.met('on-time-closure'), t.all('on-time-closure')],
  },
  timelyRouting: {
    name: '及时转送率',
    metric: 'routed',
    formula: 'registered matters routed within 15 days of registration / all routed',
    source: '信访工作条例 第二十二条',
    parts: (t) => [t.met('routed'), t.all('routed')],
  },
  timelyReturn: {
    name: '及时退回率',
    metric: 'returned',
    formula: 'matters returned for lack of competence within 5 working days of receipt / all returned',
    source: '信访工作条例 第二十三条',
    parts: (t) => [t.met('returned'), t.all('returned')],
  },
  ratingParticipation: {
    name: '参评率（责任单位）',
    metric: 'rated',
    formula: "replies of the unit the petitioner rated / replies whose rating window closed (rated + 未评价)",
    source: '信访工作条例 第三十三条; 国家信访信息系统 满意度评价',
    parts: (t) => [t.all('rated'), t.all('rated') + t.all('rating-lapsed')],
  },
  satisfaction: {
    name: '满意率（责任单位）',
    metric: 'rated',
    formula: 'ratings of the handling unit that are 满意 or 基本满意 / ratings of the handling unit',
    source: '国家信访信息系统 满意度评价',
    parts: (t) => [t.met('rated'), t.all('rated')],
  },
  officeRatingParticipation: {
    name: '参评率（信访部门）',
    metric: 'office-rated',
    formula: 'replies whose petition office the petitioner rated / replies on matters the office took in whose rating window closed',
    source: '国家信访信息系统 满意度评价',
    parts: (t) => [t.all('office-rated'), t.all('office-rated') + t.all('office-rating-lapsed')],
  },
  officeSatisfaction: {
    name: '满意率（信访部门）',
    metric: 'office-rated',
    formula: 'ratings of the petition office that are 满意 or 基本满意 / ratings of the petition office',
    source: '国家信访信息系统 满意度评价',
    parts: (t) => [t.met('office-rated'), t.all('office-rated')],
  },
  repeatRate: {
    name: '重复信访率',
    metric: 'repeated',
    formula: 'petitions registered on a matter the unit handled before / replies the unit gave',
    source: '信访工作条例 第三十一条 (重复信访); counted for the unit that handled the earlier case',
    parts: (t) => [t.all('repeated'), t.all('on-time-closure')],
  },
  firstTimeResolution: {
    name: '一次性化解率',
    metric: 'concluded',
    formula: 'matters of the unit concluded without a review or re-review / matters of the unit concluded',
    source: '信访工作条例 第三十五、三十六条',
    parts: (t) => [t.met('concluded'), t.all('concluded')],
  },
} as const satisfies Record<string, RateDefinition>;

export type RateName = keyof typeof RATES;

/** The limits a late step counts as overdue work (超期) against: the step outcomes, not the clocks' own reminders. */
export const OVERDUE_METRICS = ['routed', 'transferred', 'returned', 'timely-acceptance', 'on-time-closure'] as const satisfies readonly AssessmentMetric[];

/** The counts shown beside the rates: how many facts of each metric the scope has in the period. */
export const COUNTS = [
  'received',
  'accepted',
  'declined',
  'diverted',
  'transferred',
  'returned',
  'referred',
  'dispute-decided',
  'extended',
  'review-decided',
  'reply-revoked',
  'reminded',
  'supervised',
  'discipline-recommended',
  'level-skip',
  'collective',
  'repeated',
] as const satisfies readonly AssessmentMetric[];

/** Counts derived from the facts: `overdue` is every step done after its limit (OVERDUE_METRICS). */
export type CountName = (typeof COUNTS)[number] | 'overdue';

export interface UnitKpis {
  rates: Record<RateName, Rate>;
  counts: Record<CountName, number>;
}

export function rateOf(met: number, all: number): Rate {
  return { numerator: met, denominator: all, rate: all === 0 ? null : met / all };
}

/** The KPIs of one scope from the counts of its facts (metrics without facts count 0, rates without facts have no data). */
export function kpisOf(counts: readonly FactCount[]): UnitKpis {
  const byMetric = new Map<AssessmentMetric, { met: number; all: number }>();
  for (const count of counts) {
    const seen = byMetric.get(count.metric) ?? { met: 0, all: 0 };
    byMetric.set(count.metric, { met: seen.met + count.met, all: seen.all + count.all });
  }
  const tally: Tally = { met: (m) => byMetric.get(m)?.met ?? 0, all: (m) => byMetric.get(m)?.all ?? 0 };
  const rates = Object.fromEntries(
    (Object.keys(RATES) as RateName[]).map((name) => {
      const [numerator, denominator] = RATES[name].parts(tally);
      return [name, rateOf(numerator, denominator)];
    }),
  ) as Record<RateName, Rate>;
  const tallied = Object.fromEntries(COUNTS.map((metric) => [metric, tally.all(metric)])) as Record<CountName, number>;
  tallied.overdue = OVERDUE_METRICS.reduce((sum, metric) => sum + tally.all(metric) - tally.met(metric), 0);
  return { rates, counts: tallied };
}

/** The rates as the API describes them: name, formula, source and the metric behind each (no functions). */
export function rateDescriptions(): Record<RateName, { name: string; formula: string; source: string; metric: AssessmentMetric }> {
  return Object.fromEntries(
    (Object.entries(RATES) as [RateName, RateDefinition][]).map(([key, { name, formula, source, metric }]) => [key, { name, formula, source, metric }]),
  ) as Record<RateName, { name: string; formula: string; source: string; metric: AssessmentMetric }>;
}

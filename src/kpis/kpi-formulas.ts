import type { AssessmentMetric } from '../assessment/assessment-fact.entity';

/** How often a metric's facts of a unit and period met their limit: `met` of `all`. */
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
  },
  onTimeClosure: {
    name: '按期办结率',
    metric: 'on-time-closure',
    formula: 'replies given by the handling deadline, an approved extension counted / all replies',
    source: '信访工作条例 第三十四条 (60 days, extended once by at most 30)',
  },
  timelyRouting: {
    name: '及时转送率',
    metric: 'routed',
    formula: 'registered matters routed within 15 days of registration / all routed',
    source: '信访工作条例 第二十二条',
  },
  timelyReturn: {
    name: '及时退回率',
    metric: 'returned',
    formula: 'matters returned for lack of competence within 5 working days of receipt / all returned',
    source: '信访工作条例 第二十三条',
  },
} as const satisfies Record<string, { name: string; metric: AssessmentMetric; formula: string; source: string }>;

export type RateName = keyof typeof RATES;

/** The counts shown beside the rates: how many facts of each metric the unit has in the period. */
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
] as const satisfies readonly AssessmentMetric[];

export type CountName = (typeof COUNTS)[number];

export interface UnitKpis {
  rates: Record<RateName, Rate>;
  counts: Record<CountName, number>;
}

export function rateOf(met: number, all: number): Rate {
  return { numerator: met, denominator: all, rate: all === 0 ? null : met / all };
}

/** The KPIs of one unit from the counts of its facts (metrics without facts count 0, rates without facts have no data). */
export function kpisOf(counts: readonly FactCount[]): UnitKpis {
  const byMetric = new Map<AssessmentMetric, FactCount>();
  for (const count of counts) {
    const seen = byMetric.get(count.metric);
    byMetric.set(count.metric, seen ? { metric: count.metric, met: seen.met + count.met, all: seen.all + count.all } : count);
  }
  const rates = Object.fromEntries(
    (Object.keys(RATES) as RateName[]).map((name) => {
      const facts = byMetric.get(RATES[name].metric);
      return [name, rateOf(facts?.met ?? 0, facts?.all ?? 0)];
    }),
  ) as Record<RateName, Rate>;
  const tally = Object.fromEntries(COUNTS.map((metric) => [metric, byMetric.get(metric)?.all ?? 0])) as Record<CountName, number>;
  return { rates, counts: tally };
}

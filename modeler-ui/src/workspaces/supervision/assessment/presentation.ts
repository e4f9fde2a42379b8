// How the assessment figures read (rates as percentages, "no data" never as 0 or 100 %), what each
// figure drills into, and where a case number leads. Pure, so that it is tested without a page.
import type { RouteLocationRaw } from 'vue-router';
import { COUNT_KEYS, RATE_KEYS, type CountKey, type Formula, type KpiRow, type Rate, type RateKey, type Scope } from './types';

/** vue-i18n's `t` and `te`, passed in so that the rules stay free of any component. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type HasKey = (key: string) => boolean;

/** Where a case number leads. The one place to change when the case page arrives. */
export function caseLink(number: string): RouteLocationRaw {
  return { path: '/workbench/tasks', query: { number } };
}

const isRateKey = (key: string): key is RateKey => (RATE_KEYS as readonly string[]).includes(key);
const isCountKey = (key: string): key is CountKey => (COUNT_KEYS as readonly string[]).includes(key);

/** A rate's name in the UI language; one the UI does not know yet by the API's (Chinese) name. */
export function rateLabel(t: Translate, key: string, formulas?: Record<string, Formula>): string {
  return isRateKey(key) ? t(`assessment.rates.${key}`) : (formulas?.[key]?.name ?? key);
}

/** A count's name in the UI language; an unknown one as the API names it. */
export function countLabel(t: Translate, key: string): string {
  return isCountKey(key) ? t(`assessment.counts.${key}`) : key;
}

/** A scoring table's indicator: a rate or a count the UI knows, else as the table names it. */
export function indicatorLabel(t: Translate, indicator: string): string {
  if (isRateKey(indicator)) return t(`assessment.rates.${indicator}`);
  if (isCountKey(indicator)) return t(`assessment.counts.${indicator}`);
  return indicator;
}

export function levelLabel(t: Translate, level: string | null | undefined): string {
  if (!level) return '';
  return ['city', 'county', 'township', 'village'].includes(level) ? t(`assessment.levels.${level}`) : level;
}

export function categoryLabel(t: Translate, te: HasKey, category: string | null | undefined): string {
  if (!category) return '—';
  const key = `assessment.categories.${category}`;
  return te(key) ? t(key) : category;
}

const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** "85.7%"; null (nothing measured) reads "no data", never 0 % or 100 %. */
export function formatRate(t: Translate, rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return t('assessment.noData');
  return PERCENT.format(rate);
}

/** Whether a rate has data: a denominator and a finite rate. */
export function hasData(rate: Rate | null | undefined): rate is Rate & { rate: number } {
  return !!rate && rate.rate !== null && Number.isFinite(rate.rate) && rate.denominator > 0;
}

/** The lines of a rate's tooltip: its parts, then its formula and source as the API states them. */
export function rateTooltip(t: Translate, key: string, rate: Rate | null | undefined, formulas?: Record<string, Formula>): string[] {
  const lines = [
    t('assessment.tooltip.parts', {
      name: rateLabel(t, key, formulas),
      numerator: rate?.numerator ?? 0,
      denominator: rate?.denominator ?? 0,
      rate: formatRate(t, rate?.rate),
    }),
  ];
  const formula = formulas?.[key];
  if (formula?.formula) lines.push(t('assessment.tooltip.formula', { formula: formula.formula }));
  if (formula?.source) lines.push(t('assessment.tooltip.source', { source: formula.source }));
  return lines;
}

/** The fact metric behind each rate, as the API counts it (the response's own `drill` wins). */
export const RATE_METRICS: Record<RateKey, string> = {
  timelyAcceptance: 'timely-acceptance',
  onTimeClosure: 'on-time-closure',
  timelyRouting: 'routed',
  timelyReturn: 'returned',
  ratingParticipation: 'rated',
  satisfaction: 'rated',
  officeRatingParticipation: 'office-rated',
  officeSatisfaction: 'office-rated',
  repeatRate: 'repeated',
  firstTimeResolution: 'concluded',
};

/** What a click on a figure asks for: the facts of a metric (or every metric's missed ones), all, met or missed. */
export interface DrillTarget {
  /** The rate or count clicked. */
  key: string;
  metric?: string;
  /** true: missed only; false: met only; undefined: all. */
  missed?: boolean;
  /** The met / missed choice is fixed (overdue work is missed by definition). */
  fixed: boolean;
}

/**
 * The cases behind a figure: a rate's numerator is its met facts, its denominator all of them; a
 * count is all facts of its metric; overdue work is every metric's missed facts.
 */
export function drillTarget(key: string, part: 'numerator' | 'denominator' | 'count', drill?: Record<string, string>): DrillTarget {
  if (key === 'overdue') {
    const metric = drill?.overdue;
    return { key, ...(metric ? { metric } : {}), missed: true, fixed: true };
  }
  const metric = drill?.[key] ?? (isRateKey(key) ? RATE_METRICS[key] : key);
  return { key, metric, missed: part === 'numerator' ? false : undefined, fixed: false };
}

/**
 * The unit, region or tier a row is about, for its trend and its cases. A tier row's code reads
 * `<region>:<level>`; one that does not is not drillable (null).
 */
export function scopeOf(row: Pick<KpiRow, 'kind' | 'code'>): Scope | null {
  if (row.kind === 'unit') return { unitCode: row.code };
  if (row.kind === 'region') return { regionCode: row.code };
  const [regionCode, level] = row.code.split(':');
  return regionCode && level ? { regionCode, level } : null;
}

const POINTS = new Intl.NumberFormat('en', { maximumFractionDigits: 2, minimumFractionDigits: 0 });

/** A score or points: up to two decimals; null reads "no data". */
export function formatPoints(t: Translate, points: number | null | undefined, signed = false): string {
  if (points === null || points === undefined || !Number.isFinite(points)) return t('assessment.noData');
  const text = POINTS.format(points);
  return signed && points > 0 ? `+${text}` : text;
}

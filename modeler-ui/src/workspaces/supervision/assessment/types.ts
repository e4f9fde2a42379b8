// Shapes of the assessment APIs (目标管理考核): GET /api/kpis, /api/kpis/trend, /api/kpis/cases,
// /api/scores and their Excel exports. Kept as the API names them.

/** The rates a unit is assessed on, in the order the dashboard lists them. */
export const RATE_KEYS = [
  'timelyAcceptance',
  'onTimeClosure',
  'timelyRouting',
  'timelyReturn',
  'ratingParticipation',
  'satisfaction',
  'officeRatingParticipation',
  'officeSatisfaction',
  'repeatRate',
  'firstTimeResolution',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** The counts beside the rates, in the order the dashboard lists them. */
export const COUNT_KEYS = [
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
  'overdue',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** Grouping of the KPI rows. */
export const GROUPINGS = ['unit', 'region', 'tier'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export type Level = 'city' | 'county' | 'township' | 'village';

/** A rate as its parts; `rate` is null when nothing was measured ("no data", never 0 or 100 %). */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** How a rate is computed and where the rule comes from. */
export interface Formula {
  /** Chinese name, e.g. 及时受理率. */
  name: string;
  formula: string;
  source: string;
}

export interface KpiRow {
  code: string;
  name: string;
  level: Level | null;
  kind: Grouping;
  /** Keyed by rate key; the UI shows the keys it knows and tolerates others. */
  rates: Record<string, Rate>;
  counts: Record<string, number>;
}

export interface KpiReport {
  from: string;
  to: string;
  by: Grouping;
  formulas: Record<string, Formula>;
  rows: KpiRow[];
  /** The fact metric behind each rate and count, for the drill-down. */
  drill?: Record<string, string>;
}

export interface KpiQuery {
  from: string;
  to: string;
  by: Grouping;
  regionCode?: string;
  unitCode?: string;
}

export interface KpiTrend {
  months: string[];
  rates: Record<string, (number | null)[]>;
  counts: Record<string, number[]>;
}

/** The one unit or region a trend or a drill-down is about. */
/** A tier is the units of one level within a region. */
export type Scope = { unitCode: string } | { regionCode: string } | { regionCode: string; level: string };

export interface KpiCase {
  petitionId: string;
  number: string;
  category: string;
  doneAt: string;
  dueAt: string | null;
  met: boolean;
}

export interface KpiCasePage {
  total: number;
  items: KpiCase[];
}

export interface CaseQuery {
  from: string;
  to: string;
  scope: Scope;
  /** Absent for overdue work (all metrics, missed only). */
  metric?: string;
  /** true: missed only; false: met only; absent: all. */
  missed?: boolean;
  page: number;
  pageSize: number;
}

export type ScoreLevel = 'county' | 'township';

export interface ScorePart {
  /** A rate key (weighted) or a count key (deducted), as the scoring table names it. */
  indicator: string;
  kind: 'weight' | 'deduction';
  points: number;
  /** The rate (0–1) of a weighted part, the count of a deduction; null: no data. */
  value: number | null;
}

export interface ScoreRow {
  rank: number;
  regionCode: string;
  name: string;
  score: number | null;
  parts: ScorePart[];
}

export interface ScoreReport {
  period: string;
  closed: boolean;
  /** The scoring table (DMN) and its version the scores were computed with. */
  decision: { key: string; version: number } | null;
  rows: ScoreRow[];
}

export interface ScoreQuery {
  period: string;
  level: ScoreLevel;
  regionCode?: string;
}

// The assessment period (考核期间) as chosen on the page, and the months it covers. Months are
// "YYYY-MM" in China time (UTC+8 all year), as the API counts them. Pure, so that it is tested alone.

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Quarter = 1 | 2 | 3 | 4;

/** Every part of the chooser is kept, so that switching kind and back restores the earlier choice. */
export interface Period {
  kind: PeriodKind;
  /** kind month: "YYYY-MM". */
  month: string;
  /** kind quarter and year. */
  year: number;
  quarter: Quarter;
  /** kind custom: first and last month, both included. */
  from: string;
  to: string;
}

export interface MonthRange {
  from: string;
  to: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad = (n: number) => String(n).padStart(2, '0');

export function monthOf(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month `delta` months after `month` (before when negative). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return monthOf(Math.floor(index / 12), (index % 12) + 1);
}

/** The month (China time) that `now` falls in. */
export function currentMonth(now: Date = new Date()): string {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  return monthOf(china.getUTCFullYear(), china.getUTCMonth() + 1);
}

/** The last month that has ended: the default period. */
export function lastFullMonth(now: Date = new Date()): string {
  return addMonths(currentMonth(now), -1);
}

export function quarterOf(month: string): Quarter {
  return (Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1) as Quarter;
}

/** The default: last full month; the other kinds start from the quarter and year it lies in. */
export function defaultPeriod(now: Date = new Date()): Period {
  const month = lastFullMonth(now);
  return { kind: 'month', month, year: Number(month.slice(0, 4)), quarter: quarterOf(month), from: month, to: month };
}

/** The first and last month (both included) of the chosen period; a custom range given backwards is turned round. */
export function periodRange(period: Period): MonthRange {
  switch (period.kind) {
    case 'month':
      return { from: period.month, to: period.month };
    case 'quarter':
      return { from: monthOf(period.year, period.quarter * 3 - 2), to: monthOf(period.year, period.quarter * 3) };
    case 'year':
      return { from: monthOf(period.year, 1), to: monthOf(period.year, 12) };
    case 'custom':
      return period.from <= period.to ? { from: period.from, to: period.to } : { from: period.to, to: period.from };
  }
}

/** How many months the range covers, both ends included. */
export function monthsIn(range: MonthRange): number {
  const [fy, fm] = range.from.split('-').map(Number) as [number, number];
  const [ty, tm] = range.to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The years the chooser offers: the last full month's year and the nine before it. */
export function yearChoices(now: Date = new Date(), count = 10): number[] {
  const last = Number(lastFullMonth(now).slice(0, 4));
  return Array.from({ length: count }, (_, i) => last - i);
}

/**
 * The `period` parameter of the scores (GET /api/scores): "YYYY-MM" for a month. A quarter is sent as
 * "YYYY-Qn" — the one place to change should the API spell it otherwise.
 */
export function scorePeriodParam(period: Period): string {
  return period.kind === 'quarter' ? `${period.year}-Q${period.quarter}` : periodRange(period).from;
}

// How the annual report reads: the years a supervisor can choose, the rows of its count tables and its
// trend chart. Pure, so that it is tested without a page.
import type { Translate } from '../assessment/presentation';
import { formatRate, rateLabel } from '../assessment/presentation';
import type { AnnualReport } from './types';

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The first year the API reports on (FIRST_YEAR in src/annual-report/annual-report.types.ts). */
export const FIRST_YEAR = 2000;

/** The current year in China time (the API counts years in China time too). */
export function chinaYear(now: Date): number {
  return new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
}

/** Newest first, from the current year back to the first one: the API refuses a future year. */
export function yearChoices(now: Date): number[] {
  const current = chinaYear(now);
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}

/** An annual report is written once the year is over: the year before the current one. */
export function defaultYear(now: Date): number {
  return Math.max(FIRST_YEAR, chinaYear(now) - 1);
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
  /** Of the year's petitions, e.g. "57.1%"; "—" when there are none. */
  share: string;
}

const SHARE = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function share(count: number, total: number): string {
  return total > 0 ? SHARE.format(count / total) : '—';
}

/** One row per key in the order given (a key the answer lacks counts 0). */
export function countRows(keys: readonly string[], counts: Record<string, number> | undefined, total: number, label: (key: string) => string): CountRow[] {
  return keys.map((key) => {
    const count = Number(counts?.[key] ?? 0);
    return { key, label: label(key), count, share: share(count, total) };
  });
}

/** "2019-03" → "2019年3月" / "2019-03": the month as the UI language writes it. */
export function monthLabel(locale: string, month: string): string {
  const [year, m] = month.split('-').map(Number);
  return locale.startsWith('zh') ? `${year}年${m}月` : month;
}

/** A rate (0–1) as a percentage with one decimal; null stays null so that the line has a gap. */
const percent = (rate: number | null | undefined) => (rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10);

/**
 * The registrations of each month as bars (left axis, petitions) and the on-time closure and timely
 * acceptance rates as lines (right axis, %); a month without data is a gap in the line, never 0 %.
 */
export function annualTrendOption(t: Translate, report: AnnualReport) {
  const rates = ['onTimeClosure', 'timelyAcceptance'].filter((key) => Array.isArray(report.kpis?.trend?.rates?.[key]));
  const months = report.months.map((m) => String(Number(m.slice(5))));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? String(value) : t('assessment.noData')),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('annualReport.chart.registered') },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t('annualReport.chart.registered'), type: 'bar', barMaxWidth: 28, data: report.months.map((_, i) => report.petitions.byMonth[i] ?? 0) },
      ...rates.map((key) => ({
        name: rateLabel(t, key, report.kpis.formulas),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        showSymbol: true,
        tooltip: { valueFormatter: (value: unknown) => (typeof value === 'number' ? formatRate(t, value / 100) : t('assessment.noData')) },
        data: report.months.map((_, i) => percent(report.kpis.trend.rates[key]![i]?.rate)),
      })),
    ],
  };
}

/** Whether the chart has anything to draw: a registration, or a month with a rate. */
export function trendHasData(report: AnnualReport | null): boolean {
  if (!report) return false;
  if (report.petitions.byMonth.some((n) => n > 0)) return true;
  return ['onTimeClosure', 'timelyAcceptance'].some((key) => (report.kpis.trend.rates[key] ?? []).some((r) => r?.rate !== null && r?.rate !== undefined));
}

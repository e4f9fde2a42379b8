// ECharts options of the assessment pages: pure functions, so that they are tested without a canvas.
import { formatPoints, formatRate, rateLabel, type Translate } from './presentation';
import type { Formula, KpiTrend, ScoreRow } from './types';

/** A rate (0–1) as a percentage with one decimal; null stays null so that the line has a gap. */
const percent = (rate: number | null | undefined) => (rate === null || rate === undefined || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10);

/** One line per chosen rate over the months of the trend; a month without data is a gap, not 0 %. */
export function trendOption(t: Translate, trend: KpiTrend, rates: readonly string[], formulas?: Record<string, Formula>) {
  const shown = rates.filter((key) => Array.isArray(trend.rates[key]));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? formatRate(t, value / 100) : t('assessment.noData')),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: trend.months },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: shown.map((key) => ({
      name: rateLabel(t, key, formulas),
      type: 'line',
      connectNulls: false,
      showSymbol: true,
      data: trend.months.map((_, i) => percent(trend.rates[key]![i])),
    })),
  };
}

/** Whether the trend has any rate to draw. */
export function trendHasData(trend: KpiTrend | null, rates: readonly string[]): boolean {
  return !!trend && rates.some((key) => (trend.rates[key] ?? []).some((v) => v !== null && v !== undefined));
}

/** Scores as horizontal bars, the first rank at the top; units without a score are left out. */
export function scoresOption(t: Translate, rows: readonly ScoreRow[]) {
  const scored = rows.filter((r) => r.score !== null && Number.isFinite(r.score)).sort((a, b) => a.rank - b.rank);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) => formatPoints(t, typeof value === 'number' ? value : null),
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0 },
    // ECharts draws the first category at the bottom: reversed so that the first rank is on top.
    yAxis: { type: 'category', data: scored.map((r) => `${r.rank}. ${r.name}`).reverse(), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      {
        name: t('assessment.ranking.score'),
        type: 'bar',
        barMaxWidth: 24,
        label: { show: true, position: 'right' },
        data: scored.map((r) => Math.round((r.score as number) * 100) / 100).reverse(),
      },
    ],
  };
}

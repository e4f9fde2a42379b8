// ECharts options built from the overdue report: pure functions, so they can be tested without a canvas.
import { ageingLabel, levelLabel, stepLabel } from './labels';
import { LEVELS, type OverdueReport } from './types';

type T = (key: string, params?: Record<string, unknown>) => string;

export const OVERDUE_COLOR = '#f56c6c';
export const NEAR_DUE_COLOR = '#e6a23c';

/** Stacked horizontal bars of overdue and near-due counts per category, largest at the top. */
function stackedBars(t: T, categories: string[], overdue: number[], nearDue: number[]) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [t('supervision.overdue.charts.overdue'), t('supervision.overdue.charts.nearDue')], top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    // ECharts draws the first category at the bottom: reverse so the largest is on top.
    yAxis: { type: 'category', data: [...categories].reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      { name: t('supervision.overdue.charts.overdue'), type: 'bar', stack: 'n', barMaxWidth: 28, itemStyle: { color: OVERDUE_COLOR }, data: [...overdue].reverse() },
      { name: t('supervision.overdue.charts.nearDue'), type: 'bar', stack: 'n', barMaxWidth: 28, itemStyle: { color: NEAR_DUE_COLOR }, data: [...nearDue].reverse() },
    ],
  };
}

/** Overdue by unit: the ten units with most overdue tasks. */
export function byUnitOption(report: OverdueReport, t: T, limit = 10) {
  const rows = report.byUnit.slice(0, limit);
  return stackedBars(
    t,
    rows.map((r) => r.unit.name),
    rows.map((r) => r.overdue),
    rows.map((r) => r.nearDue),
  );
}

/**
 * Overdue and near-due by level, as stacked bars in the order of the hierarchy (city first). Near-due
 * counts too: a county with only near-due work is not "no data".
 */
export function byLevelOption(report: OverdueReport, t: T) {
  const rows = LEVELS.map((level) => report.byLevel.find((l) => l.level === level)).filter((l): l is NonNullable<typeof l> => !!l && l.overdue + l.nearDue > 0);
  return stackedBars(
    t,
    rows.map((l) => levelLabel(t, l.level)),
    rows.map((l) => l.overdue),
    rows.map((l) => l.nearDue),
  );
}

/** Whether a chart has anything to draw (its option's series hold a value above zero). */
export function hasData(option: { series: { data: (number | { value: number })[] }[] }): boolean {
  return option.series.some((s) => s.data.some((d) => (typeof d === 'number' ? d : d.value) > 0));
}

/** Overdue by process step, with the steps' names in the UI language. */
export function byStepOption(report: OverdueReport, t: T) {
  return stackedBars(
    t,
    report.byStep.map((s) => stepLabel(t, s.step)),
    report.byStep.map((s) => s.overdue),
    report.byStep.map((s) => s.nearDue),
  );
}

/** Ageing: overdue tasks by days overdue, in bucket order. */
export function ageingOption(report: OverdueReport, t: T) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: report.ageing.map((a) => ageingLabel(t, a.bucket)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('supervision.overdue.charts.count'),
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: report.ageing.map((a, i) => ({ value: a.overdue, itemStyle: { color: AGEING_COLORS[i] } })),
      },
    ],
  };
}

const AGEING_COLORS = ['#fab6b6', '#f89898', '#f56c6c', '#c45656', '#8b2e2e'];

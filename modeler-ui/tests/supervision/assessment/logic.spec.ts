// @vitest-environment happy-dom
// The assessment pages' rules without a page: periods, percentages and their tooltips, what a figure
// drills into, the API's query strings, the charts' options, the region choosers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, translate } from '@/i18n';
import { caseQueryString, downloadKpisExcel, kpiQueryString, scoreQueryString, trendQueryString } from '@/workspaces/supervision/assessment/api';
import { scoresOption, trendHasData, trendOption } from '@/workspaces/supervision/assessment/charts';
import {
  addMonths,
  defaultPeriod,
  lastFullMonth,
  monthsIn,
  periodRange,
  scorePeriodParam,
  type Period,
} from '@/workspaces/supervision/assessment/period';
import { caseLink, drillTarget, formatPoints, formatRate, rateLabel, rateTooltip, scopeOf } from '@/workspaces/supervision/assessment/presentation';
import { countiesFor, regionsUnder } from '@/workspaces/supervision/assessment/regions';
import type { OrgRegion } from '@/workspaces/supervision/types';

const t = translate;
afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
  vi.restoreAllMocks();
});

const base = (change: Partial<Period>): Period => ({ ...defaultPeriod(new Date('2026-11-26T06:00:00Z')), ...change });

describe('the period', () => {
  it('defaults to the last full month, in China time', () => {
    expect(lastFullMonth(new Date('2026-11-26T06:00:00Z'))).toBe('2026-10');
    // 1 January 01:00 in Beijing is still 31 December in UTC: December has ended
    expect(lastFullMonth(new Date('2026-12-31T17:00:00Z'))).toBe('2026-12');
    expect(lastFullMonth(new Date('2027-01-15T00:00:00Z'))).toBe('2026-12');
    expect(defaultPeriod(new Date('2026-11-26T06:00:00Z'))).toMatchObject({ kind: 'month', month: '2026-10', year: 2026, quarter: 4 });
    expect(periodRange(base({}))).toEqual({ from: '2026-10', to: '2026-10' });
  });

  it('gives a quarter its three months and a year its twelve', () => {
    expect(periodRange(base({ kind: 'quarter', year: 2025, quarter: 2 }))).toEqual({ from: '2025-04', to: '2025-06' });
    expect(periodRange(base({ kind: 'quarter', year: 2026, quarter: 4 }))).toEqual({ from: '2026-10', to: '2026-12' });
    expect(periodRange(base({ kind: 'quarter', year: 2026, quarter: 1 }))).toEqual({ from: '2026-01', to: '2026-03' });
    expect(periodRange(base({ kind: 'year', year: 2025 }))).toEqual({ from: '2025-01', to: '2025-12' });
  });

  it('keeps a custom range in order and counts its months', () => {
    expect(periodRange(base({ kind: 'custom', from: '2025-11', to: '2026-02' }))).toEqual({ from: '2025-11', to: '2026-02' });
    expect(periodRange(base({ kind: 'custom', from: '2026-02', to: '2025-11' }))).toEqual({ from: '2025-11', to: '2026-02' });
    expect(monthsIn({ from: '2025-11', to: '2026-02' })).toBe(4);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-10', -11)).toBe('2025-11');
  });

  it('names the period of the scores: a month as it is, a quarter as YYYY-Qn', () => {
    expect(scorePeriodParam(base({ kind: 'month', month: '2026-09' }))).toBe('2026-09');
    expect(scorePeriodParam(base({ kind: 'quarter', year: 2026, quarter: 3 }))).toBe('2026-Q3');
  });
});

describe('rates', () => {
  it('read as percentages, and no data never as 0 % or 100 %', () => {
    expect(formatRate(t, 6 / 7)).toBe('85.7%');
    expect(formatRate(t, 0)).toBe('0%');
    expect(formatRate(t, 1)).toBe('100%');
    expect(formatRate(t, null)).toBe('暂无数据');
    i18n.global.locale.value = 'en';
    expect(formatRate(t, null)).toBe('No data');
  });

  it('tell their parts, formula and source in the tooltip', () => {
    const formulas = { timelyAcceptance: { name: '及时受理率', formula: '期限内作出受理决定 / 全部受理决定', source: '信访工作条例 第二十三条' } };
    expect(rateTooltip(t, 'timelyAcceptance', { numerator: 6, denominator: 7, rate: 6 / 7 }, formulas)).toEqual([
      '及时受理率：6 / 7（85.7%）',
      '计算公式：期限内作出受理决定 / 全部受理决定',
      '依据：信访工作条例 第二十三条',
    ]);
    expect(rateTooltip(t, 'satisfaction', { numerator: 0, denominator: 0, rate: null }, {})).toEqual(['满意率（责任单位）：0 / 0（暂无数据）']);
    // a rate the UI does not know yet goes by the API's name
    expect(rateLabel(t, 'newRate', { newRate: { name: '新指标', formula: 'a / b', source: 'x' } })).toBe('新指标');
  });

  it('drill into the facts of their metric: the numerator met, the denominator all; overdue work is every missed fact', () => {
    expect(drillTarget('timelyAcceptance', 'numerator')).toEqual({ key: 'timelyAcceptance', metric: 'timely-acceptance', missed: false, fixed: false });
    expect(drillTarget('timelyRouting', 'denominator')).toEqual({ key: 'timelyRouting', metric: 'routed', missed: undefined, fixed: false });
    expect(drillTarget('officeSatisfaction', 'numerator').metric).toBe('office-rated');
    expect(drillTarget('firstTimeResolution', 'numerator').metric).toBe('concluded');
    expect(drillTarget('transferred', 'count')).toEqual({ key: 'transferred', metric: 'transferred', missed: undefined, fixed: false });
    expect(drillTarget('overdue', 'count')).toEqual({ key: 'overdue', missed: true, fixed: true });
    // the API's own mapping wins
    expect(drillTarget('timelyAcceptance', 'numerator', { timelyAcceptance: 'accepted-in-time' }).metric).toBe('accepted-in-time');
  });

  it('know which unit or region a row is about; a tier row has none', () => {
    expect(scopeOf({ kind: 'unit', code: 'u1' })).toEqual({ unitCode: 'u1' });
    expect(scopeOf({ kind: 'region', code: '990102' })).toEqual({ regionCode: '990102' });
    expect(scopeOf({ kind: 'tier', code: '990102:township' })).toEqual({ regionCode: '990102', level: 'township' });
    expect(scopeOf({ kind: 'tier', code: 'county' })).toBeNull();
  });

  it('lead from a case number to the task list for now', () => {
    expect(caseLink('XF-990102-2026-000042')).toEqual({ path: '/workbench/tasks', query: { number: 'XF-990102-2026-000042' } });
  });

  it('show points with up to two decimals, deductions signed', () => {
    expect(formatPoints(t, 87.456)).toBe('87.46');
    expect(formatPoints(t, null)).toBe('暂无数据');
    expect(formatPoints(t, 2, true)).toBe('+2');
    expect(formatPoints(t, -1.5, true)).toBe('-1.5');
  });
});

describe('the query strings', () => {
  it('are the same for the table and its export', () => {
    expect(kpiQueryString({ from: '2026-07', to: '2026-09', by: 'region', regionCode: '990102' })).toBe('?from=2026-07&to=2026-09&by=region&regionCode=990102');
    expect(trendQueryString('2025-11', '2026-10', { unitCode: 'u1' })).toBe('?from=2025-11&to=2026-10&unitCode=u1');
    expect(caseQueryString({ from: '2026-10', to: '2026-10', scope: { regionCode: '990102' }, metric: 'routed', missed: true, page: 2, pageSize: 20 })).toBe(
      '?from=2026-10&to=2026-10&regionCode=990102&metric=routed&missed=true&page=2&pageSize=20',
    );
    expect(caseQueryString({ from: '2026-10', to: '2026-10', scope: { unitCode: 'u1' }, page: 1, pageSize: 20 })).toBe('?from=2026-10&to=2026-10&unitCode=u1&page=1&pageSize=20');
    expect(scoreQueryString({ period: '2026-10', level: 'township', regionCode: '990102' })).toBe('?period=2026-10&level=township&regionCode=990102');
  });

  it('download the workbook with the same query, named as the API says, and report its refusal', async () => {
    const urls: string[] = [];
    const accepts: string[] = [];
    const fake = async (url: string, init?: RequestInit) => {
      urls.push(url);
      accepts.push((init?.headers as Record<string, string>).Accept!);
      return new Response('xlsx', { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E8%80%83%E6%A0%B8.xlsx" } });
    };
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const name = await downloadKpisExcel({ from: '2026-10', to: '2026-10', by: 'unit' }, fake);
    expect(name).toBe('考核.xlsx');
    expect(urls).toEqual(['/api/kpis/export?from=2026-10&to=2026-10&by=unit']);
    expect(accepts[0]).toContain('spreadsheetml');
    expect(create).toHaveBeenCalled();
    const refuse = async () => new Response(JSON.stringify({ statusCode: 400, message: '统计期间须为 1 至 36 个月' }), { status: 400 });
    await expect(downloadKpisExcel({ from: '2020-01', to: '2026-10', by: 'unit' }, refuse)).rejects.toMatchObject({ message: '统计期间须为 1 至 36 个月', status: 400 });
  });
});

describe('the charts', () => {
  it('draw one line per chosen rate, a month without data as a gap', () => {
    const trend = { months: ['2026-08', '2026-09', '2026-10'], rates: { timelyAcceptance: [0.5, null, 6 / 7], satisfaction: [null, null, null] }, counts: {} };
    const option = trendOption(t, trend, ['timelyAcceptance', 'satisfaction', 'repeatRate']);
    expect(option.xAxis.data).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(option.series.map((s) => s.name)).toEqual(['及时受理率', '满意率（责任单位）']);
    expect(option.series[0]!.data).toEqual([50, null, 85.7]);
    expect(option.series[0]!.connectNulls).toBe(false);
    expect(option.series[1]!.data).toEqual([null, null, null]);
    expect(option.tooltip.valueFormatter(85.7)).toBe('85.7%');
    expect(option.tooltip.valueFormatter(null)).toBe('暂无数据');
    expect(trendHasData(trend, ['satisfaction'])).toBe(false);
    expect(trendHasData(trend, ['timelyAcceptance'])).toBe(true);
  });

  it('draw the scores, the first rank on top, units without a score left out', () => {
    const option = scoresOption(t, [
      { rank: 2, regionCode: 'b', name: '西山县', score: 81.5, parts: [] },
      { rank: 1, regionCode: 'a', name: '东湖区', score: 92.25, parts: [] },
      { rank: 3, regionCode: 'c', name: '南湖区', score: null, parts: [] },
    ]);
    expect(option.yAxis.data).toEqual(['2. 西山县', '1. 东湖区']);
    expect(option.series[0]!.data).toEqual([81.5, 92.25]);
  });
});

describe('the region choosers', () => {
  const regions: OrgRegion[] = [
    { code: '990100', name: '临江市', level: 'city', parentCode: null },
    { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
    { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
    { code: '990102001001', name: '柳岸社区', level: 'village', parentCode: '990102001' },
    { code: '990121', name: '西山县', level: 'county', parentCode: '990100' },
  ];

  it('offer a region and those below it down to townships', () => {
    expect(regionsUnder(regions, '990102').map((r) => r.code)).toEqual(['990102', '990102001']);
    expect(regionsUnder(regions, '990100').map((r) => r.code)).toEqual(['990100', '990102', '990102001', '990121']);
    expect(regionsUnder(regions, null).map((r) => r.code)).toEqual(['990100', '990102', '990102001', '990121']);
  });

  it('rank the townships of the caller’s county, or of any county below a city', () => {
    expect(countiesFor(regions, '990100').map((r) => r.code)).toEqual(['990102', '990121']);
    expect(countiesFor(regions, '990102').map((r) => r.code)).toEqual(['990102']);
    expect(countiesFor(regions, '990102001').map((r) => r.code)).toEqual(['990102']);
  });
});

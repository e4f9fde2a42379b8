// @vitest-environment happy-dom
// 信访工作年度报告: the page of supervisors, against the API as it answers, and the pure rules behind it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '@/i18n';
import { supervisionWorkspace } from '@/workspaces/supervision';
import AnnualReportView from '@/workspaces/supervision/annual-report/AnnualReportView.vue';
import { annualQueryString } from '@/workspaces/supervision/annual-report/api';
import { annualTrendOption, countRows, defaultYear, monthLabel, share, trendHasData, yearChoices } from '@/workspaces/supervision/annual-report/presentation';
import type { AnnualReport } from '@/workspaces/supervision/annual-report/types';
import { navFor } from '@/workspaces/types';
import { json, settle, until, usePageTests } from '../../helpers/page';
import { signIn, stubApi, type Call } from '../../helpers/workbench';

// The chart needs a canvas: its option is tested below, as a pure function.
vi.mock('@/workspaces/supervision/assessment/AssessmentChart.vue', () => ({
  default: { name: 'AssessmentChart', props: ['option', 'title', 'empty', 'emptyText', 'height'], template: '<div data-testid="chart-stub">{{ title }}</div>' },
}));

usePageTests();
afterEach(() => vi.useRealTimers());

const SUPERVISOR = { username: 'qingshan.supervisor', displayName: '冯涛', unitCode: '990121-petition-office', unitName: '青山县信访接待办理中心', roles: ['supervisor'] };
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });
const none = () => rate(0, 0);

function report(extra: Partial<AnnualReport> = {}): AnnualReport {
  const onTime = MONTHS.map((_, i) => (i === 4 ? rate(1, 4) : i === 9 ? rate(2, 2) : none()));
  return {
    region: { code: '990121', name: '青山县', level: 'county' },
    year: 2025,
    from: '2025-01-01',
    to: '2025-12-31',
    months: MONTHS,
    generatedAt: '2026-03-01T02:00:00.000Z',
    complete: true,
    petitions: {
      total: 7,
      byCategory: { complaint: 4, suggestion: 2, accusation: 1 },
      byChannel: { letter: 2, visit: 2, online: 2, phone: 1, fax: 0, agent: 0 },
      byEntryTier: { city: 0, county: 4, township: 1, village: 1, unknown: 1 },
      byOutcome: { accepted: 5, declined: 1, diverted: 1, refused: 0, replied: 3, support: 1, explain: 1, reject: 1, concluded: 1, closed: 0 },
      byStatus: { handling: 2, replied: 1, declined: 1, diverted: 1, 'under-review': 1, concluded: 1, received: 0 },
      byMonth: [0, 0, 2, 0, 3, 0, 0, 1, 0, 0, 0, 1],
    },
    kpis: {
      year: {
        rates: { timelyAcceptance: rate(2, 7), onTimeClosure: rate(3, 6), officeSatisfaction: none() },
        counts: { received: 3, transferred: 1, returned: 2, overdue: 12 },
      },
      trend: { rates: { onTimeClosure: onTime, timelyAcceptance: MONTHS.map(() => none()) }, counts: { overdue: [0, 0, 0, 2, 3, 1, 2, 3, 1, 0, 0, 0] } },
      formulas: { onTimeClosure: { name: '按期办结率', formula: '…', source: '信访工作条例 第三十四条' } },
    },
    overdueUnits: [
      { code: '990121-handling-room-1', name: '青山县第一办理室', level: 'county', overdue: 6 },
      { code: '990121100-petition-office', name: '青山镇信访调处室', level: 'township', overdue: 1 },
    ],
    levelSkip: { total: 1, byMonth: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    collective: { total: 1, persons: 12, byMonth: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] },
    matters: {
      byCategory: [
        { category: 'complaint', count: 4 },
        { category: 'suggestion', count: 2 },
        { category: 'accusation', count: 1 },
      ],
      words: [
        { word: '物业', count: 3 },
        { word: '路灯', count: 2 },
      ],
      subjects: 6,
    },
    reviews: {
      review: { requested: 2, decided: 2, uphold: 1, change: 1, revoke: 0, pending: 1 },
      're-review': { requested: 1, decided: 1, uphold: 1, change: 0, revoke: 0, pending: 0 },
    },
    ...extra,
  };
}

const REGIONS = [
  { code: '990100', name: '示范市', level: 'city', parentCode: null },
  { code: '990121', name: '青山县', level: 'county', parentCode: '990100' },
  { code: '990121100', name: '青山镇', level: 'township', parentCode: '990121' },
  { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
];

function answer(annual: (url: string) => Response = () => json(200, report())) {
  return stubApi((url) => {
    const path = url.split('?')[0];
    if (path === '/api/reports/annual') return annual(url);
    if (path === '/api/reports/annual.pdf' || path === '/api/reports/annual.xlsx') {
      const format = path.endsWith('pdf') ? 'pdf' : 'xlsx';
      return new Response('file', { status: 200, headers: { 'Content-Disposition': `attachment; filename="annual-report-990121-2025.${format}"` } });
    }
    if (path === '/api/org/units') return json(200, [{ code: SUPERVISOR.unitCode, name: '青山县信访接待办理中心', regionCode: '990121', active: true }]);
    if (path === '/api/org/regions') return json(200, REGIONS);
    return undefined;
  });
}

async function mountPage(): Promise<VueWrapper> {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/supervision/annual-report', component: Stub }] });
  await router.push('/supervision/annual-report');
  await router.isReady();
  const wrapper = mount(AnnualReportView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return wrapper;
}

const annualCalls = (calls: Call[]) => calls.filter((c) => c.url.startsWith('/api/reports/annual')).map((c) => c.url);
const text = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"]`).text();

describe('the annual report page', () => {
  it('is in the navigation of supervisors only', () => {
    const has = (roles: string[]) => navFor([supervisionWorkspace], roles).some((n) => n.testId === 'nav-supervision-annual-report');
    expect([['supervisor'], ['unit-head'], ['handler'], ['registrar']].map(has)).toEqual([true, false, false, false]);
    const route = supervisionWorkspace.routes.find((r) => r.name === 'supervision-annual-report')!;
    expect([route.path, route.meta?.roles]).toEqual(['/supervision/annual-report', ['supervisor']]);
  });

  it('asks for last year of the caller’s own region and shows each section’s figures, no data never as 0 %', async () => {
    vi.setSystemTime(new Date('2026-03-01T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="annual-heading"]').exists()).toBe(true));
    expect(annualCalls(calls)).toEqual(['/api/reports/annual?year=2025']);

    expect(text(wrapper, 'annual-heading')).toBe('青山县2025年度信访工作报告');
    expect(text(wrapper, 'annual-summary')).toBe('全年登记信访事项 7 件，越级访 1 件，集体访 1 件（涉及 12 人次）');
    expect(wrapper.find('[data-testid="annual-partial"]').exists()).toBe(false);
    // totals
    expect(text(wrapper, 'annual-category-complaint')).toBe('4');
    expect(text(wrapper, 'annual-by-category')).toContain('57.1%');
    expect(text(wrapper, 'annual-channel-visit')).toBe('2');
    expect(text(wrapper, 'annual-tier-unknown')).toBe('1');
    expect(text(wrapper, 'annual-outcome-accepted')).toBe('5');
    // only the statuses that have petitions
    expect(text(wrapper, 'annual-by-status')).toContain('复查中');
    expect(wrapper.find('[data-testid="annual-status-received"]').exists()).toBe(false);
    // KPIs: a rate with its parts, and one with nothing measured
    expect(text(wrapper, 'annual-rate-onTimeClosure')).toBe('50%');
    expect(text(wrapper, 'annual-rate-officeSatisfaction')).toBe('暂无数据');
    expect(text(wrapper, 'annual-count-overdue')).toBe('12');
    expect(text(wrapper, 'annual-months')).toContain('2025年5月');
    expect(text(wrapper, 'annual-months')).toContain('25%');
    expect(text(wrapper, 'annual-chart')).toContain('按期办结率');
    // overdue units, level skips and collective petitions, words, reviews
    expect(text(wrapper, 'annual-overdue-units')).toContain('青山县第一办理室');
    expect(text(wrapper, 'annual-skip-months')).toContain('全年');
    expect(text(wrapper, 'annual-words')).toContain('物业');
    expect(text(wrapper, 'annual-matters')).toContain('统计 6 件事项的标题');
    expect(text(wrapper, 'annual-review-table')).toContain('复查');
    expect(text(wrapper, 'annual-review-table')).toContain('撤销并责令重新办理');
    wrapper.unmount();
  });

  it('asks again for the chosen region and year, and downloads the PDF and the workbook of the same query', async () => {
    vi.setSystemTime(new Date('2026-03-01T06:00:00.000Z'));
    signIn(SUPERVISOR);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="annual-heading"]').exists()).toBe(true));

    const view = wrapper.findComponent(AnnualReportView).vm as unknown as { regionCode: string; year: number };
    view.regionCode = '990121100';
    view.year = 2024;
    await until(() => expect(annualCalls(calls).at(-1)).toBe('/api/reports/annual?regionCode=990121100&year=2024'));

    await wrapper.get('[data-testid="annual-download-pdf"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('已下载 annual-report-990121-2025.pdf'));
    await wrapper.get('[data-testid="annual-download-xlsx"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('已下载 annual-report-990121-2025.xlsx'));
    expect(annualCalls(calls).filter((u) => u.includes('.'))).toEqual([
      '/api/reports/annual.pdf?regionCode=990121100&year=2024',
      '/api/reports/annual.xlsx?regionCode=990121100&year=2024',
    ]);
    wrapper.unmount();
  });

  it('shows the API’s message when it refuses, in the chosen language', async () => {
    vi.setSystemTime(new Date('2026-03-01T06:00:00.000Z'));
    signIn(SUPERVISOR);
    setLocale('en', { setItem: () => undefined });
    answer(() => json(404, { statusCode: 404, message: 'Region 990102 does not exist or is not within your reach' }));
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="annual-error"]').exists()).toBe(true));
    expect(text(wrapper, 'annual-error')).toContain('not within your reach');
    expect(wrapper.text()).toContain('The report could not be loaded');
    expect(wrapper.find('[data-testid="annual-heading"]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('the rules of the annual report page', () => {
  it('offers the years up to the current one in China time, last year first chosen', () => {
    // 31 December 17:00 UTC is already 1 January in China
    const newYear = new Date('2026-12-31T17:00:00.000Z');
    expect(yearChoices(newYear)[0]).toBe(2027);
    expect(yearChoices(newYear).at(-1)).toBe(2000);
    expect(defaultYear(newYear)).toBe(2026);
    expect(defaultYear(new Date('2026-12-31T15:00:00.000Z'))).toBe(2025);
  });

  it('builds the query the figures and both downloads share', () => {
    expect(annualQueryString({ year: 2025 })).toBe('?year=2025');
    expect(annualQueryString({ year: 2025, regionCode: '990121' })).toBe('?regionCode=990121&year=2025');
  });

  it('writes counts with their share of the year, and months in the UI language', () => {
    expect(countRows(['a', 'b'], { a: 4 }, 7, (k) => k.toUpperCase())).toEqual([
      { key: 'a', label: 'A', count: 4, share: '57.1%' },
      { key: 'b', label: 'B', count: 0, share: '0.0%' },
    ]);
    expect(share(3, 0)).toBe('—');
    expect(monthLabel('zh-CN', '2025-03')).toBe('2025年3月');
    expect(monthLabel('en', '2025-03')).toBe('2025-03');
  });

  it('draws registrations as bars and the rates as lines with a gap where a month has no data, never 0 %', () => {
    const t = (key: string) => String(i18n.global.t(key));
    const option = annualTrendOption(t, report()) as unknown as { series: { name: string; type: string; data: (number | null)[]; yAxisIndex?: number }[] };
    expect(option.series.map((s) => [s.type, s.yAxisIndex ?? 0])).toEqual([
      ['bar', 0],
      ['line', 1],
      ['line', 1],
    ]);
    expect(option.series[0].data).toEqual([0, 0, 2, 0, 3, 0, 0, 1, 0, 0, 0, 1]);
    expect(option.series[1].data).toEqual([null, null, null, null, 25, null, null, null, null, 100, null, null]);
    expect(option.series[2].data.every((v) => v === null)).toBe(true);
    expect(trendHasData(report())).toBe(true);
    const empty = report({ petitions: { ...report().petitions, byMonth: MONTHS.map(() => 0) } });
    empty.kpis.trend.rates.onTimeClosure = MONTHS.map(() => none());
    expect(trendHasData(empty)).toBe(false);
  });
});

// @vitest-environment happy-dom
// 目标管理考核: the KPI dashboard of supervisors and unit heads, against the API as it answers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ElSelect, ElTooltip } from 'element-plus';
import { i18n } from '@/i18n';
import { supervisionWorkspace } from '@/workspaces/supervision';
import AssessmentView from '@/workspaces/supervision/assessment/AssessmentView.vue';
import type { KpiCasePage, KpiReport, KpiTrend } from '@/workspaces/supervision/assessment/types';
import { navFor } from '@/workspaces/types';
import { json, settle, until, usePageTests } from '../../helpers/page';
import { signIn, stubApi, type Call } from '../../helpers/workbench';

// The charts need a canvas: not this test's concern (their options: logic.spec.ts).
vi.mock('@/workspaces/supervision/assessment/AssessmentChart.vue', () => ({
  default: { name: 'AssessmentChart', props: ['option', 'title', 'empty', 'emptyText', 'height'], template: '<div data-testid="chart-stub">{{ title }}</div>' },
}));

usePageTests();
afterEach(() => vi.useRealTimers());

const SUPERVISOR = { username: 'donghu.supervisor', displayName: '王督查', unitCode: '990102-petition-office', unitName: '东湖区信访局', roles: ['supervisor'] };
const ROOM1 = '990102-handling-room-1';

const FORMULAS = {
  timelyAcceptance: { name: '及时受理率', formula: '受理期限内作出受理决定的件数 / 作出受理决定的件数', source: '信访工作条例 第二十三条' },
  onTimeClosure: { name: '按期办结率', formula: '期限内答复的件数（含批准延期）/ 答复件数', source: '信访工作条例 第三十四条' },
  satisfaction: { name: '满意率', formula: '（满意 + 基本满意）/ 参评件数', source: '信访工作条例 第三十三条' },
  repeatRate: { name: '重复信访率', formula: '重复信访件数 / 信访件数', source: '国家信访局考核办法' },
  firstTimeResolution: { name: '一次性化解率', formula: '未经复查办结的件数 / 办结件数', source: '国家信访局考核办法' },
};

function report(extra: Partial<KpiReport> = {}): KpiReport {
  return {
    from: '2026-10',
    to: '2026-10',
    by: 'unit',
    formulas: FORMULAS,
    rows: [
      {
        code: ROOM1,
        name: '第一办理室',
        level: 'county',
        kind: 'unit',
        rates: {
          timelyAcceptance: { numerator: 6, denominator: 7, rate: 6 / 7 },
          onTimeClosure: { numerator: 3, denominator: 3, rate: 1 },
          satisfaction: { numerator: 0, denominator: 0, rate: null },
          repeatRate: { numerator: 0, denominator: 7, rate: 0 },
          firstTimeResolution: { numerator: 0, denominator: 0, rate: null },
        },
        counts: { received: 7, accepted: 6, declined: 1, transferred: 2, returned: 0, supervised: 1, overdue: 2 },
      },
    ],
    ...extra,
  };
}

const TREND: KpiTrend = { months: ['2025-11', '2025-12'], rates: { timelyAcceptance: [1, null] }, counts: {} };
const CASES: KpiCasePage = {
  total: 21,
  items: [
    { petitionId: 'p1', number: 'XF-990102-2026-000042', category: 'complaint', doneAt: '2026-10-09T02:00:00.000Z', dueAt: '2026-10-16T15:59:59.000Z', met: true },
    { petitionId: 'p2', number: 'XF-990102-2026-000043', category: 'suggestion', doneAt: '2026-10-30T02:00:00.000Z', dueAt: null, met: false },
  ],
};

function answer(kpis: () => KpiReport = () => report()) {
  return stubApi((url) => {
    const path = url.split('?')[0];
    if (path === '/api/kpis') return json(200, kpis());
    if (path === '/api/kpis/trend') return json(200, TREND);
    if (path === '/api/kpis/cases') return json(200, CASES);
    if (path === '/api/kpis/cases/export') return new Response('xlsx', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="kpi-cases.xlsx"' } });
    if (path === '/api/org/units') return json(200, [{ code: SUPERVISOR.unitCode, name: '东湖区信访局', regionCode: '990102', active: true }]);
    if (path === '/api/org/regions')
      return json(200, [
        { code: '990100', name: '临江市', level: 'city', parentCode: null },
        { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
        { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
      ]);
    return undefined;
  });
}

async function mountPage(): Promise<VueWrapper> {
  const Stub = defineComponent({ template: '<div />' });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/supervision/assessment', component: Stub },
      { path: '/workbench/tasks', component: Stub },
    ],
  });
  await router.push('/supervision/assessment');
  await router.isReady();
  const wrapper = mount(AssessmentView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await settle();
  return wrapper;
}

const kpiCalls = (calls: Call[]) => calls.filter((c) => c.url.startsWith('/api/kpis?')).map((c) => c.url);
const cell = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"]`);

describe('the assessment pages', () => {
  it('are in the navigation of supervisors and unit heads only', () => {
    const has = (roles: string[], testId: string) => navFor([supervisionWorkspace], roles).some((n) => n.testId === testId);
    for (const testId of ['nav-supervision-assessment', 'nav-supervision-assessment-ranking']) {
      expect(['supervisor', 'unit-head', 'handler', 'registrar'].map((r) => has([r], testId))).toEqual([true, true, false, false]);
    }
    const routes = supervisionWorkspace.routes.filter((r) => String(r.name).startsWith('supervision-assessment'));
    expect(routes.map((r) => [r.path, r.meta?.roles])).toEqual([
      ['/supervision/assessment', ['supervisor', 'unit-head']],
      ['/supervision/assessment/ranking', ['supervisor', 'unit-head']],
    ]);
  });
});

describe('the KPI dashboard', () => {
  it('asks for the last full month by unit and shows each rate as a percentage of its parts, no data as 暂无数据', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find(`[data-testid="row-${ROOM1}"]`).exists()).toBe(true));
    expect(kpiCalls(calls)).toEqual(['/api/kpis?from=2026-10&to=2026-10&by=unit']);

    expect(cell(wrapper, `rate-${ROOM1}-timelyAcceptance-value`).text()).toBe('85.7%');
    expect(cell(wrapper, `rate-${ROOM1}-timelyAcceptance-numerator`).text()).toBe('6');
    expect(cell(wrapper, `rate-${ROOM1}-timelyAcceptance-denominator`).text()).toBe('7');
    expect(cell(wrapper, `rate-${ROOM1}-onTimeClosure-value`).text()).toBe('100%');
    expect(cell(wrapper, `rate-${ROOM1}-repeatRate-value`).text()).toBe('0%');
    // nothing measured: no data, never 0 % or 100 %, and no parts to click
    for (const key of ['satisfaction', 'firstTimeResolution']) {
      const rate = cell(wrapper, `rate-${ROOM1}-${key}`);
      expect(rate.text()).toBe('暂无数据');
      expect(rate.text()).not.toContain('%');
      expect(rate.find('button').exists()).toBe(false);
    }

    // the tooltip: parts, formula and source
    const tooltips = wrapper.findAllComponents(ElTooltip).map((tip) => String(tip.props('content')));
    expect(tooltips).toContain('及时受理率：6 / 7（85.7%）\n计算公式：受理期限内作出受理决定的件数 / 作出受理决定的件数\n依据：信访工作条例 第二十三条');
    expect(tooltips).toContain('满意率（责任单位）：0 / 0（暂无数据）\n计算公式：（满意 + 基本满意）/ 参评件数\n依据：信访工作条例 第三十三条');

    // the table's headers name the rates and counts
    const headers = wrapper.get('[data-testid="assessment-table"]').findAll('th').map((th) => th.text());
    expect(headers).toEqual(expect.arrayContaining(['单位', '及时受理率', '按期办结率', '满意率（责任单位）', '登记', '受理', '督办', '超期', '趋势']));
    // a count the API did not send reads as unknown, not 0
    expect(cell(wrapper, `count-${ROOM1}-collective`).text()).toBe('—');
    expect(cell(wrapper, `count-${ROOM1}-returned`).text()).toBe('0');

    // the first row's trend: the twelve months up to the period's end
    await until(() => expect(calls.some((c) => c.url.startsWith('/api/kpis/trend'))).toBe(true));
    expect(calls.find((c) => c.url.startsWith('/api/kpis/trend'))!.url).toBe(`/api/kpis/trend?from=2025-11&to=2026-10&unitCode=${ROOM1}`);
    await until(() => expect(wrapper.get('[data-testid="assessment-trend"]').text()).toContain('第一办理室 月度趋势（2025-11 至 2026-10）'));

    // in English
    i18n.global.locale.value = 'en';
    await settle();
    expect(cell(wrapper, `rate-${ROOM1}-satisfaction`).text()).toBe('No data');
    wrapper.unmount();
  });

  it('turns a quarter and a year into their months, and groups by region', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(kpiCalls(calls)).toHaveLength(1));
    const select = (testId: string) => wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-testid') === testId)!;

    await wrapper.get('[data-testid="period-kind-quarter"] input').setValue(true);
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2026-10&to=2026-12&by=unit'));
    select('period-year').vm.$emit('update:modelValue', 2025);
    await settle();
    select('period-quarter').vm.$emit('update:modelValue', 2);
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2025-04&to=2025-06&by=unit'));

    await wrapper.get('[data-testid="period-kind-year"] input').setValue(true);
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2025-01&to=2025-12&by=unit'));

    await wrapper.get('[data-testid="assessment-by-region"] input').setValue(true);
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2025-01&to=2025-12&by=region'));
    // a region of the supervisor's area narrows it
    await until(() => expect(select('assessment-region').findAllComponents({ name: 'ElOption' })).toHaveLength(2));
    select('assessment-region').vm.$emit('update:modelValue', '990102001');
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2025-01&to=2025-12&by=region&regionCode=990102001'));
    wrapper.unmount();
  });

  it('drills from a numerator, a count and overdue work into the cases, page by page, each leading to its case', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find(`[data-testid="rate-${ROOM1}-timelyAcceptance-numerator"]`).exists()).toBe(true));
    const caseCalls = () => calls.filter((c) => c.url.startsWith('/api/kpis/cases')).map((c) => c.url);

    await cell(wrapper, `rate-${ROOM1}-timelyAcceptance-numerator`).trigger('click');
    await until(() => expect(caseCalls()).toHaveLength(1));
    expect(caseCalls()[0]).toBe(`/api/kpis/cases?from=2026-10&to=2026-10&unitCode=${ROOM1}&metric=timely-acceptance&missed=false&page=1&pageSize=20`);
    await until(() => expect(document.querySelector('[data-testid="case-link-XF-990102-2026-000042"]')).not.toBeNull());
    const drawer = document.querySelector('[data-testid="case-drawer"]')!;
    expect(drawer.textContent).toContain('第一办理室 · 及时受理率 · 分子');
    expect(drawer.textContent).toContain('申诉求决类');
    expect(drawer.textContent).toContain('2026-10-09');
    expect(drawer.textContent).toContain('2026-10-16');
    expect(document.querySelector('[data-testid="case-met-XF-990102-2026-000043"]')!.textContent).toBe('未达标');
    expect(document.querySelector('[data-testid="case-link-XF-990102-2026-000042"]')!.getAttribute('href')).toBe('/workbench/tasks?number=XF-990102-2026-000042');

    // the missed ones of the same rate
    (document.querySelector('[data-testid="case-filter-missed"] input') as HTMLInputElement).click();
    await until(() => expect(caseCalls()).toHaveLength(2));
    expect(caseCalls()[1]).toBe(`/api/kpis/cases?from=2026-10&to=2026-10&unitCode=${ROOM1}&metric=timely-acceptance&missed=true&page=1&pageSize=20`);

    // the next page
    const next = document.querySelector('[data-testid="case-drawer"] .btn-next') as HTMLButtonElement;
    next.click();
    await until(() => expect(caseCalls()).toHaveLength(3));
    expect(caseCalls()[2]).toContain('&page=2&pageSize=20');

    // a count: all facts of its metric
    await cell(wrapper, `count-${ROOM1}-transferred`).trigger('click');
    await until(() => expect(caseCalls()).toHaveLength(4));
    expect(caseCalls()[3]).toBe(`/api/kpis/cases?from=2026-10&to=2026-10&unitCode=${ROOM1}&metric=transferred&page=1&pageSize=20`);

    // overdue work: every metric's missed facts
    await cell(wrapper, `count-${ROOM1}-overdue`).trigger('click');
    await until(() => expect(caseCalls()).toHaveLength(5));
    expect(caseCalls()[4]).toBe(`/api/kpis/cases?from=2026-10&to=2026-10&unitCode=${ROOM1}&missed=true&page=1&pageSize=20`);
    wrapper.unmount();
  });

  it('drills into the metric the API names, and by region for a region row', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const byRegion = report({
      by: 'region',
      drill: { timelyAcceptance: 'acceptance-decided', overdue: 'overdue-task' },
      rows: [{ ...report().rows[0]!, code: '990102001', name: '东湖街道', level: 'township', kind: 'region' }],
    });
    const calls = answer(() => byRegion);
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="rate-990102001-timelyAcceptance-denominator"]').exists()).toBe(true));
    await cell(wrapper, 'rate-990102001-timelyAcceptance-denominator').trigger('click');
    await until(() => expect(calls.some((c) => c.url.startsWith('/api/kpis/cases'))).toBe(true));
    expect(calls.find((c) => c.url.startsWith('/api/kpis/cases'))!.url).toBe('/api/kpis/cases?from=2026-10&to=2026-10&regionCode=990102001&metric=acceptance-decided&page=1&pageSize=20');
    expect(calls.find((c) => c.url.startsWith('/api/kpis/trend'))!.url).toBe('/api/kpis/trend?from=2025-11&to=2026-10&regionCode=990102001');
    wrapper.unmount();
  });

  it('offers no drill-down or trend for a tier row', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    const byTier = report({ by: 'tier', rows: [{ ...report().rows[0]!, code: 'county', name: '县级', level: 'county', kind: 'tier' }] });
    const calls = answer(() => byTier);
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="rate-county-timelyAcceptance-numerator"]').exists()).toBe(true));
    expect(cell(wrapper, 'rate-county-timelyAcceptance-numerator').element.tagName).toBe('SPAN');
    expect(cell(wrapper, 'count-county-transferred').element.tagName).toBe('SPAN');
    expect(cell(wrapper, 'trend-county').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="trend-none"]').text()).toContain('请在表格中点击');
    expect(calls.some((c) => c.url.startsWith('/api/kpis/trend'))).toBe(false);
    wrapper.unmount();
  });

  it('exports the cases behind a figure with the drawer’s query, without paging', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find(`[data-testid="rate-${ROOM1}-timelyAcceptance-numerator"]`).exists()).toBe(true));
    await cell(wrapper, `rate-${ROOM1}-timelyAcceptance-numerator`).trigger('click');
    await until(() => expect(document.querySelector('[data-testid="case-link-XF-990102-2026-000042"]')).not.toBeNull());
    (document.querySelector('[data-testid="case-drawer-export"]') as HTMLButtonElement).click();
    await until(() => expect(calls.some((c) => c.url.startsWith('/api/kpis/cases/export'))).toBe(true));
    expect(calls.find((c) => c.url.startsWith('/api/kpis/cases/export'))!.url).toBe(
      `/api/kpis/cases/export?from=2026-10&to=2026-10&unitCode=${ROOM1}&metric=timely-acceptance&missed=false`,
    );
    wrapper.unmount();
  });

  it('exports the table with the same query, and shows the API’s message when it refuses', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(SUPERVISOR);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    let refuse = false;
    const calls = stubApi((url) => {
      const path = url.split('?')[0];
      if (path === '/api/kpis' && refuse) return json(400, { statusCode: 400, message: '统计期间须为 1 至 36 个月，且开始月份不晚于结束月份' });
      if (path === '/api/kpis') return json(200, report());
      if (path === '/api/kpis/export') return new Response('xlsx', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="kpis-2026-10.xlsx"' } });
      if (path === '/api/kpis/trend') return json(200, TREND);
      if (path.startsWith('/api/org/')) return json(200, []);
      return undefined;
    });
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find(`[data-testid="row-${ROOM1}"]`).exists()).toBe(true));
    await wrapper.get('[data-testid="assessment-by-tier"] input').setValue(true);
    await until(() => expect(kpiCalls(calls).at(-1)).toBe('/api/kpis?from=2026-10&to=2026-10&by=tier'));
    await wrapper.get('[data-testid="assessment-export"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('已导出 kpis-2026-10.xlsx'));
    expect(calls.find((c) => c.url.startsWith('/api/kpis/export'))!.url).toBe('/api/kpis/export?from=2026-10&to=2026-10&by=tier');

    refuse = true;
    await wrapper.get('[data-testid="assessment-by-unit"] input').setValue(true);
    await until(() => expect(wrapper.get('[data-testid="assessment-error"]').text()).toContain('统计期间须为 1 至 36 个月'));
    expect([...document.querySelectorAll('.el-message')].map((m) => m.textContent).join(' ')).toContain('统计期间须为 1 至 36 个月');
    wrapper.unmount();
  });
});

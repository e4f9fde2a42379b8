// @vitest-environment happy-dom
// 考核排名: the scores of peer units, their parts and the scoring table's version.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { i18n } from '@/i18n';
import RankingView from '@/workspaces/supervision/assessment/RankingView.vue';
import type { ScoreReport } from '@/workspaces/supervision/assessment/types';
import { json, settle, until, usePageTests } from '../../helpers/page';
import { signIn, stubApi, type Call } from '../../helpers/workbench';

vi.mock('@/workspaces/supervision/assessment/AssessmentChart.vue', () => ({
  default: { name: 'AssessmentChart', props: ['option', 'title', 'empty', 'emptyText', 'height'], template: '<div data-testid="chart-stub">{{ title }}</div>' },
}));

usePageTests();
afterEach(() => vi.useRealTimers());

const CITY_SUPERVISOR = { username: 'city.supervisor', displayName: '李督查', unitCode: '990100-petition-office', unitName: '临江市信访局', roles: ['supervisor'] };
const COUNTY_HEAD = { username: 'donghu.head', displayName: '赵局长', unitCode: '990102-petition-office', unitName: '东湖区信访局', roles: ['unit-head'] };

const REGIONS = [
  { code: '990100', name: '临江市', level: 'city', parentCode: null },
  { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
  { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
  { code: '990121', name: '西山县', level: 'county', parentCode: '990100' },
];
const UNITS = [
  { code: '990100-petition-office', name: '临江市信访局', regionCode: '990100', active: true },
  { code: '990102-petition-office', name: '东湖区信访局', regionCode: '990102', active: true },
];

function scores(extra: Partial<ScoreReport> = {}): ScoreReport {
  return {
    period: '2026-10',
    closed: true,
    decision: { key: 'assessment-scoring', version: 3 },
    rows: [
      {
        rank: 1,
        regionCode: '990102',
        name: '东湖区',
        score: 92.5,
        parts: [
          { indicator: 'timelyAcceptance', kind: 'weight', points: 30, value: 1 },
          { indicator: 'onTimeClosure', kind: 'weight', points: 25.5, value: 0.85 },
          { indicator: 'satisfaction', kind: 'weight', points: 0, value: null },
          { indicator: 'supervised', kind: 'deduction', points: -2, value: 1 },
        ],
      },
      { rank: 2, regionCode: '990121', name: '西山县', score: null, parts: [] },
    ],
    ...extra,
  };
}

function answer(report: () => ScoreReport = () => scores()) {
  return stubApi((url) => {
    const path = url.split('?')[0];
    if (path === '/api/scores') return json(200, report());
    if (path === '/api/scores/export') return new Response('xlsx', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="scores.xlsx"' } });
    if (path === '/api/org/units') return json(200, UNITS);
    if (path === '/api/org/regions') return json(200, REGIONS);
    return undefined;
  });
}

async function mountPage(): Promise<VueWrapper> {
  const wrapper = mount(RankingView, { global: { plugins: [i18n] }, attachTo: document.body });
  await settle();
  return wrapper;
}

const scoreCalls = (calls: Call[]) => calls.filter((c) => c.url.startsWith('/api/scores?')).map((c) => c.url);

describe('the ranking', () => {
  it('ranks a city’s counties for the last full month, with each score’s parts, the period’s state and the table version', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(CITY_SUPERVISOR);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(wrapper.find('[data-testid="ranking-row-990102"]').exists()).toBe(true));
    expect(scoreCalls(calls)).toEqual(['/api/scores?period=2026-10&level=county']);

    expect(wrapper.get('[data-testid="rank-990102"]').text()).toBe('1');
    expect(wrapper.get('[data-testid="score-990102"]').text()).toBe('92.5');
    expect(wrapper.get('[data-testid="score-990121"]').text()).toBe('暂无数据');
    expect(wrapper.get('[data-testid="ranking-version"]').text()).toContain('评分表版本 v3');
    expect(wrapper.get('[data-testid="ranking-closed"]').text()).toBe('已关账，分数不再变动');
    const headers = wrapper.get('[data-testid="ranking-table"]').findAll('th').map((th) => th.text());
    expect(headers).toEqual(expect.arrayContaining(['构成', '名次', '单位', '得分']));

    // the parts, once the row is expanded
    await wrapper.get('[data-testid="ranking-table"] tbody tr button.el-table__expand-icon').trigger('click');
    await until(() => expect(wrapper.find('[data-testid="parts-990102"]').exists()).toBe(true));
    const part = (indicator: string) =>
      wrapper
        .get(`[data-testid="part-990102-${indicator}"]`)
        .findAll('td')
        .map((td) => td.text());
    expect(part('timelyAcceptance')).toEqual(['及时受理率', '权重 × 指标值', '100%', '+30']);
    expect(part('onTimeClosure')).toEqual(['按期办结率', '权重 × 指标值', '85%', '+25.5']);
    expect(part('satisfaction')).toEqual(['满意率（责任单位）', '权重 × 指标值', '暂无数据', '0']);
    expect(part('supervised')).toEqual(['督办', '扣分', '1', '-2']);
    expect(wrapper.get('[data-testid="parts-990102"] th').text()).toBe('指标');

    // in English
    i18n.global.locale.value = 'en';
    await settle();
    expect(wrapper.get('[data-testid="ranking-version"]').text()).toContain('Scoring table version v3');
    expect(part('supervised')).toEqual(['Supervision notices', 'Deduction', '1', '-2']);
    wrapper.unmount();
  });

  it('says when the period is still open, and asks for another month and for the townships of a county', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(CITY_SUPERVISOR);
    const calls = answer(() => scores({ closed: false, period: '2026-10' }));
    const wrapper = await mountPage();
    await until(() => expect(wrapper.get('[data-testid="ranking-closed"]').text()).toBe('未关账，分数为暂定'));
    const select = (testId: string) => wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-testid') === testId)!;
    // scores are closed month by month: only months are offered
    expect(wrapper.find('[data-testid="period-kind-quarter"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="period-kind-year"]').exists()).toBe(false);
    await until(() => expect(scoreCalls(calls).at(-1)).toBe('/api/scores?period=2026-10&level=county'));

    await wrapper.get('[data-testid="ranking-level-township"] input').setValue(true);
    await until(() => expect(scoreCalls(calls).at(-1)).toBe('/api/scores?period=2026-10&level=township&regionCode=990102'));
    select('ranking-county').vm.$emit('update:modelValue', '990121');
    await until(() => expect(scoreCalls(calls).at(-1)).toBe('/api/scores?period=2026-10&level=township&regionCode=990121'));
    wrapper.unmount();
  });

  it('ranks the townships of a county head’s own county, and exports the same query', async () => {
    vi.setSystemTime(new Date('2026-11-26T06:00:00.000Z'));
    signIn(COUNTY_HEAD);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const calls = answer();
    const wrapper = await mountPage();
    await until(() => expect(scoreCalls(calls)).toEqual(['/api/scores?period=2026-10&level=township&regionCode=990102']));
    await wrapper.get('[data-testid="ranking-export"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('已导出 scores.xlsx'));
    expect(calls.find((c) => c.url.startsWith('/api/scores/export'))!.url).toBe('/api/scores/export?period=2026-10&level=township&regionCode=990102');
    wrapper.unmount();
  });

  it('shows the API’s message when the scores cannot be read', async () => {
    signIn(CITY_SUPERVISOR);
    stubApi((url) => {
      if (url.startsWith('/api/scores')) return json(403, { statusCode: 403, message: '您没有查看该县（区）排名的权限' });
      if (url.startsWith('/api/org/')) return json(200, []);
      return undefined;
    });
    const wrapper = await mountPage();
    await until(() => expect(wrapper.get('[data-testid="ranking-error"]').text()).toContain('您没有查看该县（区）排名的权限'));
    expect(wrapper.get('[data-testid="ranking-table"]').text()).toContain('排名未能加载');
    wrapper.unmount();
  });
});

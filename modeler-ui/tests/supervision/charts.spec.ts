// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, translate } from '@/i18n';
import { ageingOption, byLevelOption, byStepOption, byUnitOption } from '@/workspaces/supervision/charts';
import { ageingLabel, chinaDateTime, fileNameFrom, levelLabel, reportQuery, stepLabel } from '@/workspaces/supervision/labels';
import type { OverdueReport } from '@/workspaces/supervision/types';
import { STEPS } from '@/workspaces/supervision/types';
import { downloadOverdueExcel } from '@/workspaces/supervision/api';
import { setUnauthorizedHandler } from '@/api';
import { session } from '@/auth/session';

const report: OverdueReport = {
  at: '2026-11-26T06:00:00.000Z',
  windowDays: 3,
  scope: { unitCode: null, regionCode: '990102' },
  totals: { overdue: 7, nearDue: 2 },
  byUnit: [
    { unit: { code: 'a', name: '第一办理室' }, level: 'county', overdue: 5, nearDue: 1 },
    { unit: { code: 'b', name: '东湖街道' }, level: 'township', overdue: 2, nearDue: 1 },
  ],
  byLevel: [
    { level: 'county', overdue: 5, nearDue: 1 },
    { level: 'township', overdue: 2, nearDue: 1 },
    { level: 'village', overdue: 0, nearDue: 0 },
  ],
  byStep: [
    { step: 'accept-decision', overdue: 4, nearDue: 2 },
    { step: 'handle-petition', overdue: 3, nearDue: 0 },
  ],
  ageing: [
    { bucket: '0-3', overdue: 3 },
    { bucket: '4-7', overdue: 2 },
    { bucket: '8-15', overdue: 1 },
    { bucket: '16-30', overdue: 0 },
    { bucket: '>30', overdue: 1 },
  ],
  total: 9,
  items: [],
};

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

describe('labels', () => {
  it('names every step, level and ageing bucket in Chinese and in English', () => {
    for (const step of STEPS) expect(stepLabel(translate, step)).not.toBe(step);
    expect(stepLabel(translate, 'accept-decision')).toBe('受理决定');
    expect(stepLabel(translate, 'handle-petition')).toBe('调查核实');
    expect(stepLabel(translate, 'forward-to-township')).toBe('代办转交乡镇');
    expect(stepLabel(translate, 'some-new-step')).toBe('some-new-step');
    expect(levelLabel(translate, 'township')).toBe('乡');
    expect(ageingLabel(translate, '>30')).toBe('30 天以上');
    expect(ageingLabel(translate, '4-7')).toBe('4–7 天');
    i18n.global.locale.value = 'en';
    expect(stepLabel(translate, 'accept-decision')).toBe('Acceptance decision');
    expect(ageingLabel(translate, '0-3')).toBe('0–3 days');
  });

  it('shows times in China time', () => {
    expect(chinaDateTime('2026-11-25T16:30:00.000Z')).toBe('2026-11-26 00:30');
    expect(chinaDateTime(null)).toBe('');
    expect(chinaDateTime('nonsense')).toBe('');
  });

  it('builds the query string without empty filters', () => {
    expect(reportQuery({ level: '', unitCode: 'x y', step: undefined, minDaysOverdue: null, firstResult: 0 })).toBe('?unitCode=x+y&firstResult=0');
    expect(reportQuery({})).toBe('');
  });

  it('reads the file name from Content-Disposition, the UTF-8 one first', () => {
    expect(fileNameFrom(`attachment; filename="overdue-report-2026-11-26.xlsx"; filename*=UTF-8''${encodeURIComponent('超期督办-2026-11-26.xlsx')}`, 'x')).toBe(
      '超期督办-2026-11-26.xlsx',
    );
    expect(fileNameFrom('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx');
    expect(fileNameFrom(null, 'x')).toBe('x');
  });
});

describe('chart options from the report', () => {
  it('stacks overdue and near-due per unit, the largest on top', () => {
    const option = byUnitOption(report, translate);
    expect(option.yAxis.data).toEqual(['东湖街道', '第一办理室']);
    expect(option.series.map((s) => s.name)).toEqual(['超期', '临期']);
    expect(option.series[0]!.data).toEqual([2, 5]);
    expect(option.series[1]!.data).toEqual([1, 1]);
  });

  it('keeps at most ten units', () => {
    const many = { ...report, byUnit: Array.from({ length: 14 }, (_, i) => ({ unit: { code: `u${i}`, name: `单位${i}` }, level: 'county' as const, overdue: 14 - i, nearDue: 0 })) };
    expect(byUnitOption(many, translate).yAxis.data).toHaveLength(10);
  });

  it('draws levels with overdue or near-due tasks as bars with Chinese names', () => {
    // stacked bars, top to bottom in the hierarchy's order (ECharts draws the first category at the bottom)
    const option = byLevelOption(report, translate);
    expect(option.yAxis.data).toEqual(['乡', '县']);
    expect(option.series[0]!.data).toEqual([2, 5]);
    expect(option.series[1]!.data).toEqual([1, 1]);
  });

  it('names the steps and keeps the ageing buckets in order', () => {
    expect(byStepOption(report, translate).yAxis.data).toEqual(['调查核实', '受理决定']);
    const ageing = ageingOption(report, translate);
    expect(ageing.xAxis.data).toEqual(['0–3 天', '4–7 天', '8–15 天', '16–30 天', '30 天以上']);
    expect(ageing.series[0]!.data.map((d) => d.value)).toEqual([3, 2, 1, 0, 1]);
  });

  it('follows the language', () => {
    i18n.global.locale.value = 'en';
    expect(byStepOption(report, translate).yAxis.data).toEqual(['Investigation', 'Acceptance decision']);
    expect(byUnitOption(report, translate).series[0]!.name).toBe('Overdue');
  });
});

describe('the Excel download', () => {
  it('fetches the workbook with the filters and hands it over as a file', async () => {
    const calls: string[] = [];
    const create = vi.fn(() => 'blob:x');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const fake = (async (input: string) => {
      calls.push(input);
      return new Response(new Blob(['x']), {
        status: 200,
        headers: { 'Content-Disposition': `attachment; filename="overdue-report-2026-11-26.xlsx"` },
      });
    }) as unknown as typeof fetch;
    const name = await downloadOverdueExcel({ level: 'county', unitCode: '', step: 'accept-decision' }, fake);
    expect(name).toBe('overdue-report-2026-11-26.xlsx');
    expect(calls).toEqual(['/api/reports/overdue.xlsx?level=county&step=accept-decision']);
    expect(create).toHaveBeenCalled();
  });

  it('turns a refusal into the API’s message', async () => {
    const fake = (async () =>
      new Response(JSON.stringify({ statusCode: 403, message: '您没有执行此操作的权限' }), { status: 403 })) as unknown as typeof fetch;
    await expect(downloadOverdueExcel({}, fake)).rejects.toMatchObject({ message: '您没有执行此操作的权限', status: 403 });
  });

  it('sends an expired session back to sign-in through the handler the app registers (the router is not imported here)', async () => {
    const expired = vi.fn();
    setUnauthorizedHandler(expired);
    session.signIn({ accessToken: 'old-token', user: { username: 'donghu.supervisor', displayName: '督查', unitCode: '', unitName: '', roles: ['supervisor'] } });
    try {
      const fake = (async () => new Response(JSON.stringify({ statusCode: 401, message: '登录已过期' }), { status: 401 })) as unknown as typeof fetch;
      await expect(downloadOverdueExcel({}, fake)).rejects.toMatchObject({ message: '登录已过期', status: 401 });
      expect(expired).toHaveBeenCalledTimes(1);
    } finally {
      session.signOut();
      setUnauthorizedHandler(() => undefined);
    }
  });
});

describe('the unit filter', () => {
  const regions = [
    { code: '990100', name: '市', level: 'city' as const, parentCode: null },
    { code: '990102', name: '东湖区', level: 'county' as const, parentCode: '990100' },
    { code: '990102001', name: '东湖街道', level: 'township' as const, parentCode: '990102' },
    { code: '990121', name: '西山县', level: 'county' as const, parentCode: '990100' },
  ];
  const units = [
    { code: 'b-room', name: '第一办理室', regionCode: '990102', active: true },
    { code: 'a-street', name: '东湖街道办', regionCode: '990102001', active: true },
    { code: 'c-west', name: '西山县信访局', regionCode: '990121', active: true },
    { code: 'd-old', name: '已撤销单位', regionCode: '990102', active: false },
  ];

  it('offers a county supervisor the county and below, a city supervisor everything, a unit head their unit', async () => {
    const { unitsInScope } = await import('@/workspaces/supervision/labels');
    expect(unitsInScope(units, regions, { unitCode: null, regionCode: '990102' }).map((u) => u.code)).toEqual(['a-street', 'b-room']);
    expect(unitsInScope(units, regions, { unitCode: null, regionCode: '990100' }).map((u) => u.code)).toEqual(['a-street', 'b-room', 'c-west']);
    expect(unitsInScope(units, regions, { unitCode: 'b-room', regionCode: null }).map((u) => u.code)).toEqual(['b-room']);
    expect(unitsInScope(units, [], null)).toHaveLength(3);
  });
});

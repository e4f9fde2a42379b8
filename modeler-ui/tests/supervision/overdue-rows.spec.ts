// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, translate } from '@/i18n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byLevelOption, hasData } from '@/workspaces/supervision/charts';
import { clickedElementId, HEAT_SCALE, heatColours, heatMarker, heatStepLink, heatSteps } from '@/workspaces/supervision/heat';
import { daysText, petitionPath } from '@/workspaces/supervision/labels';
import type { OverdueReport } from '@/workspaces/supervision/types';

// The diagram markers' rules, as the app ships them.
const styles = readFileSync(join(__dirname, '../../src/styles.css'), 'utf8');

afterEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

/** A county with near-due work only, and a township with some overdue: what users saw as "no data". */
const nearDueOnly: OverdueReport = {
  at: '2026-11-26T06:00:00.000Z',
  windowDays: 20,
  scope: { unitCode: null, regionCode: '990102' },
  totals: { overdue: 0, nearDue: 5 },
  byUnit: [
    { unit: { code: 'a', name: '第一办理室' }, level: 'county', overdue: 0, nearDue: 3 },
    { unit: { code: 'b', name: '东湖街道' }, level: 'township', overdue: 0, nearDue: 2 },
  ],
  byLevel: [
    { level: 'township', overdue: 0, nearDue: 2 },
    { level: 'county', overdue: 0, nearDue: 3 },
  ],
  byStep: [{ step: 'accept-decision', overdue: 0, nearDue: 5 }],
  ageing: [
    { bucket: '0-3', overdue: 0 },
    { bucket: '4-7', overdue: 0 },
    { bucket: '8-15', overdue: 0 },
    { bucket: '16-30', overdue: 0 },
    { bucket: '>30', overdue: 0 },
  ],
  total: 5,
  items: [],
};

describe('the level chart', () => {
  it('draws bars for the levels the table lists, near-due ones included', () => {
    const option = byLevelOption(nearDueOnly, translate);
    expect(hasData(option)).toBe(true);
    // county above township (ECharts draws the first category at the bottom)
    expect(option.yAxis.data).toEqual(['乡', '县']);
    expect(option.series.map((s) => s.name)).toEqual(['超期', '临期']);
    expect(option.series[0]!.data).toEqual([0, 0]);
    expect(option.series[1]!.data).toEqual([2, 3]);
  });

  it('says "no data" only when nothing is due', () => {
    const none = { ...nearDueOnly, totals: { overdue: 0, nearDue: 0 }, byLevel: [{ level: 'county' as const, overdue: 0, nearDue: 0 }], total: 0 };
    expect(hasData(byLevelOption(none, translate))).toBe(false);
  });
});

describe('the days column', () => {
  it('says how far past due or how long left, never a bare or negative number', () => {
    expect(daysText(translate, { status: 'overdue', daysOverdue: 3 })).toBe('超期 3 天');
    expect(daysText(translate, { status: 'near-due', daysOverdue: -16 })).toBe('剩余 16 天');
    expect(translate('supervision.overdue.table.daysOverdue')).toBe('超期/剩余');
    i18n.global.locale.value = 'en';
    expect(daysText(translate, { status: 'overdue', daysOverdue: 1 })).toBe('1 days overdue');
    expect(daysText(translate, { status: 'near-due', daysOverdue: -2 })).toBe('2 days left');
  });

  it('links a row to its case page', () => {
    expect(petitionPath('7b0c5c44-7d0e-4c5e-9a56-7a3f5e2f0001')).toBe('/workbench/petitions/7b0c5c44-7d0e-4c5e-9a56-7a3f5e2f0001');
  });
});

describe('the heat map legend and steps', () => {
  it('colours the legend with the diagram markers’ own fills and strokes, lightest first', () => {
    expect(HEAT_SCALE.map((s) => s.marker)).toEqual(['heat-open', 'heat-low', 'heat-mid', 'heat-high']);
    for (const step of HEAT_SCALE) {
      const rule = new RegExp(`\\.djs-element\\.${step.marker} \\.djs-visual > rect \\{([^}]*)\\}`).exec(styles)?.[1] ?? '';
      expect(rule).toContain(`fill: ${step.fill}`);
      expect(rule).toContain(`stroke: ${step.stroke}`);
      expect(translate(`supervision.heat.scale.${step.marker}`)).not.toContain('supervision.');
    }
    expect(heatColours({ activityId: 'a', open: 2, overdue: 2 })).toMatchObject({ fill: '#f89898' });
    expect(heatColours({ activityId: 'a', open: 0, overdue: 0 })).toBeNull();
    expect(heatMarker({ activityId: 'a', open: 4, overdue: 1 })).toBe('heat-low');
  });

  it('lists the steps with open tasks, hottest first, each leading to the report filtered by that step', () => {
    const steps = heatSteps([
      { activityId: 'handle-petition', open: 5, overdue: 1 },
      { activityId: 'reply-petition', open: 0, overdue: 0 },
      { activityId: 'accept-decision', open: 3, overdue: 2 },
    ]);
    expect(steps.map((s) => s.activityId)).toEqual(['accept-decision', 'handle-petition']);
    expect(heatStepLink('accept-decision')).toEqual({ path: '/supervision', query: { step: 'accept-decision' } });
  });

  it('finds the step a click on the diagram landed on: its shape or its badge', () => {
    document.body.innerHTML = `
      <g class="djs-element" data-element-id="accept-decision"><g class="djs-visual"><rect id="shape"></rect></g></g>
      <span class="bpmn-badge" data-badge-for="handle-petition" id="badge">在办 1</span>
      <p id="elsewhere"></p>`;
    expect(clickedElementId(document.getElementById('shape'))).toBe('accept-decision');
    expect(clickedElementId(document.getElementById('badge'))).toBe('handle-petition');
    expect(clickedElementId(document.getElementById('elsewhere'))).toBeNull();
    expect(clickedElementId(null)).toBeNull();
  });
});

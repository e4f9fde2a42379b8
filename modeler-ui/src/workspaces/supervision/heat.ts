import type { DiagramAnnotation } from '@/components/diagram-annotation';

export interface ActivityCount {
  activityId: string;
  open: number;
  overdue: number;
}

/** How hot an activity is: by the share of its open tasks that are overdue. */
export function heatMarker(count: ActivityCount): string {
  if (count.open === 0) return '';
  const share = count.overdue / count.open;
  if (share === 0) return 'heat-open';
  if (share < 0.5) return 'heat-low';
  if (share < 1) return 'heat-mid';
  return 'heat-high';
}

/** The badges and markers of the heat map, for the activities that have open tasks. */
export function heatAnnotations(counts: ActivityCount[], badge: (c: ActivityCount) => string): DiagramAnnotation[] {
  return counts
    .filter((c) => c.open > 0)
    .map((c) => ({ elementId: c.activityId, badge: badge(c), marker: heatMarker(c) }));
}

export type HeatMarker = 'heat-open' | 'heat-low' | 'heat-mid' | 'heat-high';

/**
 * The heat map's colour scale, lightest to darkest: the same fills and strokes as the diagram's
 * markers (src/styles.css, .djs-element.heat-*), so the legend reads like the cells it explains.
 */
export const HEAT_SCALE: readonly { marker: HeatMarker; fill: string; stroke: string }[] = [
  { marker: 'heat-open', fill: '#ecf5ff', stroke: '#409eff' },
  { marker: 'heat-low', fill: '#fdf6ec', stroke: '#e6a23c' },
  { marker: 'heat-mid', fill: '#fde2e2', stroke: '#f56c6c' },
  { marker: 'heat-high', fill: '#f89898', stroke: '#c45656' },
];

/** The colours of one step's marker (for its bar in the step list); null for a step without open tasks. */
export function heatColours(count: ActivityCount): { fill: string; stroke: string } | null {
  const marker = heatMarker(count);
  return HEAT_SCALE.find((s) => s.marker === marker) ?? null;
}

/** The steps with open tasks, hottest first (most overdue, then most open), for the clickable list. */
export function heatSteps(counts: ActivityCount[]): ActivityCount[] {
  return counts.filter((c) => c.open > 0).sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.activityId.localeCompare(b.activityId));
}

/** Where a step of the heat map leads: the overdue report filtered by that step. */
export function heatStepLink(step: string): { path: string; query: { step: string } } {
  return { path: '/supervision', query: { step } };
}

/** The diagram element a click landed on (bpmn-js draws each as an element with data-element-id), or a badge's. */
export function clickedElementId(target: EventTarget | null): string | null {
  if (!target || typeof (target as Element).closest !== 'function') return null;
  const element = target as Element;
  const badge = element.closest('[data-badge-for]');
  if (badge) return badge.getAttribute('data-badge-for');
  return element.closest('[data-element-id]')?.getAttribute('data-element-id') ?? null;
}

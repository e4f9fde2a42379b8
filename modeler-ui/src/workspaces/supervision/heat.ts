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

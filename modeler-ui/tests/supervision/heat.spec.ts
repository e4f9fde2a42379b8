import { describe, expect, it } from 'vitest';
import { heatAnnotations, heatMarker } from '@/workspaces/supervision/heat';

describe('the process heat map', () => {
  it('colours a step by the share of its open tasks that are overdue', () => {
    expect(heatMarker({ activityId: 'a', open: 4, overdue: 0 })).toBe('heat-open');
    expect(heatMarker({ activityId: 'a', open: 4, overdue: 1 })).toBe('heat-low');
    expect(heatMarker({ activityId: 'a', open: 4, overdue: 2 })).toBe('heat-mid');
    expect(heatMarker({ activityId: 'a', open: 4, overdue: 4 })).toBe('heat-high');
  });

  it('badges only the steps with open tasks, with the counts', () => {
    const annotations = heatAnnotations(
      [
        { activityId: 'accept-decision', open: 3, overdue: 2 },
        { activityId: 'handle-petition', open: 0, overdue: 0 },
      ],
      (c) => `${c.open}/${c.overdue}`,
    );
    expect(annotations).toEqual([{ elementId: 'accept-decision', badge: '3/2', marker: 'heat-mid' }]);
  });
});

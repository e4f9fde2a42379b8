import { describe, expect, it } from 'vitest';
import { pathAnnotations, processOfStep } from '@/workspaces/workbench/components/path';

describe('the path on the task page diagram', () => {
  const paths = [
    { processKey: 'petition', processInstanceId: 'root', passed: ['petition-received', 'register-petition'], current: ['handle-at-county'] },
    { processKey: 'unit-handling', processInstanceId: 'u1', passed: ['handling-requested', 'accept-decision'], current: [] },
    { processKey: 'unit-handling', processInstanceId: 'u2', passed: ['handling-requested', 'accept-decision'], current: ['handle-petition'] },
  ];

  it('knows which process a step belongs to', () => {
    expect(processOfStep('decide-dispute-city')).toBe('petition');
    expect(processOfStep('handle-petition')).toBe('unit-handling');
  });

  it('marks the passed steps and the current one of the instance waiting at the step', () => {
    expect(pathAnnotations(paths, 'handle-petition')).toEqual([
      { elementId: 'handling-requested', marker: 'path-passed' },
      { elementId: 'accept-decision', marker: 'path-passed' },
      { elementId: 'handle-petition', marker: 'path-current' },
    ]);
  });

  it('shows nothing when the petition has not entered that process', () => {
    expect(pathAnnotations(paths.slice(0, 1), 'handle-petition')).toEqual([]);
  });
});

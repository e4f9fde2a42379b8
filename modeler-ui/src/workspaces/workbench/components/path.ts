import { processOfStep } from '@/api/steps';
import type { DiagramAnnotation } from '@/components/diagram-annotation';

export interface PetitionPath {
  processKey: string;
  processInstanceId: string;
  passed: string[];
  current: string[];
}

export { processOfStep };

/**
 * Markers for the diagram of the task's process: the instance waiting at the step (else that process's
 * latest), its activities passed and the one it waits at.
 */
export function pathAnnotations(paths: PetitionPath[], step: string): DiagramAnnotation[] {
  const ofProcess = paths.filter((p) => p.processKey === processOfStep(step));
  const instance = ofProcess.find((p) => p.current.includes(step)) ?? ofProcess[ofProcess.length - 1];
  if (!instance) return [];
  return [
    ...instance.passed.filter((id) => !instance.current.includes(id)).map((elementId) => ({ elementId, marker: 'path-passed' })),
    ...instance.current.map((elementId) => ({ elementId, marker: 'path-current' })),
  ];
}

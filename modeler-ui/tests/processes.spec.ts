import { describe, expect, it } from 'vitest';
import { latestPerKey, pickDefaultKey } from '@/api/processes';
import type { ProcessDefinitionSummary } from '@/api/types';

function def(key: string, version: number, name: string | null = key): ProcessDefinitionSummary {
  return { id: `${key}:${version}:x`, key, name, version, deploymentId: `d-${key}-${version}` };
}

describe('process list helpers', () => {
  it('selects the petition process by default when it is deployed', () => {
    expect(pickDefaultKey([def('supervision', 1), def('petition', 3)])).toBe('petition');
  });

  it('falls back to the first process, or none for an empty list', () => {
    expect(pickDefaultKey([def('supervision', 1), def('review', 1)])).toBe('supervision');
    expect(pickDefaultKey([])).toBeNull();
  });

  it('keeps only the latest version of each key, in the order the API listed them', () => {
    const list = latestPerKey([
      def('petition', 1, '信访事项办理'),
      def('audit', 1, null),
      def('petition', 4, '信访事项办理'),
      def('petition', 2, '信访事项办理'),
    ]);
    expect(list.map((d) => `${d.key}@${d.version}`)).toEqual(['petition@4', 'audit@1']);
  });
});

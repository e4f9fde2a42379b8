import type { ApiClient } from './client';
import type { ProcessDefinitionSummary, ProcessDefinitionXml } from './types';

/** Key of the process selected when the list is first shown. */
export const DEFAULT_PROCESS_KEY = 'petition';

/** GET /api/processes */
export async function listProcesses(client: ApiClient): Promise<ProcessDefinitionSummary[]> {
  const result = await client.get<ProcessDefinitionSummary[] | null>('/processes');
  return Array.isArray(result) ? result : [];
}

/** GET /api/processes/{key}/xml */
export function getProcessXml(client: ApiClient, key: string): Promise<ProcessDefinitionXml> {
  return client.get<ProcessDefinitionXml>(`/processes/${encodeURIComponent(key)}/xml`);
}

/**
 * One entry per key (its highest version), in the order the API listed the keys.
 * The API is expected to list latest versions only; this keeps the list sane if it does not.
 */
export function latestPerKey(list: ProcessDefinitionSummary[]): ProcessDefinitionSummary[] {
  const byKey = new Map<string, ProcessDefinitionSummary>();
  for (const def of list) {
    const seen = byKey.get(def.key);
    if (!seen || def.version > seen.version) byKey.set(def.key, def);
  }
  return [...byKey.values()];
}

/** The key to show first: "petition" when deployed, else the first in the list. */
export function pickDefaultKey(list: ProcessDefinitionSummary[]): string | null {
  if (list.some((d) => d.key === DEFAULT_PROCESS_KEY)) return DEFAULT_PROCESS_KEY;
  return list[0]?.key ?? null;
}

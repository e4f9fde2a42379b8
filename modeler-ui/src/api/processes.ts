import type { ApiClient } from './client';
import type { DeploymentResult, ProcessDefinitionSummary, ProcessDefinitionXml } from './types';

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

/** Content type of a deployable file, by its extension (.bpmn / .dmn are XML, .form is JSON). */
function contentTypeOf(fileName: string): string {
  return fileName.toLowerCase().endsWith('.form') ? 'application/json' : 'application/xml';
}

/**
 * POST /api/processes/deploy: one .bpmn, .dmn or .form file as multipart field "files". The engine
 * names the resource after `fileName`, and deploys nothing when it equals the latest version.
 */
export function deployFile(client: ApiClient, fileName: string, content: string): Promise<DeploymentResult> {
  const form = new FormData();
  form.append('files', new File([content], fileName, { type: contentTypeOf(fileName) }));
  return client.post<DeploymentResult>('/processes/deploy', form);
}

/** POST /api/processes/deploy: one BPMN diagram, named "<key>.bpmn". */
export function deployProcessXml(client: ApiClient, key: string, xml: string): Promise<DeploymentResult> {
  return deployFile(client, `${key}.bpmn`, xml);
}

/** The version deployed for `key` ("key:7" → 7) among `kind`, or null when the deployment holds none. */
export function deployedVersion(
  result: DeploymentResult | null | undefined,
  key: string,
  kind: 'processes' | 'decisions' | 'forms' = 'processes',
): number | null {
  for (const entry of result?.[kind] ?? []) {
    const at = entry.lastIndexOf(':');
    if (entry.slice(0, at) === key) {
      const version = Number(entry.slice(at + 1));
      if (Number.isInteger(version)) return version;
    }
  }
  return null;
}

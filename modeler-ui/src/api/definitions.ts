import type { ApiClient } from './client';

/** What the modeler edits: BPMN processes, DMN decisions, Camunda Forms. */
export type DefinitionKind = 'process' | 'decision' | 'form';

export const DEFINITION_KINDS: DefinitionKind[] = ['process', 'decision', 'form'];

/** File extension of each kind, as deployed and as imported from disk. */
export const KIND_EXTENSION: Record<DefinitionKind, string> = { process: '.bpmn', decision: '.dmn', form: '.form' };

/** Route name of each kind's page. */
export const KIND_ROUTE: Record<DefinitionKind, string> = { process: 'processes', decision: 'decisions', form: 'forms' };

/** One definition key at its latest version, as the list shows it. */
export interface DefinitionSummary {
  kind: DefinitionKind;
  key: string;
  name: string | null;
  version: number;
  versionCount: number;
  deploymentId: string;
  /** Deployment resource (file) name, e.g. "routing.dmn"; deploying under the same name makes a new version. */
  resource: string;
  deployedAt: string | null;
  /** Running process instances (processes) or past evaluations (decisions); null for forms. */
  usage: number | null;
}

export interface DefinitionVersion {
  version: number;
  deploymentId: string;
  deployedAt: string | null;
  usage: number | null;
}

/** The deployed content of one version: XML for processes and decisions, JSON text for forms. */
export interface DefinitionContent {
  key: string;
  version: number;
  resource: string;
  content: string;
}

const BASE: Record<DefinitionKind, string> = { process: '/processes', decision: '/decisions', form: '/forms' };

interface RawSummary {
  key: string;
  name?: string | null;
  version: number;
  versionCount?: number;
  deploymentId: string;
  resource?: string;
  deployedAt?: string | null;
  runningInstances?: number;
  evaluations?: number;
}

function usageOf(kind: DefinitionKind, raw: { runningInstances?: number; evaluations?: number }): number | null {
  const value = kind === 'process' ? raw.runningInstances : kind === 'decision' ? raw.evaluations : undefined;
  return typeof value === 'number' ? value : null;
}

/** A resource name for a key that has none yet: "<key>.bpmn" etc. */
export function resourceFor(kind: DefinitionKind, key: string): string {
  return `${key}${KIND_EXTENSION[kind]}`;
}

export function toSummary(kind: DefinitionKind, raw: RawSummary): DefinitionSummary {
  return {
    kind,
    key: raw.key,
    name: raw.name ?? null,
    version: raw.version,
    versionCount: raw.versionCount ?? 1,
    deploymentId: raw.deploymentId,
    resource: raw.resource || resourceFor(kind, raw.key),
    deployedAt: raw.deployedAt ?? null,
    usage: usageOf(kind, raw),
  };
}

/** GET /api/processes | /api/decisions | /api/forms: the latest version of every key, one entry per key. */
export async function listDefinitions(client: ApiClient, kind: DefinitionKind): Promise<DefinitionSummary[]> {
  const result = await client.get<RawSummary[] | null>(BASE[kind]);
  const byKey = new Map<string, DefinitionSummary>();
  for (const raw of Array.isArray(result) ? result : []) {
    const summary = toSummary(kind, raw);
    const seen = byKey.get(summary.key);
    if (!seen || summary.version > seen.version) byKey.set(summary.key, summary);
  }
  return [...byKey.values()];
}

/** GET …/{key}/versions, newest first. */
export async function listVersions(client: ApiClient, kind: DefinitionKind, key: string): Promise<DefinitionVersion[]> {
  const result = await client.get<Array<RawSummary & { version: number }> | null>(`${BASE[kind]}/${encodeURIComponent(key)}/versions`);
  return (Array.isArray(result) ? result : [])
    .map((raw) => ({ version: raw.version, deploymentId: raw.deploymentId, deployedAt: raw.deployedAt ?? null, usage: usageOf(kind, raw) }))
    .sort((a, b) => b.version - a.version);
}

/** The deployed content of `key` at `version` (latest when null). */
export async function getDefinitionContent(
  client: ApiClient,
  kind: DefinitionKind,
  key: string,
  version: number | null,
): Promise<DefinitionContent> {
  const query = version === null ? '' : `?version=${version}`;
  const path = `${BASE[kind]}/${encodeURIComponent(key)}/${kind === 'form' ? 'schema' : 'xml'}${query}`;
  const raw = await client.get<{ key: string; version: number; resource?: string; bpmn20Xml?: string; dmnXml?: string; schema?: string }>(path);
  const content = kind === 'process' ? raw.bpmn20Xml : kind === 'decision' ? raw.dmnXml : raw.schema;
  if (typeof content !== 'string' || content.trim() === '') throw new Error('empty definition');
  return { key: raw.key, version: raw.version, resource: raw.resource || resourceFor(kind, key), content };
}

/** The kind a file from disk holds, by its extension (.xml counts as BPMN, as bpmn.io tools save it). */
export function kindOfFile(fileName: string): DefinitionKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.bpmn') || lower.endsWith('.bpmn20.xml') || lower.endsWith('.xml')) return 'process';
  if (lower.endsWith('.dmn') || lower.endsWith('.dmn11.xml')) return 'decision';
  if (lower.endsWith('.form') || lower.endsWith('.json')) return 'form';
  return null;
}

/**
 * The key a file's content defines: the (first executable) process id, the first decision id, or
 * the form's id; null when there is none.
 */
export function keyOfContent(kind: DefinitionKind, content: string): string | null {
  if (kind === 'form') {
    try {
      const schema = JSON.parse(content) as { id?: unknown };
      return typeof schema.id === 'string' && schema.id.trim() !== '' ? schema.id : null;
    } catch {
      return null;
    }
  }
  const doc = new DOMParser().parseFromString(content, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  const local = kind === 'process' ? 'process' : 'decision';
  // by local name: files use any prefix (bpmn:, bpmn2:, none)
  const elements = [...doc.getElementsByTagName('*')].filter((e) => e.localName === local);
  const chosen = kind === 'process' ? elements.find((e) => e.getAttribute('isExecutable') === 'true') ?? elements[0] : elements[0];
  return chosen?.getAttribute('id') || null;
}

import type { DeploymentSummary, ProcessDefinition } from '../camunda/camunda-rest.client';
import { parseEngineDate } from '../camunda/camunda-variables';
import { DefinitionKind, definitionNotFound } from './definition-errors';

interface Versioned {
  key: string;
  version: number;
}

/** One key in the catalogue: its latest version as the engine has it, when that was deployed, how many versions. */
export interface DefinitionSummary extends ProcessDefinition {
  deployedAt: string | null;
  versionCount: number;
}

/** One version of a key. */
export interface DefinitionVersion {
  id: string;
  version: number;
  deploymentId: string;
  deployedAt: string | null;
}

/** A key's latest version summarized; what each kind counts on top is added by its catalogue. */
export function summaryOf(versions: ProcessDefinition[], deployedAt: Map<string, string>): DefinitionSummary {
  const { id, key, name, version, deploymentId, resource } = versions[0];
  return { id, key, name, version, deploymentId, resource, deployedAt: deployedAt.get(deploymentId) ?? null, versionCount: versions.length };
}

export function versionOf({ id, version, deploymentId }: Versioned & { id: string; deploymentId: string }, deployedAt: Map<string, string>): DefinitionVersion {
  return { id, version, deploymentId, deployedAt: deployedAt.get(deploymentId) ?? null };
}

/** Versions grouped by key, keys in alphabetical order, each key's versions newest first. */
export function groupByKey<T extends Versioned>(definitions: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const definition of [...definitions].sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version)) {
    const group = groups.get(definition.key);
    if (group) group.push(definition);
    else groups.set(definition.key, [definition]);
  }
  return groups;
}

/**
 * The requested version of one key (the latest when `version` is undefined), from its versions newest first.
 * Throws a 404 naming the key when there are none, or naming key and version when that version is missing.
 */
export function pickVersion<T extends Versioned>(kind: DefinitionKind, key: string, versions: T[], version?: number): T {
  if (versions.length === 0) throw definitionNotFound(kind, key);
  if (version === undefined) return versions.reduce((latest, v) => (v.version > latest.version ? v : latest));
  const found = versions.find((v) => v.version === version);
  if (!found) throw definitionNotFound(kind, key, version);
  return found;
}

/** ISO deployment time by deployment id. */
export function deploymentTimes(deployments: DeploymentSummary[]): Map<string, string> {
  return new Map(deployments.map((d) => [d.id, parseEngineDate(d.deploymentTime).toISOString()]));
}

import { Injectable } from '@nestjs/common';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { deploymentTimes, groupByKey, pickVersion } from './definition-versions';

export interface DecisionSummary {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
  deployedAt: string | null;
  versionCount: number;
  /** Historic decision instances over every version of the key. */
  evaluations: number;
}

export interface DecisionVersion {
  id: string;
  version: number;
  deploymentId: string;
  deployedAt: string | null;
  evaluations: number;
}

export interface DecisionXml {
  id: string;
  key: string;
  version: number;
  resource: string;
  dmnXml: string;
}

/** The deployed decision definitions, their versions and how often they were evaluated, read from the engine. */
@Injectable()
export class DecisionCatalog {
  constructor(private readonly camunda: CamundaRestClient) {}

  /** The latest version of every key. */
  async list(): Promise<DecisionSummary[]> {
    const [definitions, deployedAt] = await Promise.all([
      this.camunda.decisionDefinitionVersions(),
      this.camunda.deployments().then(deploymentTimes),
    ]);
    const groups = [...groupByKey(definitions).values()];
    const evaluations = await Promise.all(
      groups.map((versions) => this.camunda.decisionInstanceCount({ decisionDefinitionKey: versions[0].key })),
    );
    return groups.map((versions, i) => {
      const { id, key, name, version, deploymentId, resource } = versions[0];
      return {
        id,
        key,
        name,
        version,
        deploymentId,
        resource,
        deployedAt: deployedAt.get(deploymentId) ?? null,
        versionCount: versions.length,
        evaluations: evaluations[i].count,
      };
    });
  }

  /** Every version of one key, newest first. */
  async versions(key: string): Promise<DecisionVersion[]> {
    const versions = await this.camunda.decisionDefinitionVersions(key);
    pickVersion('decision', key, versions);
    const [evaluations, deployedAt] = await Promise.all([
      Promise.all(versions.map((v) => this.camunda.decisionInstanceCount({ decisionDefinitionId: v.id }))),
      this.camunda.deployments().then(deploymentTimes),
    ]);
    return versions.map(({ id, version, deploymentId }, i) => ({
      id,
      version,
      deploymentId,
      deployedAt: deployedAt.get(deploymentId) ?? null,
      evaluations: evaluations[i].count,
    }));
  }

  /** The DMN XML of one version (the latest when `version` is undefined). */
  async xml(key: string, version?: number): Promise<DecisionXml> {
    const definition = pickVersion('decision', key, await this.camunda.decisionDefinitionVersions(key), version);
    const { dmnXml } = await this.camunda.decisionDefinitionXmlById(definition.id);
    return { id: definition.id, key: definition.key, version: definition.version, resource: definition.resource, dmnXml };
  }
}

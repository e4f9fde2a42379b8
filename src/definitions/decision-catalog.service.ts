import { Injectable } from '@nestjs/common';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { DefinitionSummary, DefinitionVersion, deploymentTimes, groupByKey, pickVersion, summaryOf, versionOf } from './definition-versions';

export interface DecisionSummary extends DefinitionSummary {
  /** Historic decision instances over every version of the key. */
  evaluations: number;
}

export interface DecisionVersion extends DefinitionVersion {
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
    return groups.map((versions, i) => ({ ...summaryOf(versions, deployedAt), evaluations: evaluations[i].count }));
  }

  /** Every version of one key, newest first. */
  async versions(key: string): Promise<DecisionVersion[]> {
    const versions = await this.camunda.decisionDefinitionVersions(key);
    pickVersion('decision', key, versions);
    const [evaluations, deployedAt] = await Promise.all([
      Promise.all(versions.map((v) => this.camunda.decisionInstanceCount({ decisionDefinitionId: v.id }))),
      this.camunda.deployments().then(deploymentTimes),
    ]);
    return versions.map((v, i) => ({ ...versionOf(v, deployedAt), evaluations: evaluations[i].count }));
  }

  /** The DMN XML of one version (the latest when `version` is undefined). */
  async xml(key: string, version?: number): Promise<DecisionXml> {
    const definition = pickVersion('decision', key, await this.camunda.decisionDefinitionVersions(key), version);
    const { dmnXml } = await this.camunda.decisionDefinitionXmlById(definition.id);
    return { id: definition.id, key: definition.key, version: definition.version, resource: definition.resource, dmnXml };
  }
}

import { Injectable } from '@nestjs/common';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { DefinitionSummary, DefinitionVersion, deploymentTimes, groupByKey, pickVersion, summaryOf, versionOf } from './definition-versions';

export interface ProcessSummary extends DefinitionSummary {
  /** Running process instances over every version of the key. */
  runningInstances: number;
}

export interface ProcessVersion extends DefinitionVersion {
  runningInstances: number;
}

export interface ProcessXml {
  id: string;
  key: string;
  version: number;
  resource: string;
  bpmn20Xml: string;
}

/** The deployed process definitions, their versions and running instances, read from the engine. */
@Injectable()
export class ProcessCatalog {
  constructor(private readonly camunda: CamundaRestClient) {}

  /** The latest version of every key. */
  async list(): Promise<ProcessSummary[]> {
    const [definitions, running, deployedAt] = await Promise.all([
      this.camunda.processDefinitionVersions(),
      this.runningById(),
      this.camunda.deployments().then(deploymentTimes),
    ]);
    return [...groupByKey(definitions).values()].map((versions) => ({
      ...summaryOf(versions, deployedAt),
      runningInstances: versions.reduce((sum, v) => sum + (running.get(v.id) ?? 0), 0),
    }));
  }

  /** Every version of one key, newest first. */
  async versions(key: string): Promise<ProcessVersion[]> {
    const versions = await this.camunda.processDefinitionVersions(key);
    pickVersion('process', key, versions);
    const [running, deployedAt] = await Promise.all([this.runningById(), this.camunda.deployments().then(deploymentTimes)]);
    return versions.map((v) => ({ ...versionOf(v, deployedAt), runningInstances: running.get(v.id) ?? 0 }));
  }

  /** The BPMN XML of one version (the latest when `version` is undefined). */
  async xml(key: string, version?: number): Promise<ProcessXml> {
    const definition = pickVersion('process', key, await this.camunda.processDefinitionVersions(key), version);
    const { bpmn20Xml } = await this.camunda.processDefinitionXmlById(definition.id);
    return { id: definition.id, key: definition.key, version: definition.version, resource: definition.resource, bpmn20Xml };
  }

  private async runningById(): Promise<Map<string, number>> {
    const statistics = await this.camunda.processDefinitionStatistics();
    return new Map(statistics.map((s) => [s.id, s.instances]));
  }
}

import { Injectable } from '@nestjs/common';
import { DeployedForms, DeployedFormVersion } from '../camunda/deployed-forms';
import { groupByKey, pickVersion } from './definition-versions';

export interface FormSummary {
  key: string;
  version: number;
  deploymentId: string;
  resource: string;
  deployedAt: string;
  versionCount: number;
}

export interface FormVersion {
  version: number;
  deploymentId: string;
  deployedAt: string;
  resource: string;
}

export interface FormSchema {
  key: string;
  version: number;
  deploymentId: string;
  resource: string;
  /** The form JSON as a string, exactly as deployed. */
  schema: string;
}

/** The deployed Camunda Forms and their versions (derived from the deployments, see DeployedForms). */
@Injectable()
export class FormsCatalog {
  constructor(private readonly forms: DeployedForms) {}

  /** The latest version of every form key. */
  async list(): Promise<FormSummary[]> {
    const groups = groupByKey(await this.forms.versions());
    return [...groups.values()].map((versions) => {
      const { key, version, deploymentId, resource, deployedAt } = versions[0];
      return { key, version, deploymentId, resource, deployedAt, versionCount: versions.length };
    });
  }

  /** Every version of one key, newest first. */
  async versions(key: string): Promise<FormVersion[]> {
    const versions = await this.versionsOf(key);
    pickVersion('form', key, versions);
    return versions.map(({ version, deploymentId, deployedAt, resource }) => ({ version, deploymentId, deployedAt, resource }));
  }

  /** The form JSON of one version (the latest when `version` is undefined). */
  async schema(key: string, version?: number): Promise<FormSchema> {
    const form = pickVersion('form', key, await this.versionsOf(key), version);
    const schema = await this.forms.content(form);
    return { key: form.key, version: form.version, deploymentId: form.deploymentId, resource: form.resource, schema };
  }

  private async versionsOf(key: string): Promise<DeployedFormVersion[]> {
    return (await this.forms.versions()).filter((f) => f.key === key).sort((a, b) => b.version - a.version);
  }
}

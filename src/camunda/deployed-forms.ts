import { Injectable } from '@nestjs/common';
import { CamundaRestClient, DeploymentSummary } from './camunda-rest.client';
import { parseEngineDate } from './camunda-variables';

/** One version of a Camunda Form (a .form resource in a deployment). */
export interface DeployedFormVersion {
  key: string;
  version: number;
  deploymentId: string;
  resourceId: string;
  /** The resource name in the deployment, e.g. "registration.form". */
  resource: string;
  /** ISO time of the deployment. */
  deployedAt: string;
}

/** A .form resource of one deployment, with the key read from its content. */
export interface FormResource {
  resourceId: string;
  resource: string;
  key: string;
}

export const FORM_EXTENSION = '.form';

/** The form key of a Camunda Form: the top-level "id" of its form-js JSON (undefined when there is none). */
export function formKeyOf(content: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const id = (parsed as { id?: unknown }).id;
      if (typeof id === 'string' && id.length > 0) return id;
    }
  } catch {
    // not JSON: the engine would not have deployed it as a form either
  }
  return undefined;
}

/**
 * Numbers the versions of every form key: each .form resource in a deployment is the next version of its key,
 * in deployment order. `deployments` must be sorted oldest first; `formsOf` holds the forms of each deployment.
 */
export function numberFormVersions(
  deployments: DeploymentSummary[],
  formsOf: ReadonlyMap<string, FormResource[]>,
): DeployedFormVersion[] {
  const lastVersion = new Map<string, number>();
  const versions: DeployedFormVersion[] = [];
  for (const deployment of deployments) {
    const deployedAt = parseEngineDate(deployment.deploymentTime).toISOString();
    for (const form of formsOf.get(deployment.id) ?? []) {
      const version = (lastVersion.get(form.key) ?? 0) + 1;
      lastVersion.set(form.key, version);
      versions.push({ ...form, version, deploymentId: deployment.id, deployedAt });
    }
  }
  return versions;
}

const PARALLEL_REQUESTS = 4;

/**
 * The Camunda Forms deployed to the engine, with their versions.
 *
 * Camunda 7's REST API has no form-definition query (the engine keeps CamundaFormDefinition rows, but REST
 * only serves a form through a task or a start event that references it), so the versions are derived from
 * the deployments. Checked on the engine (7.24, H2), deploying through CamundaRestClient.deploy:
 *  - with enable-duplicate-filtering alone (what CamundaRestClient.deploy sends), a deployment in which nothing
 *    changed creates nothing (the engine answers with the previous deployment of the name); if anything
 *    changed, every uploaded file is deployed again, unchanged ones included, and an unchanged .form gets a new
 *    version just like an unchanged .bpmn does;
 *  - with deploy-changed-only as well, the new deployment contains only the changed resources;
 *  - either way, the engine's own form version (as a task's camundaFormRef with binding "version" resolves it)
 *    is the count of deployments holding a .form with that id up to that one: v1, v2, v3… in deployment order.
 *    So "one .form resource in a deployment = the next version of its key" counts like the engine.
 * Where it differs: deleting a deployment renumbers the later versions here, while the engine keeps its numbers.
 *
 * A deployment never changes, so the forms found in each one are kept in memory by deployment id and a listing
 * only reads the deployments it has not seen (one call for the deployment list, then two per new deployment
 * holding forms).
 */
@Injectable()
export class DeployedForms {
  private readonly formsByDeployment = new Map<string, Promise<FormResource[]>>();

  constructor(private readonly camunda: CamundaRestClient) {}

  /** Every version of every form key, oldest first. */
  async versions(): Promise<DeployedFormVersion[]> {
    const deployments = await this.camunda.deployments();
    const present = new Set(deployments.map((d) => d.id));
    for (const id of this.formsByDeployment.keys()) if (!present.has(id)) this.formsByDeployment.delete(id);
    const formsOf = new Map<string, FormResource[]>();
    for (let i = 0; i < deployments.length; i += PARALLEL_REQUESTS) {
      const batch = deployments.slice(i, i + PARALLEL_REQUESTS);
      const forms = await Promise.all(batch.map((d) => this.formsIn(d.id)));
      batch.forEach((d, j) => formsOf.set(d.id, forms[j]));
    }
    return numberFormVersions(deployments, formsOf);
  }

  /** The form JSON exactly as deployed. */
  content(version: DeployedFormVersion): Promise<string> {
    return this.camunda.deploymentResourceText(version.deploymentId, version.resourceId);
  }

  private formsIn(deploymentId: string): Promise<FormResource[]> {
    let forms = this.formsByDeployment.get(deploymentId);
    if (!forms) {
      forms = this.readForms(deploymentId);
      this.formsByDeployment.set(deploymentId, forms);
      // A failed read is not remembered: the next listing asks again.
      forms.catch(() => this.formsByDeployment.delete(deploymentId));
    }
    return forms;
  }

  private async readForms(deploymentId: string): Promise<FormResource[]> {
    const resources = await this.camunda.deploymentResources(deploymentId);
    const forms = resources.filter((r) => r.name.endsWith(FORM_EXTENSION));
    const found = await Promise.all(
      forms.map(async (r) => ({ r, key: formKeyOf(await this.camunda.deploymentResourceText(deploymentId, r.id)) })),
    );
    return found
      .filter((f): f is { r: (typeof forms)[number]; key: string } => f.key !== undefined)
      .sort((a, b) => a.r.name.localeCompare(b.r.name))
      .map(({ r, key }) => ({ resourceId: r.id, resource: r.name, key }));
  }
}

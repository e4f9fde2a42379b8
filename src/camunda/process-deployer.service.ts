import { Inject, Injectable, Logger } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log.service';
import { ValidationFailedException } from '../common/errors';
import { describeProblem } from '../common/i18n/validation-messages';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { assertDeployable } from './deployment-guard/deployment-guard';
import { CamundaRestClient, Deployment, DeploymentFile } from './camunda-rest.client';
import { DeployedForms, FORM_EXTENSION } from './deployed-forms';

export const DEPLOYABLE_EXTENSIONS = ['.bpmn', '.dmn', '.form'];
export const DEPLOYMENT_NAME = 'petition-processes';

export interface DeploymentResult {
  deploymentId: string;
  /** false when duplicate filtering found every file unchanged. */
  created: boolean;
  processes: string[];
  decisions: string[];
  /** Camunda Forms deployed, as "key:version". */
  forms: string[];
}

/**
 * What a deployment created. The engine's answer lists processes and decisions but not forms, and when duplicate
 * filtering finds nothing changed it answers with the previous deployment of the name: so a deployment is new
 * when it defines a process or decision, or when its id is not that of the previous deployment.
 */
export function summarizeDeployment(deployment: Deployment, previousId: string | undefined, forms: string[]): DeploymentResult {
  const processes = Object.values(deployment.deployedProcessDefinitions ?? {}).map((d) => `${d.key}:${d.version}`);
  const decisions = Object.values(deployment.deployedDecisionDefinitions ?? {}).map((d) => `${d.key}:${d.version}`);
  const created = processes.length + decisions.length > 0 || deployment.id !== previousId;
  return { deploymentId: deployment.id, created, processes, decisions, forms: created ? forms : [] };
}

@Injectable()
export class ProcessDeployer {
  private readonly logger = new Logger(ProcessDeployer.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly camunda: CamundaRestClient,
    private readonly audit: AuditLog,
    private readonly deployedForms: DeployedForms,
  ) {}

  /** Waits until the engine answers, so the API and workers can start in any order. */
  async waitForEngine(): Promise<void> {
    const deadline = Date.now() + this.config.engine.waitTimeoutMs;
    let delay = 250;
    for (;;) {
      try {
        await this.camunda.engines();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `The Camunda engine at ${this.config.engine.url} did not answer within ${this.config.engine.waitTimeoutMs} ms ` +
              `(${error instanceof Error ? error.message : String(error)}). Is it running, and are ENGINE_USER/ENGINE_PASSWORD right?`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  async readProcessFiles(): Promise<DeploymentFile[]> {
    const dir = this.config.processesDir;
    const names = (await readdir(dir)).filter((name) => DEPLOYABLE_EXTENSIONS.some((ext) => name.endsWith(ext))).sort();
    return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name)) })));
  }

  /**
   * Deploys files as one deployment named DEPLOYMENT_NAME; unchanged files deploy nothing new (duplicate filtering).
   * Every deployment — an administrator's upload and processes/ on start — is checked first: nothing that would
   * run code on the engine host unless DEPLOY_ALLOW_CODE, no form without an id (400, nothing deployed).
   */
  async deploy(files: DeploymentFile[]): Promise<DeploymentResult> {
    assertDeployable(files, { allowCode: this.config.deployAllowCode });
    const previous = await this.camunda.latestDeployment(DEPLOYMENT_NAME);
    const deployment = await this.camunda.deploy(DEPLOYMENT_NAME, files);
    const hasForms = files.some((file) => file.name.endsWith(FORM_EXTENSION));
    if (deployment.id === previous?.id || !hasForms) return summarizeDeployment(deployment, previous?.id, []);
    const forms = (await this.deployedForms.versions())
      .filter((form) => form.deploymentId === deployment.id)
      .map((form) => `${form.key}:${form.version}`);
    return summarizeDeployment(deployment, previous?.id, forms);
  }

  /** Deploys everything in processes/ as one deployment; unchanged files deploy nothing new. */
  async deployProcessDirectory(): Promise<DeploymentResult> {
    const files = await this.readProcessFiles();
    if (files.length === 0) throw new Error(`No .bpmn/.dmn/.form files in ${this.config.processesDir}`);
    let result: DeploymentResult;
    try {
      result = await this.deploy(files);
    } catch (error) {
      // On start there is no caller to answer: the operator reads why in the log, in full.
      if (error instanceof ValidationFailedException) {
        const reasons = error.problems.map((problem) => describeProblem(problem, 'en')).join('\n  ');
        throw new Error(`Refusing to deploy ${this.config.processesDir}:\n  ${reasons}`);
      }
      throw error;
    }
    if (result.created) {
      const deployed = [...result.processes, ...result.decisions, ...result.forms];
      this.logger.log(`Deployed ${deployed.join(', ') || files.map((file) => file.name).join(', ')} (${result.deploymentId})`);
      // Only a deployment that changed something is an event; every start re-sends the same files.
      await this.audit.record({
        action: 'process.deploy',
        outcome: 'success',
        actor: 'system',
        resourceType: 'deployment',
        resourceId: result.deploymentId,
        detail: { deploymentId: result.deploymentId, resources: files.map((file) => file.name) },
      });
    } else {
      this.logger.log(`Processes unchanged; nothing new deployed`);
    }
    return result;
  }
}

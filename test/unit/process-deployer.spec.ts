import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLog } from '../../src/audit/audit-log.service';
import type { CamundaRestClient, Deployment, DeploymentFile } from '../../src/camunda/camunda-rest.client';
import { DeployedForms } from '../../src/camunda/deployed-forms';
import { ProcessDeployer } from '../../src/camunda/process-deployer.service';
import type { AppConfig } from '../../src/config/app-config';

interface StoredDeployment {
  id: string;
  name: string;
  deploymentTime: string;
  resources: { id: string; name: string; content: string }[];
}

/**
 * The engine's deployment behaviour as observed on Camunda 7.24 (see DeployedForms): with duplicate filtering,
 * nothing changed answers with the previous deployment of the name; otherwise every file is deployed again.
 */
class FakeEngine {
  readonly stored: StoredDeployment[] = [];
  readonly resourceReads: string[] = [];
  private sequence = 0;

  async deploy(name: string, files: DeploymentFile[]): Promise<Deployment> {
    const ofName = this.stored.filter((d) => d.name === name);
    const latestContent = (file: string) =>
      ofName.flatMap((d) => d.resources).filter((r) => r.name === file).at(-1)?.content;
    const unchanged = files.every((f) => latestContent(f.name) === String(f.content));
    if (unchanged && ofName.length > 0) {
      const latest = ofName.at(-1)!;
      return { id: latest.id, name, deploymentTime: latest.deploymentTime, deployedProcessDefinitions: null, deployedDecisionDefinitions: null };
    }
    const id = `d${++this.sequence}`;
    const deploymentTime = new Date(Date.UTC(2026, 0, 1, 0, this.sequence)).toISOString().replace('Z', '+0000');
    this.stored.push({
      id,
      name,
      deploymentTime,
      resources: files.map((f, i) => ({ id: `${id}-r${i}`, name: f.name, content: String(f.content) })),
    });
    const processes = files
      .filter((f) => f.name.endsWith('.bpmn'))
      .map((f) => {
        const key = f.name.replace(/\.bpmn$/, '');
        const version = this.stored.filter((d) => d.resources.some((r) => r.name === f.name)).length;
        return [`${key}:${version}`, { id: `${key}:${version}`, key, name: null, version, deploymentId: id, resource: f.name }];
      });
    return {
      id,
      name,
      deploymentTime,
      deployedProcessDefinitions: processes.length > 0 ? Object.fromEntries(processes) : null,
      deployedDecisionDefinitions: null,
    };
  }

  async latestDeployment(name: string) {
    return this.stored.filter((d) => d.name === name).at(-1);
  }

  async deployments() {
    return this.stored;
  }

  async deploymentResources(deploymentId: string) {
    this.resourceReads.push(deploymentId);
    return this.stored.find((d) => d.id === deploymentId)!.resources.map(({ id, name }) => ({ id, name, deploymentId }));
  }

  async deploymentResourceText(deploymentId: string, resourceId: string) {
    return this.stored.find((d) => d.id === deploymentId)!.resources.find((r) => r.id === resourceId)!.content;
  }
}

describe('the process deployer', () => {
  let dir: string;
  let engine: FakeEngine;
  let audit: { record: jest.Mock };
  let deployer: ProcessDeployer;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deployer-'));
    engine = new FakeEngine();
    const client = engine as unknown as CamundaRestClient;
    audit = { record: jest.fn(async () => undefined) };
    deployer = new ProcessDeployer({ processesDir: dir } as AppConfig, client, audit as unknown as AuditLog, new DeployedForms(client));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const form = (label: string) => JSON.stringify({ id: 'intake', components: [{ key: 'a', type: 'textfield', label }] });

  it('reports forms with their versions, counts a form-only deployment as created and audits it', async () => {
    writeFileSync(join(dir, 'intake.form'), form('One'));
    const first = await deployer.deployProcessDirectory();
    expect(first).toEqual({ deploymentId: 'd1', created: true, processes: [], decisions: [], forms: ['intake:1'] });

    writeFileSync(join(dir, 'intake.form'), form('Two'));
    writeFileSync(join(dir, 'flow.bpmn'), '<definitions/>');
    const second = await deployer.deployProcessDirectory();
    expect(second).toEqual({ deploymentId: 'd2', created: true, processes: ['flow:1'], decisions: [], forms: ['intake:2'] });

    expect(audit.record).toHaveBeenCalledTimes(2);
    expect(audit.record).toHaveBeenLastCalledWith(
      expect.objectContaining({
        action: 'process.deploy',
        actor: 'system',
        resourceId: 'd2',
        detail: { deploymentId: 'd2', resources: ['flow.bpmn', 'intake.form'] },
      }),
    );
  });

  it('reports nothing and audits nothing when the files are unchanged', async () => {
    writeFileSync(join(dir, 'intake.form'), form('One'));
    await deployer.deployProcessDirectory();
    const again = await deployer.deployProcessDirectory();
    expect(again).toEqual({ deploymentId: 'd1', created: false, processes: [], decisions: [], forms: [] });
    expect(audit.record).toHaveBeenCalledTimes(1);
  });

  it('reads the resources of each deployment once', async () => {
    const forms = new DeployedForms(engine as unknown as CamundaRestClient);
    writeFileSync(join(dir, 'intake.form'), form('One'));
    await deployer.deployProcessDirectory();
    writeFileSync(join(dir, 'intake.form'), form('Two'));
    await deployer.deployProcessDirectory();
    engine.resourceReads.length = 0;
    expect((await forms.versions()).map((v) => `${v.key}:${v.version}:${v.deploymentId}`)).toEqual(['intake:1:d1', 'intake:2:d2']);
    await forms.versions();
    expect(engine.resourceReads.sort()).toEqual(['d1', 'd2']);
  });
});

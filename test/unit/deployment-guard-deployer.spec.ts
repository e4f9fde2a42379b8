import 'reflect-metadata';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLog } from '../../src/audit/audit-log.service';
import type { CamundaRestClient, DeploymentFile } from '../../src/camunda/camunda-rest.client';
import { DeployedForms } from '../../src/camunda/deployed-forms';
import { ProcessDeployer } from '../../src/camunda/process-deployer.service';
import { ValidationFailedException } from '../../src/common/errors';
import { AppConfig, loadConfig } from '../../src/config/app-config';

const FIXTURES = join(__dirname, 'fixtures', 'deployment-guard');
const PROCESSES = join(__dirname, '..', '..', 'processes');

/** Records what reaches the engine; every deployment is new. */
function recordingEngine() {
  const deployed: string[][] = [];
  const client = {
    latestDeployment: async () => undefined,
    deploy: async (_name: string, files: DeploymentFile[]) => {
      deployed.push(files.map((f) => f.name));
      return { id: `d${deployed.length}`, name: 'petition-processes', deploymentTime: '2026-01-01T00:00:00.000+0000', deployedProcessDefinitions: null, deployedDecisionDefinitions: null };
    },
    deployments: async () => [],
  };
  return { deployed, client: client as unknown as CamundaRestClient };
}

describe('DEPLOY_ALLOW_CODE', () => {
  it('is off unless the operator turns it on', () => {
    expect(loadConfig({}).deployAllowCode).toBe(false);
    expect(loadConfig({ DEPLOY_ALLOW_CODE: 'true' }).deployAllowCode).toBe(true);
    expect(() => loadConfig({ DEPLOY_ALLOW_CODE: 'sometimes' })).toThrow('DEPLOY_ALLOW_CODE must be true or false');
  });
});

describe('every deployment passes the deployment guard before it reaches the engine', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'guarded-deployer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const deployerWith = (config: Partial<AppConfig>) => {
    const engine = recordingEngine();
    const audit = { record: jest.fn(async () => undefined) } as unknown as AuditLog;
    const deployer = new ProcessDeployer({ processesDir: dir, ...config } as AppConfig, engine.client, audit, new DeployedForms(engine.client));
    return { deployer, deployed: engine.deployed };
  };

  it('refuses an upload with a script task: a 400, and nothing is sent to the engine', async () => {
    const { deployer, deployed } = deployerWith({ deployAllowCode: false });
    const upload = [{ name: 'script-task.bpmn', content: Buffer.from('<definitions><process id="p"><scriptTask id="s" /></process></definitions>') }];
    await expect(deployer.deploy(upload)).rejects.toBeInstanceOf(ValidationFailedException);
    expect(deployed).toEqual([]);
  });

  it('refuses to deploy processes/ on start when a file holds code, saying which and why in the log', async () => {
    copyFileSync(join(PROCESSES, 'routing.dmn'), join(dir, 'routing.dmn'));
    copyFileSync(join(FIXTURES, 'class-listener.bpmn'), join(dir, 'class-listener.bpmn'));
    const { deployer, deployed } = deployerWith({ deployAllowCode: false });
    await expect(deployer.deployProcessDirectory()).rejects.toThrow(
      /^Refusing to deploy .*:\n {2}File "class-listener\.bpmn", element "start": Java classes are not allowed \(class="org\.example\.RunAnything"\)/,
    );
    expect(deployed).toEqual([]);
  });

  it('deploys the same files when the operator allows code (DEPLOY_ALLOW_CODE=true)', async () => {
    copyFileSync(join(FIXTURES, 'class-listener.bpmn'), join(dir, 'class-listener.bpmn'));
    const { deployer, deployed } = deployerWith({ deployAllowCode: true });
    await deployer.deployProcessDirectory();
    expect(deployed).toEqual([['class-listener.bpmn']]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, engine, login, stackInfo } from '../support/harness';

/** The stack is shared by parallel test files: every key deployed here is unique to this run. */
const RUN = Date.now().toString(36);
const FIXTURES = join(__dirname, '..', 'unit', 'fixtures', 'deployment-guard');
const PROCESSES = join(__dirname, '..', '..', 'processes');

function formWith(files: [string, string | Buffer][]): FormData {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  return form;
}

const fixture = (name: string): [string, Buffer] => [name, readFileSync(join(FIXTURES, name))];

async function deployAsAdmin(files: [string, string | Buffer][], lang = 'en') {
  return api('POST', '/api/processes/deploy', { token: await login('admin'), body: formWith(files), lang });
}

/** Names of the resources of every deployment made since `since` (engine time, to the second). */
async function resourcesDeployedSince(since: Date): Promise<string[]> {
  const after = new Date(since.getTime() - 1_000).toISOString().replace('Z', '+0000');
  const deployments = await engine<{ id: string }[]>('GET', `/deployment?after=${encodeURIComponent(after)}`);
  const names: string[] = [];
  for (const deployment of deployments) {
    const resources = await engine<{ name: string }[]>('GET', `/deployment/${deployment.id}/resources`);
    names.push(...resources.map((r) => r.name));
  }
  return names;
}

describe('deployments are checked on the server', () => {
  it('refuses a timer expression that calls System.getProperty: 400 naming file, element and call, and nothing is deployed', async () => {
    const before = new Date();
    const refused = await deployAsAdmin([fixture('timer-system-property.bpmn')], 'zh-CN');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'files', code: 'deploymentMethodCall', message: expect.stringContaining('调用了 System.getProperty()') }),
    ]);
    expect(refused.body.message).toContain('文件「timer-system-property.bpmn」的元素「every-minute-timer」');

    const english = await deployAsAdmin([fixture('timer-system-property.bpmn')], 'en');
    expect(english.status).toBe(400);
    expect(english.body.message).toContain('File "timer-system-property.bpmn", element "every-minute-timer": expression ');
    expect(english.body.message).toContain('calls System.getProperty(), which is not allowed');

    const catalogue = await api('GET', '/api/processes', { token: await login('admin') });
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.map((p: { key: string }) => p.key)).toContain('petition');
    expect(catalogue.body.map((p: { key: string }) => p.key)).not.toContain('guard-timer-system-property');
    expect(await engine('GET', '/process-definition?key=guard-timer-system-property')).toEqual([]);
    expect(await resourcesDeployedSince(before)).not.toContain('timer-system-property.bpmn');
  });

  it('refuses the whole upload when one file holds code: the harmless form beside it is not deployed either', async () => {
    const before = new Date();
    const formKey = `guard-form-${RUN}`;
    const harmless = JSON.stringify({ id: formKey, type: 'default', components: [{ key: 'note', type: 'textfield', label: '备注' }] });
    const refused = await deployAsAdmin([[`${formKey}.form`, harmless], fixture('script-task.bpmn'), fixture('class-listener.bpmn')]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'deploymentScript',
      'deploymentScript',
      'deploymentScript',
      'deploymentJavaClass',
    ]);
    expect(refused.body.message).toContain('File "class-listener.bpmn", element "start": Java classes are not allowed (class="org.example.RunAnything")');
    const forms = await api('GET', '/api/forms', { token: await login('admin') });
    expect(forms.status).toBe(200);
    expect(forms.body.map((f: { key: string }) => f.key)).not.toContain(formKey);
    expect(await resourcesDeployedSince(before)).toEqual(expect.not.arrayContaining([`${formKey}.form`, 'script-task.bpmn', 'class-listener.bpmn']));
  });

  it('refuses a form without an id (it would never appear in the catalogue) and a form that is not JSON', async () => {
    const before = new Date();
    const refused = await deployAsAdmin([fixture('form-without-id.form'), fixture('form-not-json.form')], 'zh-CN');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['deploymentFormWithoutId', 'deploymentFormNotJson']);
    expect(refused.body.message).toContain('表单文件「form-without-id.form」缺少文本类型的顶层 id');
    expect(refused.body.message).toContain('表单文件「form-not-json.form」不是有效的 JSON');
    expect(await resourcesDeployedSince(before)).toEqual(expect.not.arrayContaining(['form-without-id.form', 'form-not-json.form']));
  });

  it('still deploys the shipped processes, decisions and forms', async () => {
    const files = readdirSync(PROCESSES).map((name): [string, Buffer] => [name, readFileSync(join(PROCESSES, name))]);
    const response = await deployAsAdmin(files);
    expect(response.status).toBe(201);
    expect(typeof response.body.deploymentId).toBe('string');
  });
});

describe('expressions in deployed diagrams', () => {
  it('reach process variables only, never the engine application’s Spring beans', async () => {
    // A plain name passes the API's check (it may be a variable); the engine must not resolve it to a bean.
    const key = `guard-bean-${RUN}`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="${key}-definitions" targetNamespace="http://petition.gov.example/test">
  <process id="${key}" isExecutable="true" camunda:historyTimeToLive="1">
    <startEvent id="start"/>
    <sequenceFlow id="to-task" sourceRef="start" targetRef="wait"/>
    <userTask id="wait" camunda:assignee="\${engineApplication}"/>
  </process>
</definitions>`;
    const deployed = await deployAsAdmin([[`${key}.bpmn`, xml]]);
    expect(deployed.status).toBe(201);
    const start = await fetch(`${stackInfo().engineUrl}/process-definition/key/${key}/start`, {
      method: 'POST',
      headers: {
        Authorization: 'Basic ' + Buffer.from(`${stackInfo().engineUser}:${stackInfo().enginePassword}`).toString('base64'),
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    const text = await start.text();
    expect(start.ok).toBe(false);
    expect(text).toContain("Cannot resolve identifier 'engineApplication'");
    expect(await engine('GET', `/task?processDefinitionKey=${key}`)).toEqual([]);
  });
});

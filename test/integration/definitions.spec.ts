import { api, engine, login } from '../support/harness';

/** The stack is shared by parallel test files: every key here is unique to this run. */
const RUN = Date.now().toString(36);
const PROCESS_KEY = `defs-process-${RUN}`;
const DECISION_KEY = `defs-decision-${RUN}`;
const FORM_KEY = `defs-form-${RUN}`;

function formWith(files: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  return form;
}

function processXml(taskName: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             id="defs-test" targetNamespace="http://petition.gov.example/test">
  <process id="${PROCESS_KEY}" name="Catalogue test" isExecutable="true" camunda:historyTimeToLive="1">
    <startEvent id="start"/>
    <sequenceFlow id="to-task" sourceRef="start" targetRef="wait"/>
    <userTask id="wait" name="${taskName}"/>
    <sequenceFlow id="to-end" sourceRef="wait" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>
`;
}

const DECISION_XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
             id="defs-decision-definitions" name="Catalogue test" namespace="http://petition.gov.example/test">
  <decision id="${DECISION_KEY}" name="Catalogue test decision" camunda:historyTimeToLive="1">
    <decisionTable id="table" hitPolicy="FIRST">
      <input id="input-x"><inputExpression id="input-x-expression" typeRef="integer"><text>x</text></inputExpression></input>
      <output id="output-y" name="y" typeRef="string"/>
      <rule id="rule-any"><inputEntry id="rule-any-x"><text></text></inputEntry><outputEntry id="rule-any-y"><text>"ok"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
`;

function formJson(label: string): string {
  // Deliberately not normalised (two spaces, trailing newline): the schema must come back byte for byte.
  return `{\n  "id": "${FORM_KEY}",\n  "type": "default",\n  "components": [{ "key": "note", "type": "textfield", "label": "${label}" }],\n  "schemaVersion": 16\n}\n`;
}

async function deploy(files: [string, string][]) {
  const response = await api('POST', '/api/processes/deploy', { token: await login('admin'), body: formWith(files) });
  expect(response.status).toBe(201);
  return response.body as { deploymentId: string; created: boolean; processes: string[]; decisions: string[]; forms: string[] };
}

async function get<T = any>(path: string, user = 'donghu.room1', lang = 'en') {
  return api<T>('GET', path, { token: await login(user), lang });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('the definitions catalogue', () => {
  it('lists the deployed processes and decisions with their versions and counts, for any signed-in user', async () => {
    const processes = await get('/api/processes');
    expect(processes.status).toBe(200);
    for (const key of ['petition', 'unit-handling']) {
      const process = processes.body.find((p: { key: string }) => p.key === key);
      expect(process).toMatchObject({ key, resource: `${key}.bpmn` });
      expect(process.versionCount).toBeGreaterThanOrEqual(1);
      expect(process.version).toBeGreaterThanOrEqual(1);
      expect(typeof process.runningInstances).toBe('number');
      expect(process.deployedAt).toMatch(ISO);
      expect(typeof process.id).toBe('string');
      expect(typeof process.deploymentId).toBe('string');
    }

    const decisions = await get('/api/decisions');
    expect(decisions.status).toBe(200);
    const routing = decisions.body.find((d: { key: string }) => d.key === 'routing');
    expect(routing).toMatchObject({ key: 'routing', resource: 'routing.dmn', name: '确定有权处理的层级和单位类型' });
    expect(routing.versionCount).toBeGreaterThanOrEqual(1);
    expect(typeof routing.evaluations).toBe('number');
    expect(routing.deployedAt).toMatch(ISO);

    const forms = await get('/api/forms');
    expect(forms.status).toBe(200);
    expect(Array.isArray(forms.body)).toBe(true);

    const routingXml = await get('/api/decisions/routing/xml');
    expect(routingXml.status).toBe(200);
    expect(routingXml.body).toMatchObject({ key: 'routing', resource: 'routing.dmn', version: routing.version });
    expect(routingXml.body.dmnXml).toContain('id="routing"');

    for (const path of ['/api/processes', '/api/decisions', '/api/forms']) expect((await api('GET', path)).status).toBe(401);
  });

  it('counts running instances over every version of a process and keeps the old versions readable', async () => {
    const first = await deploy([[`${PROCESS_KEY}.bpmn`, processXml('First wait')]]);
    expect(first).toMatchObject({ created: true, processes: [`${PROCESS_KEY}:1`], decisions: [], forms: [] });

    const summary = async () => (await get('/api/processes')).body.find((p: { key: string }) => p.key === PROCESS_KEY);
    expect(await summary()).toMatchObject({
      version: 1,
      versionCount: 1,
      runningInstances: 0,
      resource: `${PROCESS_KEY}.bpmn`,
      deploymentId: first.deploymentId,
      name: 'Catalogue test',
    });

    await engine('POST', `/process-definition/key/${PROCESS_KEY}/start`, {});
    expect((await summary()).runningInstances).toBe(1);

    const second = await deploy([[`${PROCESS_KEY}.bpmn`, processXml('Second wait')]]);
    expect(second).toMatchObject({ created: true, processes: [`${PROCESS_KEY}:2`] });
    const latest = await summary();
    expect(latest).toMatchObject({ version: 2, versionCount: 2, runningInstances: 1, deploymentId: second.deploymentId });

    const versions = await get(`/api/processes/${PROCESS_KEY}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([
      { id: latest.id, version: 2, deploymentId: second.deploymentId, deployedAt: expect.stringMatching(ISO), runningInstances: 0 },
      { id: expect.any(String), version: 1, deploymentId: first.deploymentId, deployedAt: expect.stringMatching(ISO), runningInstances: 1 },
    ]);

    const old = await get(`/api/processes/${PROCESS_KEY}/xml?version=1`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ key: PROCESS_KEY, version: 1, id: versions.body[1].id, resource: `${PROCESS_KEY}.bpmn` });
    expect(old.body.bpmn20Xml).toContain('First wait');
    const current = await get(`/api/processes/${PROCESS_KEY}/xml`);
    expect(current.body).toMatchObject({ key: PROCESS_KEY, version: 2, id: latest.id });
    expect(current.body.bpmn20Xml).toContain('Second wait');
  });

  it('counts the evaluations of a decision over its versions and serves its DMN', async () => {
    const deployed = await deploy([[`${DECISION_KEY}.dmn`, DECISION_XML]]);
    expect(deployed).toMatchObject({ created: true, processes: [], decisions: [`${DECISION_KEY}:1`], forms: [] });

    const summary = async () => (await get('/api/decisions')).body.find((d: { key: string }) => d.key === DECISION_KEY);
    expect(await summary()).toMatchObject({
      version: 1,
      versionCount: 1,
      evaluations: 0,
      resource: `${DECISION_KEY}.dmn`,
      deploymentId: deployed.deploymentId,
      name: 'Catalogue test decision',
    });

    const result = await engine('POST', `/decision-definition/key/${DECISION_KEY}/evaluate`, {
      variables: { x: { value: 3, type: 'Integer' } },
    });
    expect(result).toMatchObject([{ y: { value: 'ok' } }]);
    expect((await summary()).evaluations).toBe(1);

    const versions = await get(`/api/decisions/${DECISION_KEY}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([
      { id: expect.any(String), version: 1, deploymentId: deployed.deploymentId, deployedAt: expect.stringMatching(ISO), evaluations: 1 },
    ]);

    const xml = await get(`/api/decisions/${DECISION_KEY}/xml?version=1`);
    expect(xml.status).toBe(200);
    expect(xml.body).toMatchObject({ id: versions.body[0].id, key: DECISION_KEY, version: 1, resource: `${DECISION_KEY}.dmn` });
    expect(xml.body.dmnXml).toContain(`id="${DECISION_KEY}"`);
  });

  it('derives form versions from the deployments and serves each schema exactly as deployed', async () => {
    const first = await deploy([[`${FORM_KEY}.form`, formJson('First')]]);
    expect(first).toMatchObject({ created: true, processes: [], decisions: [], forms: [`${FORM_KEY}:1`] });
    const second = await deploy([[`${FORM_KEY}.form`, formJson('Second')]]);
    expect(second).toMatchObject({ created: true, forms: [`${FORM_KEY}:2`] });
    expect(second.deploymentId).not.toBe(first.deploymentId);
    // Unchanged: duplicate filtering deploys nothing, and no version is counted.
    const again = await deploy([[`${FORM_KEY}.form`, formJson('Second')]]);
    expect(again).toMatchObject({ created: false, forms: [] });

    const forms = await get('/api/forms');
    expect(forms.body.find((f: { key: string }) => f.key === FORM_KEY)).toEqual({
      key: FORM_KEY,
      version: 2,
      deploymentId: second.deploymentId,
      resource: `${FORM_KEY}.form`,
      deployedAt: expect.stringMatching(ISO),
      versionCount: 2,
    });

    const versions = await get(`/api/forms/${FORM_KEY}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([
      { version: 2, deploymentId: second.deploymentId, deployedAt: expect.stringMatching(ISO), resource: `${FORM_KEY}.form` },
      { version: 1, deploymentId: first.deploymentId, deployedAt: expect.stringMatching(ISO), resource: `${FORM_KEY}.form` },
    ]);

    const old = await get(`/api/forms/${FORM_KEY}/schema?version=1`);
    expect(old.status).toBe(200);
    expect(old.body).toEqual({
      key: FORM_KEY,
      version: 1,
      deploymentId: first.deploymentId,
      resource: `${FORM_KEY}.form`,
      schema: formJson('First'),
    });
    const latest = await get(`/api/forms/${FORM_KEY}/schema`);
    expect(latest.body).toMatchObject({ version: 2, schema: formJson('Second') });
  });

  it('answer 404 for an unknown key or version, naming it, and 400 for a version that is not a positive whole number', async () => {
    const cases: [string, string, string][] = [
      ['/api/decisions/no-such-decision/xml', '未找到决策「no-such-decision」，它可能尚未部署', 'No decision "no-such-decision" is deployed'],
      ['/api/decisions/no-such-decision/versions', '未找到决策「no-such-decision」，它可能尚未部署', 'No decision "no-such-decision" is deployed'],
      ['/api/processes/no-such-process/versions', '未找到流程「no-such-process」，它可能尚未部署', 'No process "no-such-process" is deployed'],
      ['/api/processes/no-such-process/xml?version=1', '未找到流程「no-such-process」，它可能尚未部署', 'No process "no-such-process" is deployed'],
      ['/api/forms/no-such-form/schema', '未找到表单「no-such-form」，它可能尚未部署', 'No form "no-such-form" is deployed'],
      ['/api/forms/no-such-form/versions', '未找到表单「no-such-form」，它可能尚未部署', 'No form "no-such-form" is deployed'],
      ['/api/processes/petition/xml?version=9999', '流程「petition」没有第 9999 版', 'Process "petition" has no version 9999'],
      ['/api/decisions/routing/xml?version=9999', '决策「routing」没有第 9999 版', 'Decision "routing" has no version 9999'],
    ];
    for (const [path, zh, en] of cases) {
      const chinese = await get(path, 'donghu.room1', 'zh-CN');
      expect([path, chinese.status, chinese.body.message]).toEqual([path, 404, zh]);
      const english = await get(path, 'donghu.room1', 'en');
      expect([path, english.status, english.body.message]).toEqual([path, 404, en]);
    }

    for (const path of ['/api/processes/petition/xml', '/api/decisions/routing/xml', '/api/forms/anything/schema']) {
      for (const version of ['0', 'abc', '1.5', '-2']) {
        const response = await get(`${path}?version=${version}`);
        expect([path, version, response.status]).toEqual([path, version, 400]);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
        expect(response.body.message).toMatch(/^Version must be/);
      }
    }
    const chinese = await get('/api/processes/petition/xml?version=0', 'donghu.room1', 'zh-CN');
    expect(chinese.body.message).toBe('版本号不能小于1');
  });
});

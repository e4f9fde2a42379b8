import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, engine, login, stackInfo } from '../support/harness';

const PROCESSES = join(__dirname, '..', '..', 'processes');

function formWith(files: [string, string | Buffer][]): FormData {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([content]), name);
  return form;
}

describe('process definitions', () => {
  it('are deployed on start: petition, unit-handling and the routing decision', async () => {
    const list = await api('GET', '/api/processes', { token: await login('admin') });
    expect(list.status).toBe(200);
    expect(list.body.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['petition', 'unit-handling']));
    const decisions = await engine<{ key: string }[]>('GET', '/decision-definition?latestVersion=true');
    expect(decisions.map((d) => d.key)).toContain('routing');
  });

  it('serve the BPMN XML that the web page renders', async () => {
    const xml = await api('GET', '/api/processes/petition/xml', { token: await login('donghu.room1') });
    expect(xml.status).toBe(200);
    expect(xml.body.key).toBe('petition');
    expect(xml.body.bpmn20Xml).toContain('id="lane-village"');
    const missing = await api('GET', '/api/processes/no-such-process/xml', { token: await login('admin'), lang: 'zh-CN' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('no-such-process');
  });

  it('deploy nothing new when the files are unchanged (duplicate filtering)', async () => {
    // (other test files deploy definitions of their own meanwhile: only these keys' versions count)
    const versions = async () => ({
      processes: await engine<{ id: string }[]>('GET', '/process-definition?keysIn=petition,unit-handling&sortBy=id&sortOrder=asc'),
      decisions: await engine<{ id: string }[]>('GET', '/decision-definition?key=routing&sortBy=id&sortOrder=asc'),
    });
    const token = await login('admin');
    const before = await versions();
    expect(before.processes.length).toBeGreaterThanOrEqual(2);
    expect(before.decisions.length).toBeGreaterThanOrEqual(1);
    const files: [string, Buffer][] = ['petition.bpmn', 'unit-handling.bpmn', 'routing.dmn'].map((name) => [
      name,
      readFileSync(join(PROCESSES, name)),
    ]);
    const response = await api('POST', '/api/processes/deploy', { token, body: formWith(files) });
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(false);
    expect(await versions()).toEqual(before);
  });

  it('refuse a broken diagram with the engine’s reason, and refuse non-administrators', async () => {
    const token = await login('admin');
    const broken = await api('POST', '/api/processes/deploy', {
      token,
      lang: 'zh-CN',
      body: formWith([['broken.bpmn', '<definitions><process id="x"></definitions>']]),
    });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/^流程引擎拒绝了该部署/);

    const notBpmn = await api('POST', '/api/processes/deploy', { token, body: formWith([['notes.txt', 'hello']]) });
    expect(notBpmn.status).toBe(400);
    expect(notBpmn.body.message).toBe('File "notes.txt" is not a .bpmn, .dmn or .form file');

    const handler = await api('POST', '/api/processes/deploy', {
      token: await login('donghu.room1'),
      body: formWith([['petition.bpmn', readFileSync(join(PROCESSES, 'petition.bpmn'))]]),
    });
    expect(handler.status).toBe(403);
  });

  it('declare historyTimeToLive on every process and decision', async () => {
    const processes = await engine<{ key: string; historyTimeToLive: number | null }[]>('GET', '/process-definition?latestVersion=true');
    const decisions = await engine<{ key: string; historyTimeToLive: number | null }[]>('GET', '/decision-definition?latestVersion=true');
    for (const definition of [...processes, ...decisions]) expect(definition.historyTimeToLive).toBeGreaterThan(0);
  });
});

describe('the web app and API documentation', () => {
  it('are served by the API', async () => {
    const page = await fetch(stackInfo().apiUrl + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const docs = await fetch(stackInfo().apiUrl + '/api/docs-json');
    const spec = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/petitions', '/api/petitions/{id}', '/api/tasks', '/api/public/progress']),
    );
  });

  it('report health of the engine and the database', async () => {
    const health = await api('GET', '/api/health');
    expect(health.status).toBe(200);
    // Other files in this shared stack raise incidents on purpose: "degraded" exactly while there are some.
    expect(health.body).toEqual({ status: health.body.incidents === 0 ? 'ok' : 'degraded', engine: 'up', database: 'up', incidents: expect.any(Number) });
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createApiClient, type FetchLike } from '@/api/client';
import { getDefinitionContent, keyOfContent, kindOfFile, listDefinitions, listVersions } from '@/api/definitions';
import { translate } from '@/i18n';

/** A client whose fetch answers each path from `routes` and records what was asked. */
function clientAnswering(routes: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url) => {
    asked.push(url);
    if (!(url in routes)) return new Response('{"message":"no"}', { status: 404, headers: { 'Content-Type': 'application/json' } });
    return new Response(JSON.stringify(routes[url]), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { client: createApiClient({ fetch, translate, getToken: () => 't' }), asked };
}

describe('definitions catalogue', () => {
  it('given a process listed twice, when listed, then one entry per key at its highest version with its running instances', async () => {
    const { client } = clientAnswering({
      '/api/processes': [
        { key: 'petition', name: '信访事项办理', version: 2, versionCount: 3, deploymentId: 'd2', resource: 'petition.bpmn', runningInstances: 7 },
        { key: 'audit', name: null, version: 1, versionCount: 1, deploymentId: 'd1', resource: 'audit.bpmn', runningInstances: 0 },
        { key: 'petition', name: '信访事项办理', version: 3, versionCount: 3, deploymentId: 'd3', resource: 'petition.bpmn', runningInstances: 7 },
      ],
    });
    const list = await listDefinitions(client, 'process');
    expect(list.map((d) => `${d.key}@${d.version}`)).toEqual(['petition@3', 'audit@1']);
    expect(list[0]).toMatchObject({ kind: 'process', versionCount: 3, usage: 7, resource: 'petition.bpmn' });
  });

  it('given decisions and forms, when listed, then decisions count evaluations and forms count nothing', async () => {
    const { client } = clientAnswering({
      '/api/decisions': [{ key: 'routing', name: '分流', version: 4, versionCount: 4, deploymentId: 'd', resource: 'routing.dmn', evaluations: 12 }],
      '/api/forms': [{ key: 'reply-form', version: 1, versionCount: 1, deploymentId: 'd', resource: 'reply.form' }],
    });
    expect((await listDefinitions(client, 'decision'))[0]).toMatchObject({ usage: 12, resource: 'routing.dmn' });
    expect((await listDefinitions(client, 'form'))[0]).toMatchObject({ usage: null, name: null, resource: 'reply.form' });
  });

  it('asks for a given version and reads the content field of each kind', async () => {
    const { client, asked } = clientAnswering({
      '/api/decisions/routing/xml?version=2': { key: 'routing', version: 2, resource: 'routing.dmn', dmnXml: '<definitions/>' },
      '/api/forms/reply-form/schema': { key: 'reply-form', version: 3, resource: 'reply.form', schema: '{"id":"reply-form"}' },
      '/api/processes/a%2Fb/versions': [
        { version: 1, deploymentId: 'd1', runningInstances: 2 },
        { version: 2, deploymentId: 'd2', runningInstances: 0 },
      ],
    });
    await expect(getDefinitionContent(client, 'decision', 'routing', 2)).resolves.toEqual({
      key: 'routing',
      version: 2,
      resource: 'routing.dmn',
      content: '<definitions/>',
    });
    await expect(getDefinitionContent(client, 'form', 'reply-form', null)).resolves.toMatchObject({ version: 3, content: '{"id":"reply-form"}' });
    const versions = await listVersions(client, 'process', 'a/b');
    expect(versions.map((v) => [v.version, v.usage])).toEqual([
      [2, 0],
      [1, 2],
    ]);
    expect(asked).toContain('/api/processes/a%2Fb/versions');
  });

  it('tells the kind of a file by its extension', () => {
    expect(kindOfFile('flow.bpmn')).toBe('process');
    expect(kindOfFile('Flow.BPMN20.XML')).toBe('process');
    expect(kindOfFile('routing.dmn')).toBe('decision');
    expect(kindOfFile('reply.form')).toBe('form');
    expect(kindOfFile('notes.txt')).toBeNull();
  });

  it('reads the key a file defines: the executable process, the first decision, the form id', () => {
    const bpmn = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
      <bpmn:process id="helper" isExecutable="false"/><bpmn:process id="main-flow" isExecutable="true"/></bpmn:definitions>`;
    const dmn = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs"><decision id="routing" name="r"/></definitions>`;
    expect(keyOfContent('process', bpmn)).toBe('main-flow');
    expect(keyOfContent('decision', dmn)).toBe('routing');
    expect(keyOfContent('form', '{"id":"reply-form","components":[]}')).toBe('reply-form');
    expect(keyOfContent('form', '{"components":[]}')).toBeNull();
    expect(keyOfContent('form', 'not json')).toBeNull();
    expect(keyOfContent('process', '<broken')).toBeNull();
  });
});

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Deployment } from '../../src/camunda/camunda-rest.client';
import { formKeyOf, FormResource, numberFormVersions } from '../../src/camunda/deployed-forms';
import { summarizeDeployment } from '../../src/camunda/process-deployer.service';
import { LocalizedHttpError } from '../../src/common/errors';
import { groupByKey, pickVersion } from '../../src/definitions/definition-versions';
import { VersionQueryDto } from '../../src/definitions/version-query.dto';

describe('form keys', () => {
  it('are the top-level id of the form JSON', () => {
    expect(formKeyOf('{"id":"registration","components":[]}')).toBe('registration');
    expect(formKeyOf('{"components":[{"id":"inner"}]}')).toBeUndefined();
    expect(formKeyOf('{"id":""}')).toBeUndefined();
    expect(formKeyOf('[{"id":"x"}]')).toBeUndefined();
    expect(formKeyOf('not json')).toBeUndefined();
  });
});

describe('form versions', () => {
  const deployment = (id: string, time: string) => ({ id, name: 'petition-processes', source: null, deploymentTime: time });
  const form = (key: string, resource = `${key}.form`): FormResource => ({ key, resource, resourceId: `${key}-${resource}` });

  it('count up per key in deployment order, one per deployment that holds the key', () => {
    const deployments = [
      deployment('d1', '2026-01-01T08:00:00.000+0000'),
      deployment('d2', '2026-01-02T08:00:00.000+0000'),
      deployment('d3', '2026-01-03T08:00:00.000+0800'),
    ];
    const formsOf = new Map([
      ['d1', [form('a'), form('b')]],
      ['d3', [form('a', 'renamed.form')]],
    ]);
    const versions = numberFormVersions(deployments, formsOf);
    expect(versions.map((v) => [v.key, v.version, v.deploymentId, v.resource])).toEqual([
      ['a', 1, 'd1', 'a.form'],
      ['b', 1, 'd1', 'b.form'],
      ['a', 2, 'd3', 'renamed.form'],
    ]);
    expect(versions[2].deployedAt).toBe('2026-01-03T00:00:00.000Z');
  });
});

describe('picking a version', () => {
  const versions = [
    { key: 'p', version: 3 },
    { key: 'p', version: 2 },
    { key: 'p', version: 1 },
  ];

  it('takes the latest without a version, or exactly the one asked for', () => {
    expect(pickVersion('process', 'p', versions).version).toBe(3);
    expect(pickVersion('process', 'p', versions, 1).version).toBe(1);
  });

  it('answers 404 naming the key, or the key and the version', () => {
    const noKey = catchError(() => pickVersion('decision', 'x', []));
    expect(noKey.status).toBe(404);
    expect(noKey.messages).toEqual({ 'zh-CN': '未找到决策「x」，它可能尚未部署', en: 'No decision "x" is deployed' });
    const noVersion = catchError(() => pickVersion('form', 'p', versions, 7));
    expect(noVersion.status).toBe(404);
    expect(noVersion.messages).toEqual({ 'zh-CN': '表单「p」没有第 7 版', en: 'Form "p" has no version 7' });
  });

  it('groups by key alphabetically, newest version first', () => {
    const groups = groupByKey([
      { key: 'b', version: 1 },
      { key: 'a', version: 1 },
      { key: 'b', version: 2 },
    ]);
    expect([...groups.entries()].map(([k, v]) => [k, v.map((d) => d.version)])).toEqual([
      ['a', [1]],
      ['b', [2, 1]],
    ]);
  });
});

describe('the version query', () => {
  const problems = async (version: unknown) =>
    (await validate(plainToInstance(VersionQueryDto, version === undefined ? {} : { version }))).flatMap((e) =>
      Object.keys(e.constraints ?? {}),
    );

  it('accepts nothing or a positive whole number', async () => {
    expect(await problems(undefined)).toEqual([]);
    expect(await problems('1')).toEqual([]);
    expect(plainToInstance(VersionQueryDto, { version: '12' }).version).toBe(12);
  });

  it('refuses anything else', async () => {
    for (const bad of ['0', 'abc', '1.5', '-1', '1e0', ' 1', ['1', '2']]) expect((await problems(bad)).length).toBeGreaterThan(0);
  });
});

describe('a deployment result', () => {
  const base: Deployment = {
    id: 'new',
    name: 'petition-processes',
    deploymentTime: '2026-01-01T00:00:00.000+0000',
    deployedProcessDefinitions: null,
    deployedDecisionDefinitions: null,
  };

  it('is created when only forms were deployed', () => {
    expect(summarizeDeployment(base, 'old', ['f:2'])).toEqual({
      deploymentId: 'new',
      created: true,
      processes: [],
      decisions: [],
      forms: ['f:2'],
    });
  });

  it('is not created when duplicate filtering answered with the previous deployment', () => {
    expect(summarizeDeployment(base, 'new', [])).toMatchObject({ created: false, forms: [] });
  });
});

function catchError(action: () => unknown): LocalizedHttpError {
  try {
    action();
  } catch (error) {
    if (error instanceof LocalizedHttpError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

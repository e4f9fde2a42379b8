import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, type FetchLike } from '@/api/client';
import { login } from '@/api/auth';
import { deployProcessXml, deployedVersion, getProcessXml, listProcesses } from '@/api/processes';
import { DEFAULT_LOCALE, i18n, translate } from '@/i18n';

interface Call {
  url: string;
  init: RequestInit;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A fake fetch that records calls and answers with the given responses in turn. */
function fakeFetch(...answers: Array<Response | Error | ((init: RequestInit) => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(init);
    return answer;
  };
  return { fetch, calls };
}

function headerOf(call: Call, name: string): string | undefined {
  return (call.init.headers as Record<string, string>)[name];
}

/** The ApiError a call rejects with; fails the test if it resolves or rejects otherwise. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if (!('rejected' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.rejected).toBeInstanceOf(ApiError);
  return outcome.rejected as ApiError;
}

afterEach(() => {
  i18n.global.locale.value = DEFAULT_LOCALE;
});

describe('API client', () => {
  it('attaches the bearer token and returns the parsed JSON', async () => {
    const { fetch, calls } = fakeFetch(
      jsonResponse(200, [{ id: 'petition:1:a', key: 'petition', name: '信访事项办理', version: 1, deploymentId: 'd1' }]),
    );
    const client = createApiClient({ fetch, translate, getToken: () => 'tok-123' });

    const list = await listProcesses(client);

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/processes');
    expect(calls[0]!.init.method).toBe('GET');
    expect(headerOf(calls[0]!, 'Authorization')).toBe('Bearer tok-123');
    expect(list.map((d) => d.key)).toEqual(['petition']);
  });

  it('sends no Authorization header without a token, and posts JSON', async () => {
    const { fetch, calls } = fakeFetch(
      jsonResponse(200, {
        accessToken: 'new-token',
        user: { username: 'zhangsan', displayName: '张三', unitCode: '330100', unitName: '市信访局', roles: ['handler'] },
      }),
    );
    const client = createApiClient({ fetch, translate, getToken: () => null });

    const result = await login(client, { username: 'zhangsan', password: 'secret' }, translate);

    expect(calls[0]!.url).toBe('/api/auth/login');
    expect(calls[0]!.init.method).toBe('POST');
    expect(headerOf(calls[0]!, 'Authorization')).toBeUndefined();
    expect(headerOf(calls[0]!, 'Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ username: 'zhangsan', password: 'secret' });
    expect(result.accessToken).toBe('new-token');
    expect(result.user.unitName).toBe('市信访局');
  });

  it('turns a failed sign-in (401) into an error carrying the server message, without a session-expired redirect', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch(jsonResponse(401, { message: '用户名或密码错误' }));
    const client = createApiClient({ fetch, translate, getToken: () => null, onUnauthorized });

    const error = await failure(login(client, { username: 'x', password: 'y' }, translate));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('用户名或密码错误');
    expect(error.status).toBe(401);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports a 401 on an authenticated call as an expired session', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch(new Response('', { status: 401 }));
    const client = createApiClient({ fetch, translate, getToken: () => 'stale', onUnauthorized });

    const error = await failure(client.get('/processes'));

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('身份验证失败，请重新登录');
  });

  it('uses the message of a 4xx body, joining NestJS validation message arrays', async () => {
    const { fetch } = fakeFetch(
      jsonResponse(404, { statusCode: 404, message: '流程定义 unknown 不存在', error: 'Not Found' }),
      jsonResponse(400, { message: ['username should not be empty', 'password should not be empty'] }),
    );
    const client = createApiClient({ fetch, translate, getToken: () => 't' });

    const notFound = await failure(getProcessXml(client, 'unknown'));
    expect(notFound).toBeInstanceOf(ApiError);
    expect(notFound.status).toBe(404);
    expect(notFound.message).toBe('流程定义 unknown 不存在');

    const invalid = await failure(client.post('/auth/login', {}));
    expect(invalid.message).toBe('username should not be empty; password should not be empty');
  });

  it('falls back to a translated message when the error body has none', async () => {
    const { fetch } = fakeFetch(
      new Response('<html>Internal Server Error</html>', { status: 500 }),
      new Response('', { status: 403 }),
      new Response('', { status: 502 }),
      new Response('{}', { status: 418 }),
    );
    const client = createApiClient({ fetch, translate });

    expect((await failure(client.get('/a'))).message).toBe('服务器出错（HTTP 500），请稍后重试');
    expect((await failure(client.get('/b'))).message).toBe('您没有执行此操作的权限');
    expect((await failure(client.get('/c'))).message).toBe('无法连接服务器，请稍后重试');
    i18n.global.locale.value = 'en';
    expect((await failure(client.get('/d'))).message).toBe('The request failed (HTTP 418).');
  });

  it('turns a network failure into an actionable message in the UI language', async () => {
    const { fetch } = fakeFetch(new TypeError('Failed to fetch'), new TypeError('fetch failed'));
    const client = createApiClient({ fetch, translate, getToken: () => 't' });

    const zh = await failure(client.get('/processes'));
    expect(zh).toBeInstanceOf(ApiError);
    expect(zh.kind).toBe('network');
    expect(zh.status).toBeNull();
    expect(zh.message).toBe('无法连接服务器，请稍后重试');

    i18n.global.locale.value = 'en';
    const english = await failure(client.get('/processes'));
    expect(english.message).toBe('Cannot reach the server. Please try again later.');
  });

  it('gives up after the timeout', async () => {
    const hanging = (init: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const { fetch } = fakeFetch(hanging);
    const client = createApiClient({ fetch, translate, timeoutMs: 20 });

    const error = await failure(client.get('/processes'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('服务器响应超时，请稍后重试');
  });

  it('rejects a success answer that is not JSON', async () => {
    const { fetch } = fakeFetch(new Response('<!doctype html><html></html>', { status: 200 }));
    const client = createApiClient({ fetch, translate });

    const error = await failure(client.get('/processes'));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe('服务器返回的数据无法识别');
  });

  it('rejects a sign-in answer without a token', async () => {
    const { fetch } = fakeFetch(jsonResponse(200, { user: { username: 'a' } }));
    const client = createApiClient({ fetch, translate });

    await expect(login(client, { username: 'a', password: 'b' }, translate)).rejects.toThrow(
      '服务器返回的数据无法识别',
    );
  });

  it('escapes the process key in the diagram URL and sends the UI language', async () => {
    const { fetch, calls } = fakeFetch(
      jsonResponse(200, { id: 'x', key: 'a/b c', version: 2, bpmn20Xml: '<definitions/>' }),
    );
    const client = createApiClient({ fetch, translate, getLocale: () => 'en' });

    const result = await getProcessXml(client, 'a/b c');
    expect(calls[0]!.url).toBe('/api/processes/a%2Fb%20c/xml');
    expect(headerOf(calls[0]!, 'Accept-Language')).toBe('en');
    expect(result.bpmn20Xml).toBe('<definitions/>');
  });

  it('uploads a diagram as multipart FormData without setting a Content-Type of its own', async () => {
    const { fetch, calls } = fakeFetch(
      jsonResponse(201, { deploymentId: 'd9', created: true, processes: ['unit-handling:4'], decisions: [] }),
    );
    const client = createApiClient({ fetch, translate, getToken: () => 'tok-1' });

    const result = await deployProcessXml(client, 'unit-handling', '<definitions/>');

    expect(calls[0].url).toBe('/api/processes/deploy');
    expect(calls[0].init.method).toBe('POST');
    expect(headerOf(calls[0], 'Content-Type')).toBeUndefined();
    expect(headerOf(calls[0], 'Authorization')).toBe('Bearer tok-1');
    const body = calls[0].init.body;
    expect(body).toBeInstanceOf(FormData);
    const file = (body as FormData).get('files') as File;
    expect(file.name).toBe('unit-handling.bpmn');
    await expect(file.text()).resolves.toBe('<definitions/>');
    expect(deployedVersion(result, 'unit-handling')).toBe(4);
    expect(deployedVersion(result, 'petition')).toBeNull();
    expect(deployedVersion({ deploymentId: 'd', created: false, processes: [], decisions: [] }, 'x')).toBeNull();
  });

  it('still sends JSON bodies as application/json', async () => {
    const { fetch, calls } = fakeFetch(jsonResponse(200, {}));
    const client = createApiClient({ fetch, translate });
    await client.post('/x', { a: 1 });
    expect(headerOf(calls[0], 'Content-Type')).toBe('application/json');
    expect(calls[0].init.body).toBe('{"a":1}');
  });
});

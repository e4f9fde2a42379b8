import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { api, login, stackInfo } from '../support/harness';
import { petitionInput, register, waitForTask } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, stopProcess } = require('../../scripts/lib/stack.cjs');

/** A JSON body as a client could write it by hand: \ud800 escapes and all. */
const raw = (text: string) => text;

function nestedJson(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

async function auditVerifies(): Promise<{ ok: boolean; breaks: unknown[] }> {
  const verified = await api('GET', '/api/audit/verify', { token: await login('auditor') });
  expect(verified.status).toBe(200);
  return verified.body;
}

describe('hostile input at the edge (issue #11)', () => {
  describe('text that is not well-formed Unicode', () => {
    it('is refused at sign-in with a 400, and the audit chain stays intact', async () => {
      // given an attacker who signs in with an unpaired surrogate in the user name
      const response = await api('POST', '/api/auth/login', {
        body: raw('{"username":"\\ud800x","password":"x"}'),
        lang: 'zh-CN',
      });
      // then the request is refused as malformed, not judged as a wrong password
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'username', code: 'malformedText' })]);
      expect(response.body.message).toContain('用户名含有无法保存的字符');
      // and the audit log, which records the refusal, still verifies
      expect(await auditVerifies()).toMatchObject({ ok: true, breaks: [] });
    });

    it('is refused in a petitioner’s name instead of being stored as U+FFFD', async () => {
      const body = JSON.stringify(petitionInput()).replace('"张三"', '"张\\uD800三"');
      const response = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body, lang: 'en' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'petitioners[0].name', code: 'malformedText' })]);
      expect(response.body.message).toContain('Petitioners 1: Name contains a character that cannot be stored');
    });

    it('keeps a proper surrogate pair (an emoji) as it was sent', async () => {
      const subject = `楼道灯坏了💡（${randomUUID().slice(0, 6)}）`;
      const petition = await register({ subject });
      const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.registrar') });
      expect(view.body.subject).toBe(subject);
    });
  });

  describe('deeply nested JSON', () => {
    it.each([
      ['POST', '/api/auth/login', undefined],
      ['POST', '/api/petitions', 'donghu.registrar'],
      ['PUT', '/api/admin/calendar/2099', 'sysadmin'],
    ])('is a 400 with a message at %s %s, never a 500', async (method, path, who) => {
      const response = await api(method, path, {
        token: who ? await login(who) : undefined,
        body: nestedJson(5_000),
        lang: 'zh-CN',
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('请求内容的嵌套层级过深（超过 20 层），请检查提交的数据');
    });
  });

  it('refuses a subject made only of white space, ideographic spaces included', async () => {
    const response = await api('POST', '/api/petitions', {
      token: await login('donghu.registrar'),
      body: petitionInput({ subject: '\u3000\u3000\t  \u3000' }),
      lang: 'zh-CN',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'subject', code: 'isNotBlank', message: '信访主题不能为空，也不能只有空格' }]);
  });

  it('refuses calendar days that are not objects instead of failing with a 500', async () => {
    const response = await api('PUT', '/api/admin/calendar/2099', {
      token: await login('sysadmin'),
      body: { days: [[{ date: '2099-01-01', workday: false, name: '元旦' }]] },
      lang: 'en',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'days', code: 'isObject' })]);
  });

  it.each(['-1', 'x%00y', '..%2F..%2Fengine', 'a'.repeat(200), '%E2%80%AE'])(
    'answers the malformed task id %s with 404, as an unknown task',
    async (id) => {
      const token = await login('donghu.room1');
      for (const [method, path] of [
        ['GET', `/api/tasks/${id}`],
        ['GET', `/api/tasks/${id}/form`],
        ['POST', `/api/tasks/${id}/claim`],
        ['POST', `/api/tasks/${id}/complete`],
      ]) {
        const response = await api(method, path, { token, body: method === 'POST' ? {} : undefined });
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
    },
  );

  it.each([
    ['/api/processes/%F0%9F%92%A9%E5%BC%A0/versions', '流程'],
    ['/api/processes/%F0%9F%92%A9/xml', '流程'],
    ['/api/decisions/%F0%9F%92%A9%E5%BC%A0/versions', '决策'],
    ['/api/decisions/a%3Ab/xml', '决策'],
    ['/api/forms/%F0%9F%92%A9/schema', '表单'],
  ])('answers a definition key that cannot exist (%s) with 404, not the engine’s failure', async (path, noun) => {
    const response = await api('GET', path, { token: await login('admin'), lang: 'zh-CN' });
    expect(response.status).toBe(404);
    expect(response.body.message).toContain(`未找到${noun}`);
  });

  it('answers the same unit created by two requests at once with one 201 and 409s, never a 500', async () => {
    const token = await login('sysadmin');
    const suffix = randomUUID().slice(0, 6);
    const body = { code: `990121-room-${suffix}`, name: `并发测试办理室${suffix}`, kind: 'handling-room', regionCode: '990121' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => api('POST', '/api/admin/org/units', { token, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const region = { code: `9901211${String(Math.floor(Math.random() * 90) + 10)}`, name: `并发镇${suffix}`, level: 'township', parentCode: '990121' };
    const regions = await Promise.all(Array.from({ length: 4 }, () => api('POST', '/api/admin/org/regions', { token, body: region })));
    expect(regions.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(regions.filter((a) => a.status === 201)).toHaveLength(1);
    const user = { username: `concurrent.${suffix}`, displayName: '并发测试', unitCode: '990121-petition-office', password: 'Str0ng#Passw0rd' };
    const users = await Promise.all(Array.from({ length: 4 }, () => api('POST', '/api/admin/users', { token, body: user })));
    expect(users.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('tells browsers and proxies not to keep answers that carry personal data', async () => {
    const petition = await register();
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.registrar') });
    expect(view.status).toBe(200);
    expect(view.body.petitioners[0].masked).toBe(false);
    expect(view.headers.get('cache-control')).toBe('no-store');
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const taskPage = await api('GET', `/api/tasks/${task.id}`, { token: await login('donghu.room1') });
    expect(taskPage.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a request the HTTP parser refuses', () => {
  it('answers an address over the header limit with 431 and a message, not a reset connection, every time', async () => {
    // given a search whose every parameter is 5,000 characters (about 100 kB of address)
    const token = await login('donghu.registrar');
    const query = ['q', 'name', 'idNumber', 'status', 'category', 'channel', 'tier', 'unitCode', 'receivedFrom', 'receivedTo', 'sort', 'overdue', 'repeat', 'collective', 'levelSkip', 'number', 'firstResult', 'maxResults', 'x1', 'x2']
      .map((name) => `${name}=${'a'.repeat(5_000)}`)
      .join('&');
    // when it is sent several times (a reset lost the answer now and then)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${stackInfo().apiUrl}/api/petitions?${query}`, { headers: { Authorization: `Bearer ${token}` } }).then(
          async (response) => ({ status: response.status, body: (await response.json()) as { message: string } }),
          (error: Error) => ({ status: 0, body: { message: String((error.cause as Error | undefined)?.message ?? error.message) } }),
        ),
      ),
    );
    // then each one reads 431, with a message a person can act on
    for (const answer of answers) {
      expect(answer.status).toBe(431);
      expect(answer.body.message).toContain('请求地址或请求头过长');
    }
  });
});

describe('the API documentation in production', () => {
  it('is not served: /api/docs and its JSON and YAML answer 404', async () => {
    const info = stackInfo();
    const production = await startApi({
      engineUrl: info.engineUrl,
      databaseUrl: `sqlite:${join(info.outDir, `production-${randomBytes(4).toString('hex')}.sqlite`)}`,
      logDir: join(info.outDir, 'logs'),
      name: 'api-production',
      nodeEnv: 'production',
      env: {
        // Its own database, and no workers: the shared stack's tasks are not its business.
        WORKERS_IN_PROCESS: 'false',
        JWT_SECRET: randomBytes(32).toString('base64'),
        DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        DATA_HASH_KEY: randomBytes(32).toString('base64'),
      },
    });
    try {
      for (const path of ['/api/docs', '/api/docs-json', '/api/docs-yaml']) {
        const response = await api('GET', path, { baseUrl: production.url });
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      expect((await api('GET', '/api/health', { baseUrl: production.url })).status).toBe(200);
      // while a development server does serve them
      expect((await api('GET', '/api/docs-json')).status).toBe(200);
    } finally {
      await stopProcess(production.child);
    }
  });
});

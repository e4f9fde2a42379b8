import { createHmac, randomUUID } from 'node:crypto';
import { api, login, randomClientAddress, stackInfo } from '../support/harness';

const PASSWORD = 'Strong#2026x';

/** A fresh account, made the MLPS way: the system administrator creates it, the security administrator grants its roles. */
async function newAccount(roles: string[] = ['handler']): Promise<string> {
  const username = `t.${randomUUID().slice(0, 8)}`;
  const created = await api('POST', '/api/admin/users', {
    token: await login('sysadmin'),
    body: { username, displayName: '测试经办人', unitCode: '990102-handling-room-2', password: PASSWORD },
  });
  expect(created.status).toBe(201);
  expect(created.body.roles).toEqual([]);
  const granted = await api('PUT', `/api/admin/users/${username}/roles`, { token: await login('secadmin'), body: { roles } });
  expect(granted.status).toBe(200);
  return username;
}

function signIn(username: string, password = PASSWORD, lang = 'zh-CN') {
  return api('POST', '/api/auth/login', { body: { username, password }, lang });
}

describe('signing in', () => {
  it('returns a token that works until sign-out, and not after', async () => {
    const username = await newAccount();
    const response = await signIn(username);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { username, unitCode: '990102-handling-room-2', roles: ['handler'] }, idleMinutes: 30 });
    expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
    const token = response.body.accessToken;
    expect((await api('GET', '/api/auth/me', { token })).body.username).toBe(username);
    expect((await api('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await api('GET', '/api/tasks', { token, lang: 'zh-CN' });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('登录已过期或已退出，请重新登录');
  });

  it('refuses tokens it did not sign', async () => {
    const [header, payload] = (await login('donghu.room1')).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await api('GET', '/api/tasks', { token: forged })).status).toBe(401);
    expect((await api('GET', '/api/tasks', { token: 'garbage' })).status).toBe(401);
    expect((await api('GET', '/api/tasks')).status).toBe(401);
  });

  it('takes only HS256 tokens with its own key: the same claims under another algorithm, or none, are refused', async () => {
    const [header, payload] = (await login('donghu.room1')).split('.');
    // The test stack's key (scripts/lib/stack.cjs): signing here as the API does must give back the API's own token.
    const secret = 'test-secret-not-for-production';
    const sign = (alg: string, body = payload) => {
      const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const digest = alg === 'none' ? '' : createHmac(`sha${alg.slice(2)}`, secret).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${digest}`;
    };
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    expect((await api('GET', '/api/auth/me', { token: sign('HS256') })).status).toBe(200);
    expect((await api('GET', '/api/auth/me', { token: sign('HS512') })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', { token: sign('none') })).status).toBe(401);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherIssuer = Buffer.from(JSON.stringify({ ...claims, iss: 'someone-else' })).toString('base64url');
    expect((await api('GET', '/api/auth/me', { token: sign('HS256', otherIssuer) })).status).toBe(401);
  });

  it('locks an account after repeated wrong passwords, even against the right one, until a security administrator unlocks it', async () => {
    const username = await newAccount();
    const { maxFailedSignIns } = stackInfo().rateLimits;
    for (let attempt = 1; attempt < maxFailedSignIns; attempt++) {
      const wrong = await signIn(username, 'Wrong#2026x');
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('用户名或密码错误');
    }
    const locking = await signIn(username, 'Wrong#2026x');
    expect(locking.status).toBe(423);
    expect(locking.body.message).toContain('账号已锁定');
    expect((await signIn(username)).status).toBe(423);

    const users = await api('GET', '/api/admin/users', { token: await login('secadmin') });
    expect(users.body.find((u: { username: string }) => u.username === username).lockedUntil).toEqual(expect.any(String));
    expect((await api('POST', `/api/admin/users/${username}/unlock`, { token: await login('secadmin') })).status).toBe(200);
    expect((await signIn(username)).status).toBe(200);
  });

  it('counts only consecutive failures: a successful sign-in starts the count again', async () => {
    const username = await newAccount();
    const { maxFailedSignIns } = stackInfo().rateLimits;
    for (let i = 1; i < maxFailedSignIns; i++) expect((await signIn(username, 'Wrong#2026x')).status).toBe(401);
    expect((await signIn(username)).status).toBe(200);
    expect((await signIn(username, 'Wrong#2026x')).status).toBe(401);
    expect((await signIn(username)).status).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await signIn(`nobody.${randomUUID().slice(0, 6)}`);
    const wrong = await signIn('donghu.room2', 'Wrong#2026x');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('accounts', () => {
  it('enforce the password policy, with a message saying what to fix', async () => {
    const token = await login('sysadmin');
    const weak = async (password: string) =>
      api('POST', '/api/admin/users', {
        token,
        lang: 'zh-CN',
        body: { username: `t.${randomUUID().slice(0, 8)}`, displayName: '弱密码', unitCode: '990102-handling-room-2', password },
      });
    expect((await weak('Ab1!')).body.message).toBe('密码长度须为 8–128 位');
    expect((await weak('alllowercase')).body.message).toBe('密码须至少包含小写字母、大写字母、数字、符号中的三类');
    expect((await weak('alllowercase')).status).toBe(400);
  });

  it('let their holder change the password, which ends their other sessions', async () => {
    const username = await newAccount();
    const first = (await signIn(username)).body.accessToken;
    const second = (await signIn(username)).body.accessToken;
    const wrongCurrent = await api('POST', '/api/auth/password', {
      token: second,
      lang: 'zh-CN',
      body: { currentPassword: 'Wrong#2026x', newPassword: 'Another#2026y' },
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.message).toBe('当前密码不正确');
    const changed = await api('POST', '/api/auth/password', {
      token: second,
      body: { currentPassword: PASSWORD, newPassword: 'Another#2026y' },
    });
    expect(changed.status).toBe(204);
    expect((await api('GET', '/api/auth/me', { token: first })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', { token: second })).status).toBe(200);
    expect((await signIn(username)).status).toBe(401);
    expect((await signIn(username, 'Another#2026y')).status).toBe(200);
  });

  it('take a change of roles or a deactivation into account at once, not when the token expires', async () => {
    const username = await newAccount(['handler']);
    const token = (await signIn(username)).body.accessToken;
    expect((await api('GET', '/api/tasks', { token })).status).toBe(200);
    expect((await api('PUT', `/api/admin/users/${username}/roles`, { token: await login('secadmin'), body: { roles: ['registrar'] } })).status).toBe(200);
    expect((await api('GET', '/api/auth/me', { token })).body.roles).toEqual(['registrar']);
    expect((await api('PATCH', `/api/admin/users/${username}`, { token: await login('sysadmin'), body: { active: false } })).status).toBe(200);
    expect((await api('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await signIn(username)).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('slow down repeated sign-in attempts from one address, and not from others', async () => {
    const address = randomClientAddress();
    const { signIn: limit } = stackInfo().rateLimits;
    const attempt = (from: string) =>
      api('POST', '/api/auth/login', { body: { username: 'nobody.rate', password: 'Wrong#2026x' }, headers: { 'X-Forwarded-For': from }, lang: 'zh-CN' });
    for (let i = 0; i < limit; i++) expect((await attempt(address)).status).toBe(401);
    const limited = await attempt(address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/^请求过于频繁，请在 \d+ 秒后重试$/);
    expect((await attempt(randomClientAddress())).status).toBe(401);
  });

  it('slow down the public progress query', async () => {
    const address = randomClientAddress();
    const { publicQuery: limit } = stackInfo().rateLimits;
    const query = () => api('GET', '/api/public/progress?number=XF-990102-2026-000000&code=AAAA-AAAA-AAAA', { headers: { 'X-Forwarded-For': address } });
    for (let i = 0; i < limit; i++) expect((await query()).status).toBe(404);
    expect((await query()).status).toBe(429);
  });
});

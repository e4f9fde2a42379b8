import { networkInterfaces } from 'node:os';
import { api, login, stackInfo } from '../support/harness';

describe('HTTP hardening', () => {
  it('sends security headers and does not say what it runs on', async () => {
    const response = await api('GET', '/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses an oversized request with a message a person can act on', async () => {
    const response = await api('POST', '/api/petitions', {
      token: await login('donghu.registrar'),
      body: { content: 'x'.repeat(1_100_000) },
      lang: 'zh-CN',
    });
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('提交的内容过大，请精简后重试');
  });

  it('gives no other web site leave to call it from a browser (CORS closed by default)', async () => {
    const preflight = await fetch(`${stackInfo().apiUrl}/api/petitions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await api('GET', '/api/health', { headers: { Origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the engine out of browsers’ reach: not proxied, no CORS, listening on loopback only', async () => {
    // The engine answers /engine-rest/engine with [{"name":"default"}]; through the API's address one
    // gets the web app's page (client-side routes) or a 404, never the engine.
    const throughApi = await api('GET', '/engine-rest/engine');
    expect(throughApi.headers.get('content-type') ?? '').not.toContain('application/json');
    expect(JSON.stringify(throughApi.body)).not.toContain('"name":"default"');
    expect((await api('GET', '/api/engine-rest/engine', { token: await login('admin') })).status).toBe(404);
    const { engineUrl } = stackInfo();
    const preflight = await fetch(`${engineUrl}/engine`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const port = new URL(engineUrl).port;
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    // A machine with only loopback has nothing else to listen on; the engine is then loopback-only by construction.
    if (external) await expect(fetch(`http://${external}:${port}/engine-rest/engine`)).rejects.toThrow();
  });

  it('validates input: unknown fields are refused, not silently stored', async () => {
    const response = await api('PUT', '/api/admin/users/donghu.room2/roles', {
      token: await login('secadmin'),
      body: { roles: ['handler'], isAdmin: true },
    });
    expect(response.status).toBe(400);
  });
});

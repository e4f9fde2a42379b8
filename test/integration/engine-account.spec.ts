import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { api, engine, login, stackInfo } from '../support/harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINE_JAR } = require('../../scripts/lib/stack.cjs');

const basic = (user: string, password: string) => ({ Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') });

async function engineStatus(path: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(stackInfo().engineUrl + path, { headers });
  await response.arrayBuffer();
  return response.status;
}

/** Starts the engine jar with `env` and waits (bounded) for it to exit; what it printed comes back. */
function engineRefusesToStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-jar', ENGINE_JAR], {
      // An in-memory database and a port of its own: nothing is left behind should it start after all.
      env: { ...process.env, ENGINE_PORT: '0', ENGINE_DB_URL: `jdbc:h2:mem:refused_${randomBytes(4).toString('hex')}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the engine was still running after 45 s instead of refusing to start:\n${output.slice(-2000)}`));
    }, 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the engine service account', () => {
  it('cannot be locked from outside: after ten wrong passwords the product works and the right password is accepted at once', async () => {
    const { engineUser, enginePassword } = stackInfo();
    // Given someone who can reach the engine port tries ten wrong passwords for the service account
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(await engineStatus('/process-definition/count', basic(engineUser, `wrong-${attempt}`))).toBe(401);
    }
    // Then the engine accepts the right password at once (Camunda's login throttle would refuse it for seconds,
    // and lock the account for good after ten failures)
    expect(await engineStatus('/process-definition/count', basic(engineUser, enginePassword))).toBe(200);
    // And a handler still gets their task list through the API, which calls the engine as that account
    const tasks = await api('GET', '/api/tasks', { token: await login('donghu.room1') });
    expect(tasks.status).toBe(200);
    expect(Array.isArray(tasks.body.items)).toBe(true);
  });

  it('still refuses wrong credentials with 401', async () => {
    const { engineUser, enginePassword } = stackInfo();
    expect(await engineStatus('/engine', basic(engineUser, enginePassword + 'x'))).toBe(401);
    expect(await engineStatus('/engine', basic(engineUser, ''))).toBe(401);
    expect(await engineStatus('/engine', basic(engineUser.toUpperCase() + '-nobody', enginePassword))).toBe(401);
    expect(await engineStatus('/engine', {})).toBe(401);
    expect(await engineStatus('/engine', { Authorization: 'Basic ' + Buffer.from(engineUser).toString('base64') })).toBe(401);
    expect(await engineStatus('/engine', { Authorization: 'Bearer ' + enginePassword })).toBe(401);
  });

  it('leaves every other engine user to the identity service: its own password works, a wrong one does not', async () => {
    const id = `probe${randomBytes(4).toString('hex')}`; // the engine allows [a-zA-Z0-9]+ as user ids
    const password = `P-${randomBytes(9).toString('base64url')}`;
    await engine('POST', '/user/create', { profile: { id, firstName: 'Probe', lastName: 'User', email: `${id}@example.org` }, credentials: { password } });
    try {
      expect(await engineStatus('/engine', basic(id, password))).toBe(200);
      expect(await engineStatus('/engine', basic(id, 'not-' + password))).toBe(401);
      // The service account's password is not a master key for other users
      expect(await engineStatus('/engine', basic(id, stackInfo().enginePassword))).toBe(401);
    } finally {
      await engine('DELETE', `/user/${id}`);
    }
  });

  it('refuses to start in production with the development password', async () => {
    const refused = await engineRefusesToStart({ ENGINE_ENV: 'production', ENGINE_USER: 'demo', ENGINE_PASSWORD: 'demo' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('ENGINE_PASSWORD is empty, the development password');
    expect(refused.output).toContain('ENGINE_ENV=production');
  });

  it('refuses to listen beyond loopback with the development password', async () => {
    const refused = await engineRefusesToStart({ ENGINE_ADDRESS: '0.0.0.0', ENGINE_USER: 'demo', ENGINE_PASSWORD: 'demo' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('the engine listens on 0.0.0.0, not on loopback');
  });
});

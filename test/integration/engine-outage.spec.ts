import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, DEMO_PASSWORD, eventually, stackInfo } from '../support/harness';
import { petitionInput } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, startEngine, stopProcess } = require('../../scripts/lib/stack.cjs');

/**
 * With the engine down, people get a 503 that says so and asks them to come back (issue #11: the
 * task list answered 500), registrations are still taken, and their processes start once the
 * engine is back. Its own engine and API, so the shared stack is not disturbed.
 */
describe('while the engine is down', () => {
  const logDir = join(stackInfo().outDir, 'logs', 'engine-outage');
  const dir = mkdtempSync(join(tmpdir(), 'engine-outage-'));
  const dbUrl = `jdbc:h2:file:${join(dir, 'camunda')};DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0`;
  let engine: { url: string; port: number; child: unknown };
  let apiUrl: string;
  let apiChild: unknown;

  beforeAll(async () => {
    engine = await startEngine({ dbUrl, logDir, name: 'engine' });
    const started = await startApi({
      engineUrl: engine.url,
      databaseUrl: `sqlite:${join(dir, 'petition.sqlite')}`,
      logDir,
      name: 'api',
      env: { REPAIR_SWEEP_SECONDS: '1', WORKER_POLL_TIMEOUT_MS: '800' },
    });
    apiUrl = started.url;
    apiChild = started.child;
  }, 240_000);

  afterAll(async () => {
    await stopProcess(apiChild);
    await stopProcess(engine.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with a message, takes registrations, and starts their processes when it is back', async () => {
    const signIn = async (username: string) =>
      (await api('POST', '/api/auth/login', { baseUrl: apiUrl, body: { username, password: DEMO_PASSWORD } })).body.accessToken as string;
    const handler = await signIn('donghu.room1');
    const registrar = await signIn('donghu.registrar');

    // given the engine is killed
    const killed = engine.child as { kill(signal: string): void; exited: Promise<unknown> };
    killed.kill('SIGKILL');
    await killed.exited;

    // then the task list says the engine is unavailable, in the caller's language, with a 503
    const tasks = await api('GET', '/api/tasks', { baseUrl: apiUrl, token: handler, lang: 'zh-CN' });
    expect(tasks.status).toBe(503);
    expect(tasks.body.message).toBe('流程引擎暂时不可用，请稍后重试');
    expect(tasks.headers.get('retry-after')).toBe('5');
    const health = await api('GET', '/api/health', { baseUrl: apiUrl });
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', engine: 'down', database: 'up' });

    // and a registration is still taken, its process to be started later
    const created = await api('POST', '/api/petitions', { baseUrl: apiUrl, token: registrar, body: petitionInput() });
    expect(created.status).toBe(201);
    expect(created.body.processInstanceId).toBeNull();
    expect(created.body.queryCode).toBeTruthy();

    // when the engine is back (same database, same port)
    engine = await startEngine({ dbUrl, logDir, name: 'engine', port: engine.port });

    // then the petition's process is started and it reaches its acceptance task
    await eventually(
      async () => {
        const list = await api('GET', '/api/tasks?maxResults=200', { baseUrl: apiUrl, token: handler });
        return list.status === 200 && list.body.items.some((t: { petition?: { id: string }; step: string }) => t.petition?.id === created.body.id && t.step === 'accept-decision');
      },
      { what: 'the acceptance task after the engine came back', timeoutMs: 90_000 },
    );
  }, 180_000);
});

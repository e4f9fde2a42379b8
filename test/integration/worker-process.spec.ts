import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { petitionInput } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, startStack, startWorker, stopProcess } = require('../../scripts/lib/stack.cjs');

interface PrivateStack {
  apiUrl: string;
  engineUrl: string;
  databaseUrl: string;
  logDir: string;
  api: { child: { logFile: string } };
  stop(): Promise<void>;
}

/**
 * The production shape: an API without in-process workers and workers in a process of their own. It
 * runs on an engine and database of its own, so that nobody else — the shared stack's in-process
 * workers in particular — can do the work this test attributes to the worker process, and nobody
 * else deploys while it counts deployments.
 */
describe('workers as their own process', () => {
  const info = stackInfo();
  let stack: PrivateStack;

  beforeAll(async () => {
    stack = await startStack({
      db: info.database.type,
      outDir: join(info.outDir, 'worker-process'),
      apiEnv: { WORKERS_IN_PROCESS: 'false' },
    });
  }, 240_000);
  afterAll(async () => stack?.stop(), 60_000);

  const onEngine = <T>(path: string) => engine<T>('GET', path, undefined, stack.engineUrl);

  async function registerAt(apiUrl: string) {
    const created = await api('POST', '/api/petitions', { baseUrl: apiUrl, token: await login('donghu.registrar', apiUrl), body: petitionInput() });
    expect(created.status).toBe(201);
    return created.body as { number: string; processInstanceId: string };
  }

  it('leave a registration to the worker process, which does the work and stops cleanly on SIGTERM', async () => {
    // given an API started without workers: it has started up, and subscribed to no topic
    const apiLog = () => readFileSync(stack.api.child.logFile, 'utf8');
    await eventually(async () => /API listening on/.test(apiLog()), { what: 'the API to finish starting' });
    expect(apiLog()).not.toMatch(/subscribed to/);

    // when it registers a petition, its first step waits for a worker: nobody has locked it
    const petition = await registerAt(stack.apiUrl);
    const waiting = await onEngine<{ topicName: string; workerId: string | null }[]>(`/external-task?processInstanceId=${petition.processInstanceId}`);
    expect(waiting).toEqual([expect.objectContaining({ topicName: 'petition-register', workerId: null })]);

    // then a worker process started with the worker entry point takes it up
    const worker = startWorker({
      engineUrl: stack.engineUrl,
      databaseUrl: stack.databaseUrl,
      logDir: stack.logDir,
      name: 'worker-alone',
      env: { WORKER_POLL_TIMEOUT_MS: '1000' },
    });
    try {
      const workerId = await eventually(async () => /Worker (\S+) subscribed to/.exec(readFileSync(worker.logFile, 'utf8'))?.[1], {
        what: 'the worker to subscribe',
        timeoutMs: 60_000,
      });
      await eventually(
        async () => (await onEngine<unknown[]>(`/task?processInstanceBusinessKey=${petition.number}&taskDefinitionKey=accept-decision`)).length > 0,
        { what: 'the acceptance task', timeoutMs: 60_000 },
      );
      // and every step on the way was done by that worker
      const done = await onEngine<{ topicName: string; workerId: string }[]>(
        `/history/external-task-log?processInstanceId=${petition.processInstanceId}&successLog=true`,
      );
      expect(done.map((d) => d.topicName)).toEqual(expect.arrayContaining(['petition-register', 'petition-route']));
      expect(new Set(done.map((d) => d.workerId))).toEqual(new Set([workerId]));
    } finally {
      const exit = await stopProcess(worker);
      expect(exit).toEqual({ code: 0, signal: null });
    }
  }, 180_000);

  it('let a second API start on the same engine without deploying anything new', async () => {
    const before = await onEngine<{ count: number }>('/deployment/count');
    const second = await startApi({
      engineUrl: stack.engineUrl,
      databaseUrl: stack.databaseUrl,
      logDir: stack.logDir,
      name: 'api-second',
      env: { WORKERS_IN_PROCESS: 'false' },
    });
    try {
      expect((await onEngine<{ count: number }>('/deployment/count')).count).toBe(before.count);
      // and it serves: a registration through it starts its process on the shared engine
      const petition = await registerAt(second.url);
      expect(petition.processInstanceId).toEqual(expect.any(String));
      await onEngine(`/process-instance/${petition.processInstanceId}`);
    } finally {
      await stopProcess(second.child);
    }
  }, 120_000);
});

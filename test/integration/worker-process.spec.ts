import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, DEMO_PASSWORD, engine, eventually, stackInfo } from '../support/harness';
import { petitionInput } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, startWorker, stopProcess } = require('../../scripts/lib/stack.cjs');

/**
 * The production shape: an API without in-process workers and a separate worker process, on the
 * same engine and database as the shared test stack (whose own in-process workers compete for the
 * same tasks, as scaled-out workers do).
 */
describe('workers as their own process', () => {
  const info = stackInfo();
  const logDir = join(info.outDir, 'logs');

  it('start with the worker entry point, do the work, and stop cleanly on SIGTERM', async () => {
    const worker = startWorker({
      engineUrl: info.engineUrl,
      databaseUrl: info.databaseUrl,
      logDir,
      name: 'worker-alone',
      env: { WORKER_POLL_TIMEOUT_MS: '1000' },
    });
    try {
      await eventually(async () => /subscribed to/.test(readFileSync(worker.logFile, 'utf8')), {
        what: 'the worker to subscribe',
        timeoutMs: 60_000,
      });
    } finally {
      const exit = await stopProcess(worker);
      expect(exit).toEqual({ code: 0, signal: null });
    }
  });

  it('let a second API start on the same engine without deploying anything new, and serve without its own workers', async () => {
    const before = await engine<{ count: number }>('GET', '/deployment/count');
    const second = await startApi({
      engineUrl: info.engineUrl,
      databaseUrl: info.databaseUrl,
      logDir,
      name: 'api-second',
      env: { WORKERS_IN_PROCESS: 'false' },
    });
    try {
      const after = await engine<{ count: number }>('GET', '/deployment/count');
      expect(after.count).toBe(before.count);
      const login = await api('POST', '/api/auth/login', {
        baseUrl: second.url,
        body: { username: 'donghu.registrar', password: DEMO_PASSWORD },
      });
      const created = await api('POST', '/api/petitions', {
        baseUrl: second.url,
        token: login.body.accessToken,
        body: petitionInput(),
      });
      expect(created.status).toBe(201);
      // the shared stack's workers pick it up: any worker can serve any API
      await eventually(
        async () => {
          const tasks = await engine<unknown[]>(
            'GET',
            `/task?processInstanceBusinessKey=${created.body.number}&taskDefinitionKey=accept-decision`,
          );
          return tasks.length > 0;
        },
        { what: 'the acceptance task' },
      );
    } finally {
      await stopProcess(second.child);
    }
  });
});

import { join } from 'node:path';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { sample, scrape } from '../support/metrics';
import { petitionInput } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, startApi, startStack, startWorker, stopProcess } = require('../../scripts/lib/stack.cjs');

interface PrivateStack {
  apiUrl: string;
  engineUrl: string;
  databaseUrl: string;
  logDir: string;
  stop(): Promise<void>;
}

type Child = { logFile: string; exited: Promise<unknown> };

/**
 * Registrations paced to the pipeline (INTAKE_PIPELINE_LIMIT): on a stack of its own whose API runs
 * no workers, so that the test decides when the pipeline moves — by starting a worker process.
 */
describe('registrations paced to the pipeline', () => {
  const info = stackInfo();
  let stack: PrivateStack;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    stack = await startStack({
      db: info.database.type,
      outDir: join(info.outDir, 'intake-pacing'),
      apiEnv: { WORKERS_IN_PROCESS: 'false', INTAKE_PIPELINE_LIMIT: '2', INTAKE_PACE_MAX_MS: '120000', METRICS_PORT: String(metricsPort) },
    });
  }, 240_000);
  afterAll(async () => stack?.stop(), 60_000);

  const register = async (apiUrl: string) =>
    api<{ number: string; processInstanceId: string }>('POST', '/api/petitions', {
      baseUrl: apiUrl,
      token: await login('donghu.registrar', apiUrl),
      body: petitionInput(),
    });
  const startedPetitions = async () =>
    (await engine<{ count: number }>('GET', '/process-instance/count?processDefinitionKey=petition', undefined, stack.engineUrl)).count;
  const atAcceptance = async (number: string) =>
    (await engine<unknown[]>('GET', `/task?processInstanceBusinessKey=${number}&taskDefinitionKey=accept-decision`, undefined, stack.engineUrl))
      .length > 0;
  const metric = async (port: number, name: string) => sample(await scrape(port), name, { service: 'api' });
  const startWorkers = (name: string): Child =>
    startWorker({ engineUrl: stack.engineUrl, databaseUrl: stack.databaseUrl, logDir: stack.logDir, name, env: { WORKER_POLL_TIMEOUT_MS: '1000' } });

  it('holds a registration while the pipeline is full, records nothing of it meanwhile, and records it once the workers catch up', async () => {
    // given two registrations answered at once: the pipeline now holds its limit, and nobody works it
    const first = await register(stack.apiUrl);
    const second = await register(stack.apiUrl);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await metric(metricsPort, 'petition_intake_paced_total')).toBe(0);

    // when a third is sent
    const third = register(stack.apiUrl);

    // then it waits before anything is written: no third process, no answer yet
    await eventually(async () => (await metric(metricsPort, 'petition_intake_paced')) === 1, { what: 'the third registration to be held' });
    expect(await startedPetitions()).toBe(2);

    // and once a worker process registers and routes the first two, it is recorded and answered
    const worker = startWorkers('worker-pacing');
    try {
      const answered = await third;
      expect(answered.status).toBe(201);
      for (const petition of [first.body, second.body, answered.body]) {
        await eventually(() => atAcceptance(petition.number), { what: `${petition.number} at its acceptance task`, timeoutMs: 60_000 });
      }
      expect(await metric(metricsPort, 'petition_intake_paced')).toBe(0);
      expect(await metric(metricsPort, 'petition_intake_paced_total')).toBe(1);
    } finally {
      await stopProcess(worker);
    }
  });

  it('never refuses the desk: with the pipeline stalled, a registration waits at most INTAKE_PACE_MAX_MS and is recorded', async () => {
    // given a second API on the same database that waits at most a second, and a stalled pipeline (no workers) filled by the first API
    const secondMetrics = await freePort();
    const second = await startApi({
      engineUrl: stack.engineUrl,
      databaseUrl: stack.databaseUrl,
      logDir: stack.logDir,
      name: 'api-pacing-bounded',
      env: { WORKERS_IN_PROCESS: 'false', INTAKE_PIPELINE_LIMIT: '2', INTAKE_PACE_MAX_MS: '1000', METRICS_PORT: String(secondMetrics) },
    });
    try {
      expect((await register(stack.apiUrl)).status).toBe(201);
      expect((await register(stack.apiUrl)).status).toBe(201);
      const before = await startedPetitions();

      // when the second API registers: the pipeline it counts is the shared database's
      const answered = await register(second.url);

      // then it was held, then recorded and answered as any registration is, its process started
      expect(answered.status).toBe(201);
      expect(answered.body.processInstanceId).toEqual(expect.any(String));
      expect(await metric(secondMetrics, 'petition_intake_paced_total')).toBe(1);
      expect(await startedPetitions()).toBe(before + 1);
    } finally {
      await stopProcess(second.child);
    }
  });
});

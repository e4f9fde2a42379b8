import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter } from '../../src/common/resident-id';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { scrape, sample } from '../support/metrics';
import { petitionInput } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, startStack, startWorker, stopProcess } = require('../../scripts/lib/stack.cjs');

interface PrivateStack {
  apiUrl: string;
  engineUrl: string;
  databaseUrl: string;
  logDir: string;
  engine: { child: unknown };
  stop(): Promise<void>;
}

type Child = { logFile: string; exited: Promise<unknown> };

function uniqueIdNumber(): string {
  const first17 = `440305199${Math.floor(Math.random() * 10)}0815${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + checkCharacter(first17);
}

/** The JSON lines of a log file (other lines, e.g. the JVM's, are skipped). */
function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * What an operator watches, on the production shape: an API without in-process workers serving its
 * metrics on a port of its own, a worker process with its own, the engine's actuator on its
 * management port. A stack of its own, so that the worker series come from that worker alone and
 * the engine can be stopped at the end.
 */
describe('metrics, logs and probes', () => {
  const info = stackInfo();
  let stack: PrivateStack;
  let worker: Child;
  let apiMetrics: number;
  let workerMetrics: number;
  let engineManagement: number;
  const registrar = () => login('donghu.registrar', stack.apiUrl);

  beforeAll(async () => {
    [apiMetrics, workerMetrics, engineManagement] = [await freePort(), await freePort(), await freePort()];
    // The stack script passes its own environment on to the engine it starts.
    const saved = process.env.ENGINE_MANAGEMENT_PORT;
    process.env.ENGINE_MANAGEMENT_PORT = String(engineManagement);
    try {
      stack = await startStack({
        db: info.database.type,
        outDir: join(info.outDir, 'metrics'),
        apiEnv: { WORKERS_IN_PROCESS: 'false', METRICS_PORT: String(apiMetrics) },
        // on, as in production, so that its thread pool is reported
        jobExecutor: true,
      });
    } finally {
      if (saved === undefined) delete process.env.ENGINE_MANAGEMENT_PORT;
      else process.env.ENGINE_MANAGEMENT_PORT = saved;
    }
    worker = startWorker({
      engineUrl: stack.engineUrl,
      databaseUrl: stack.databaseUrl,
      logDir: stack.logDir,
      name: 'worker-metrics',
      env: { WORKER_METRICS_PORT: String(workerMetrics), WORKER_POLL_TIMEOUT_MS: '1000' },
    });
  }, 240_000);

  afterAll(async () => {
    await stopProcess(worker);
    await stack?.stop();
  }, 60_000);

  it("times the API's requests by route template and status, with no id in any label", async () => {
    // given a registration, its case read back, and an id that does not exist
    const token = await registrar();
    const created = await api('POST', '/api/petitions', { baseUrl: stack.apiUrl, token, body: petitionInput() });
    expect(created.status).toBe(201);
    expect((await api('GET', `/api/petitions/${created.body.id}`, { baseUrl: stack.apiUrl, token })).status).toBe(200);
    expect((await api('GET', '/api/petitions/00000000-0000-4000-8000-000000000000', { baseUrl: stack.apiUrl, token })).status).toBe(404);

    // when the API's metrics port is scraped
    const text = await scrape(apiMetrics);

    // then each request is counted under its route as declared, with its status
    const count = (method: string, route: string, status: string) =>
      sample(text, 'petition_http_request_duration_seconds_count', { method, route, status, service: 'api' });
    expect(count('POST', '/api/auth/login', '200')).toBeGreaterThanOrEqual(1);
    expect(count('POST', '/api/petitions', '201')).toBeGreaterThanOrEqual(1);
    expect(count('GET', '/api/petitions/:id', '200')).toBeGreaterThanOrEqual(1);
    expect(count('GET', '/api/petitions/:id', '404')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'petition_http_request_duration_seconds_bucket', { route: '/api/petitions', status: '201', le: '+Inf' })).toBeGreaterThanOrEqual(1);
    // and nothing names the petition
    for (const secret of [created.body.id, created.body.number, '00000000-0000-4000-8000-000000000000']) expect(text).not.toContain(secret);

    // and the process's own series are there: the event-loop delay, and the cluster's work
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds', { service: 'api' })).toEqual(expect.any(Number));
    expect(sample(text, 'petition_external_tasks_waiting', { topic: 'petition-route' })).toEqual(expect.any(Number));
    expect(text).toMatch(/^petition_incidents_open\{service="api"\} 0$/m);
    expect(text).toMatch(/^petition_engine_up\{service="api"\} 1$/m);
    expect(text).toMatch(/^petition_outbox_oldest_pending_age_seconds\{service="api"\} [0-9.e+-]+$/m);
    // the pool of the business database where there is one (MySQL/MariaDB; SQLite runs in the process)
    if (info.database.type === 'mariadb') {
      expect(sample(text, 'petition_db_pool_connections', { state: 'idle' })).toEqual(expect.any(Number));
      // the default: one per worker slot (24) and 16 for requests
      expect(text).toMatch(/^petition_db_pool_max_connections\{service="api"\} 40$/m);
    } else expect(text).not.toContain('petition_db_pool_connections');

    // and the API's own (published) port serves no metrics
    const published = await fetch(`${stack.apiUrl}/metrics`);
    expect(await published.text()).not.toContain('petition_http_request_duration_seconds');
    expect((await api('GET', '/api/metrics', { baseUrl: stack.apiUrl })).status).toBe(404);
  });

  it('times the worker process’s tasks by topic, on its own metrics port', async () => {
    // given a registration that the worker process takes to its acceptance task
    const created = await api('POST', '/api/petitions', { baseUrl: stack.apiUrl, token: await registrar(), body: petitionInput() });
    expect(created.status).toBe(201);
    await eventually(
      async () =>
        (await engine<unknown[]>('GET', `/task?processInstanceBusinessKey=${created.body.number}&taskDefinitionKey=accept-decision`, undefined, stack.engineUrl))
          .length > 0,
      { what: 'the acceptance task', timeoutMs: 90_000 },
    );

    // when the worker's metrics port is scraped
    const text = await scrape(workerMetrics);

    // then the topics it ran are timed, as successes, under the worker's name
    for (const topic of ['petition-register', 'petition-route']) {
      expect(sample(text, 'petition_worker_task_duration_seconds_count', { topic, outcome: 'success', service: 'worker' })).toBeGreaterThanOrEqual(1);
    }
    expect(text).toContain('# TYPE petition_worker_task_failures_total counter');
    expect(sample(text, 'nodejs_eventloop_lag_seconds', { service: 'worker' })).toEqual(expect.any(Number));
    expect(sample(text, 'petition_external_tasks_waiting', { topic: 'petition-register', service: 'worker' })).toEqual(expect.any(Number));
    // and the API, which runs no workers, timed none
    expect(await scrape(apiMetrics)).not.toMatch(/^petition_worker_task_duration_seconds_count\{/m);

    // and the worker logs JSON lines
    const lines = jsonLines(worker.logFile);
    expect(lines.find((line) => typeof line.msg === 'string' && /subscribed to/.test(line.msg))).toMatchObject({ level: 'info', service: 'worker' });
  }, 120_000);

  it("serves the engine's metrics on its management port, not on its REST port", async () => {
    const response = await fetch(`http://127.0.0.1:${engineManagement}/actuator/prometheus`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^jvm_memory_used_bytes\{/m);
    expect(text).toMatch(/^hikaricp_connections_active\{[^}]*pool="engine-pool"/m);
    // the job executor: its thread pool and the jobs due
    expect(text).toMatch(/^executor_active_threads\{[^}]*name="camundaTaskExecutor"/m);
    expect(text).toMatch(/^camunda_jobs_executable\{[^}]*\} \d/m);
    expect(text).toMatch(/^camunda_jobs_failed\{[^}]*\} 0/m);
    const restPort = new URL(stack.engineUrl).port;
    expect((await fetch(`http://127.0.0.1:${restPort}/actuator/prometheus`)).status).toBeGreaterThanOrEqual(400);
  });

  it('logs each request as one JSON line with its request id, the caller and the petition, and no personal data', async () => {
    const idNumber = uniqueIdNumber();
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const requestId = `metrics-spec-${Date.now()}`;
    const token = await registrar();

    // given a registration sent with a request id, carrying an ID number and a phone
    const body = petitionInput({ petitioners: [{ name: '司马相如', idNumber, phone, address: '柳岸小区9号楼' }] });
    const created = await api('POST', '/api/petitions', { baseUrl: stack.apiUrl, token, body, headers: { 'X-Request-Id': requestId } });
    expect(created.status).toBe(201);
    // then the answer echoes the id
    expect(created.headers.get('x-request-id')).toBe(requestId);

    // and hostile requests: the same numbers in a body the API refuses, in a search's query string and in the URL,
    // and a request id that is not a sane token
    const refused = await api('POST', '/api/petitions', {
      baseUrl: stack.apiUrl,
      token,
      body: { ...body, regionCode: 'not-a-region', extra: { idNumber, phone } },
      headers: { 'X-Request-Id': `forged {"idNumber":"${idNumber}"}` },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api('GET', `/api/petitions?idNumber=${idNumber}&q=${phone}`, { baseUrl: stack.apiUrl, token })).status).toBeLessThan(500);
    expect((await api('GET', `/api/petitions/${phone}`, { baseUrl: stack.apiUrl, token })).status).toBeLessThan(500);
    const unknownAccount = await api('POST', '/api/auth/login', { baseUrl: stack.apiUrl, body: { username: idNumber, password: phone } });
    expect(unknownAccount.status).toBe(401);

    // then the request's line says who registered what, under the id it came with
    const apiLog = join(stack.logDir, 'api.log');
    const line = await eventually(async () => jsonLines(apiLog).find((l) => l.requestId === requestId && l.status === 201), { what: 'the request line' });
    expect(line).toMatchObject({
      level: 'info',
      service: 'api',
      method: 'POST',
      route: '/api/petitions',
      status: 201,
      user: 'donghu.registrar',
      petitionNumber: created.body.number,
      processInstanceId: created.body.processInstanceId,
      durationMs: expect.any(Number),
    });
    // and the refused request has its own line, under a new id
    await eventually(async () => jsonLines(apiLog).find((l) => l.requestId === refused.headers.get('x-request-id') && l.status === 400), {
      what: 'the refused request line',
    });

    // and neither number appears anywhere in the API's log, nor does the forged id
    const log = readFileSync(apiLog, 'utf8');
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(phone);
    expect(log).not.toContain('forged');
    expect(log).not.toContain(token);
  });

  it('answers liveness always; readiness ready, then degraded with the reason while an incident waits, then 503 once the engine is gone', async () => {
    const ready = () => api('GET', '/api/health/ready', { baseUrl: stack.apiUrl });
    // given the whole stack up
    expect(await api('GET', '/api/health/live', { baseUrl: stack.apiUrl })).toMatchObject({ status: 200, body: { status: 'live' } });
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });

    // when no worker runs, a registration's first step waits: the backlog shows it
    await stopProcess(worker);
    const created = await api('POST', '/api/petitions', { baseUrl: stack.apiUrl, token: await registrar(), body: petitionInput() });
    expect(created.status).toBe(201);
    // (the signals are read at most every 10 s: polled, not slept for)
    await eventually(async () => (sample(await scrape(apiMetrics), 'petition_external_tasks_waiting', { topic: 'petition-register' }) ?? 0) >= 1, {
      what: 'the waiting registration in the backlog',
      timeoutMs: 30_000,
      intervalMs: 1_000,
    });

    // and an operator gives up on it (no retries left: an incident)
    const [task] = await engine<{ id: string }[]>('GET', `/external-task?processInstanceId=${created.body.processInstanceId}`, undefined, stack.engineUrl);
    await engine('PUT', `/external-task/${task.id}/retries`, { retries: 0 }, stack.engineUrl);

    // then readiness stays 200 but says degraded, and why; the metrics count the incident
    await eventually(async () => (await ready()).body.status === 'degraded', { what: 'readiness to report the incident', timeoutMs: 30_000, intervalMs: 1_000 });
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'degraded', reasons: ['incidents open: 1'] } });
    expect(sample(await scrape(apiMetrics), 'petition_incidents_open', { service: 'api' })).toBe(1);

    // when the engine stops
    await stopProcess(stack.engine.child);

    // then the API is alive but not ready, and says why; the old health answers as before
    expect(await api('GET', '/api/health/live', { baseUrl: stack.apiUrl })).toMatchObject({ status: 200, body: { status: 'live' } });
    expect(await ready()).toMatchObject({ status: 503, body: { status: 'not-ready', reasons: ['engine unreachable'] } });
    expect(await api('GET', '/api/health', { baseUrl: stack.apiUrl })).toMatchObject({ status: 503, body: { engine: 'down', database: 'up' } });
  }, 90_000);
});

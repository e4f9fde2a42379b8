import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { register } from '../support/petitions';

/**
 * Incidents: work the workers could not get past. The stack is shared with parallel test files, so
 * everything here happens in a township and a probe process of this file's own, and assertions
 * about counts say "at least what this file caused".
 *
 * The stack runs with WORKER_MAX_RETRIES=2, WORKER_TRANSIENT_RETRIES=3 and INCIDENT_SWEEP_MINUTES=0.05
 * (test/support/global-setup.ts): a definite failure is an incident within seconds, the sweep runs
 * every 3 s, and a retried task gets the counter 2 + 3 + 1 = 6.
 */
const RUN = Date.now().toString(36);
const FRESH_RETRIES = 6;
const TOWNSHIP = `990102${500 + Math.floor(Math.random() * 500)}`;
const TOWNSHIP_OFFICE = `${TOWNSHIP}-petition-office`;
const PROBE_KEY = `incident-probe-${RUN}`;
const PROBE_TOPIC = `incident-probe-${RUN}`;
const WORKER_ID = `incidents-spec-${RUN}`;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface IncidentItem {
  id: string;
  type: string;
  activityId: string | null;
  processDefinitionKey: string | null;
  processInstanceId: string | null;
  errorMessage: string | null;
  transient: boolean;
  createdAt: string;
  petition: { id: string; number: string } | null;
}

interface EngineIncident {
  id: string;
  configuration: string;
  incidentMessage: string;
}

const PROBE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
             id="incident-probe" targetNamespace="http://petition.gov.example/test">
  <process id="${PROBE_KEY}" name="Incident probe" isExecutable="true" camunda:historyTimeToLive="1">
    <startEvent id="start"/>
    <sequenceFlow id="to-work" sourceRef="start" targetRef="probe-work"/>
    <serviceTask id="probe-work" name="Probe" camunda:type="external" camunda:topic="${PROBE_TOPIC}"/>
    <sequenceFlow id="to-end" sourceRef="probe-work" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>
`;

/** Incidents of this list, all pages (the stack's other files may add their own). */
async function listIncidents(token: string): Promise<IncidentItem[]> {
  const items: IncidentItem[] = [];
  for (let first = 0; ; first += 200) {
    const response = await api<{ total: number; items: IncidentItem[] }>('GET', `/api/admin/incidents?firstResult=${first}&maxResults=200`, { token });
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    if (first + 200 >= response.body.total) return items;
  }
}

async function engineIncidents(processInstanceId: string): Promise<EngineIncident[]> {
  return engine<EngineIncident[]>('GET', `/incident?processInstanceId=${processInstanceId}`);
}

/**
 * A probe process whose one external task this test fails itself, acting as a worker would (its
 * topic is nobody else's): a real engine incident with the message a worker recorded.
 */
async function probeIncident(label: string, errorMessage: string): Promise<{ processInstanceId: string; externalTaskId: string }> {
  const businessKey = `${RUN}-${label}`;
  const instance = await engine<{ id: string }>('POST', `/process-definition/key/${PROBE_KEY}/start`, { businessKey });
  const [task] = await eventually(
    async () => {
      const locked = await engine<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
        workerId: WORKER_ID,
        maxTasks: 1,
        topics: [{ topicName: PROBE_TOPIC, lockDuration: 60_000, businessKey }],
      });
      return locked.length > 0 ? locked : undefined;
    },
    { what: `the ${label} probe task` },
  );
  await engine('POST', `/external-task/${task.id}/failure`, {
    workerId: WORKER_ID,
    errorMessage,
    errorDetails: `${errorMessage}\n    at probe (incidents.spec.ts)`,
    retries: 0,
    retryTimeout: 0,
  });
  return { processInstanceId: instance.id, externalTaskId: task.id };
}

/** Completes a probe task that has its retries back, so its process ends. */
async function completeProbe(processInstanceId: string): Promise<void> {
  const businessKey = (await engine<{ businessKey: string }>('GET', `/process-instance/${processInstanceId}`)).businessKey;
  const [task] = await eventually(
    async () => {
      const locked = await engine<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
        workerId: WORKER_ID,
        maxTasks: 1,
        topics: [{ topicName: PROBE_TOPIC, lockDuration: 60_000, businessKey }],
      });
      return locked.length > 0 ? locked : undefined;
    },
    { what: `the retried probe task of ${businessKey}` },
  );
  await engine('POST', `/external-task/${task.id}/complete`, { workerId: WORKER_ID });
  await eventually(async () => (await engine<{ state: string }>('GET', `/history/process-instance/${processInstanceId}`)).state === 'COMPLETED', {
    what: `probe ${businessKey} to end`,
  });
}

async function auditEntry(query: string): Promise<{ actor: string; outcome: string; resourceId: string | null; detail: Record<string, unknown> }> {
  const token = await login('auditor');
  return eventually(
    async () => {
      const response = await api('GET', `/api/audit?maxResults=50&${query}`, { token });
      return response.body.items?.[0];
    },
    { what: `audit entry ${query}` },
  );
}

describe('incidents', () => {
  let admin: string;
  let db: TestDatabase;
  const probes: string[] = [];

  beforeAll(async () => {
    admin = await login('sysadmin');
    db = await openDatabase();
    const form = new FormData();
    form.append('files', new Blob([PROBE_XML]), `${PROBE_KEY}.bpmn`);
    const deployed = await api('POST', '/api/processes/deploy', { token: await login('admin'), body: form });
    expect(deployed.status).toBe(201);
  });

  afterAll(async () => {
    for (const id of probes) await engine('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
    await db.close();
  });

  it('a petition the workers cannot route becomes an incident that health counts and the administrator sees and retries once the cause is fixed', async () => {
    // given a new township without a petition office, and a township matter registered there
    const region = await api('POST', '/api/admin/org/regions', {
      token: admin,
      body: { code: TOWNSHIP, name: `事件测试镇${RUN}`, level: 'township', parentCode: '990102' },
    });
    expect(region.status).toBe(201);
    const petition = await register({ matterScope: 'township', regionCode: TOWNSHIP });

    // when routing fails on every attempt (routing.dmn sends it to the township's petition office, which does not exist)
    const [incident] = await eventually(
      async () => {
        const found = await engineIncidents(petition.processInstanceId);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the routing incident' },
    );

    // then health says the product is degraded, still serving (200), and counts it
    const health = await api('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'degraded', engine: 'up', database: 'up', incidents: expect.any(Number) });
    expect(health.body.incidents).toBeGreaterThanOrEqual(1);

    // and the system administrator finds it, with the petition it holds up and the first line of the error
    const listed = (await listIncidents(admin)).find((i) => i.id === incident.id);
    expect(listed).toEqual({
      id: incident.id,
      type: 'failedExternalTask',
      activityId: 'assign-competent-unit',
      processDefinitionKey: 'petition',
      processInstanceId: petition.processInstanceId,
      errorMessage: `No petition-office unit exists in region ${TOWNSHIP} (事件测试镇${RUN}); add one or change routing.dmn`,
      transient: false,
      createdAt: expect.stringMatching(ISO),
      petition: { id: petition.id, number: petition.number },
    });
    // a definite failure: the short budget, the first attempt and WORKER_MAX_RETRIES=2 retries
    const failures = await engine<{ failureLog: boolean }[]>(
      'GET',
      `/history/external-task-log?processInstanceId=${petition.processInstanceId}&activityIdIn=assign-competent-unit&failureLog=true`,
    );
    expect(failures.filter((f) => f.failureLog)).toHaveLength(3);

    // when the administrator adds the missing office and retries the incident
    const office = await api('POST', '/api/admin/org/units', {
      token: admin,
      body: { code: TOWNSHIP_OFFICE, name: `事件测试镇${RUN}信访调处室`, kind: 'petition-office', regionCode: TOWNSHIP },
    });
    expect(office.status).toBe(201);
    const retried = await api('POST', `/api/admin/incidents/${incident.id}/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ retried: 1 });

    // then the petition reaches its acceptance task at the new office, and the incident is gone
    const task = await eventually(
      async () => {
        const tasks = await engine<{ id: string }[]>('POST', '/task', { processInstanceBusinessKey: petition.number, taskDefinitionKey: 'accept-decision' });
        return tasks[0];
      },
      { what: 'the acceptance task after the retry' },
    );
    const links = await engine<{ type: string; groupId: string | null }[]>('GET', `/task/${task.id}/identity-links`);
    expect(links).toContainEqual(expect.objectContaining({ type: 'candidate', groupId: TOWNSHIP_OFFICE }));
    expect(await engineIncidents(petition.processInstanceId)).toEqual([]);
    const [row] = await db.query<{ status: string; competentUnitCode: string }>('SELECT "status", "competentUnitCode" FROM "petition" WHERE "id" = ?', [
      petition.id,
    ]);
    expect(row).toEqual({ status: 'awaiting-acceptance', competentUnitCode: TOWNSHIP_OFFICE });
    expect((await listIncidents(admin)).map((i) => i.id)).not.toContain(incident.id);

    // and the retry is in the audit log under its own name
    const entry = await auditEntry(`action=incident.retry&resourceId=${incident.id}`);
    expect(entry).toMatchObject({ actor: 'sysadmin', outcome: 'success', resourceId: incident.id });
  });

  it('are for the system administrator only, and an unknown or malformed incident id is a 404', async () => {
    const handler = await login('donghu.room1');
    expect((await api('GET', '/api/admin/incidents', { token: handler })).status).toBe(403);
    expect((await api('POST', '/api/admin/incidents/retry', { token: handler })).status).toBe(403);
    expect((await api('POST', '/api/admin/incidents/00000000-0000-4000-8000-000000000000/retry', { token: handler })).status).toBe(403);
    expect((await api('GET', '/api/admin/incidents', { token: await login('admin') })).status).toBe(403);
    expect((await api('GET', '/api/admin/incidents')).status).toBe(401);

    for (const id of ['00000000-0000-4000-8000-000000000000', '-1', 'x%00y', 'x'.repeat(65), '%E4%BA%8B%E4%BB%B6', 'a%2Fb']) {
      const response = await api('POST', `/api/admin/incidents/${id}/retry`, { token: admin, lang: 'zh-CN' });
      expect({ id, status: response.status }).toEqual({ id, status: 404 });
      expect(response.body.message).toContain('未找到事件');
    }
    const english = await api('POST', '/api/admin/incidents/00000000-0000-4000-8000-000000000000/retry', { token: admin, lang: 'en' });
    expect(english.body.message).toBe('No open incident 00000000-0000-4000-8000-000000000000; it may have been resolved');
    expect((await api('GET', '/api/admin/incidents?maxResults=201', { token: admin })).status).toBe(400);
  });

  it('come back by themselves when an outage caused them (the sweep), while a definite failure waits for a person', async () => {
    // given three incidents: one a bug caused, one our workers recorded during a database outage,
    // and one another worker recorded in its own words
    const bug = await probeIncident('bug', "Cannot read properties of undefined (reading 'unitCode')");
    const outage = await probeIncident('outage', '[transient: PROTOCOL_CONNECTION_LOST] Connection lost: The server closed the connection.');
    const foreign = await probeIncident('foreign', 'connect ECONNREFUSED 10.0.0.9:3306');
    probes.push(outage.processInstanceId, foreign.processInstanceId, bug.processInstanceId);

    const listed = await listIncidents(admin);
    const entryOf = (probe: { processInstanceId: string }) => listed.find((i) => i.processInstanceId === probe.processInstanceId);
    // the first line only: the stack trace the worker sent stays in the engine
    expect(entryOf(bug)).toEqual({
      id: expect.any(String),
      type: 'failedExternalTask',
      activityId: 'probe-work',
      processDefinitionKey: PROBE_KEY,
      processInstanceId: bug.processInstanceId,
      errorMessage: "Cannot read properties of undefined (reading 'unitCode')",
      transient: false,
      createdAt: expect.stringMatching(ISO),
      petition: null,
    });
    // the outage incidents are listed as transient, unless the sweep (every 3 s) has been quicker than this list
    for (const [probe, errorMessage] of [
      [outage, '[transient: PROTOCOL_CONNECTION_LOST] Connection lost: The server closed the connection.'],
      [foreign, 'connect ECONNREFUSED 10.0.0.9:3306'],
    ] as const) {
      const entry = entryOf(probe);
      if (entry) expect(entry).toMatchObject({ transient: true, errorMessage, activityId: 'probe-work', petition: null });
    }

    // when the sweep has run (every 3 s in this stack), with no one doing anything
    // then the two outage incidents are gone and their tasks have both budgets back
    for (const probe of [outage, foreign]) {
      await eventually(async () => (await engineIncidents(probe.processInstanceId)).length === 0, { what: 'the sweep to retry an outage incident' });
      const task = await engine<{ retries: number }>('GET', `/external-task/${probe.externalTaskId}`);
      expect(task.retries).toBe(FRESH_RETRIES);
    }
    // while the bug's incident, older than the sweep run that retried them, is still there
    expect(await engineIncidents(bug.processInstanceId)).toHaveLength(1);
    // and the sweep ran under its lease
    const leases = await db.query<{ name: string; holder: string }>('SELECT "name", "holder" FROM "job_lease" WHERE "name" = ?', ['incident-sweep']);
    expect(leases).toEqual([{ name: 'incident-sweep', holder: expect.any(String) }]);

    // and the retried work runs again (here the test is the worker)
    await completeProbe(outage.processInstanceId);
    await completeProbe(foreign.processInstanceId);
  });

  it('can be retried all at once', async () => {
    const first = await probeIncident('all-1', 'Unit 990102-gone does not exist');
    const second = await probeIncident('all-2', 'Process variable petitionId is missing');
    probes.push(first.processInstanceId, second.processInstanceId);

    const response = await api('POST', '/api/admin/incidents/retry', { token: admin });
    expect(response.status).toBe(200);
    // at least these two (other files' incidents in this shared stack may be among them)
    expect(response.body.retried).toBeGreaterThanOrEqual(2);

    for (const probe of [first, second]) {
      expect(await engineIncidents(probe.processInstanceId)).toEqual([]);
      expect((await engine<{ retries: number }>('GET', `/external-task/${probe.externalTaskId}`)).retries).toBe(FRESH_RETRIES);
      await completeProbe(probe.processInstanceId);
    }
    const entry = await auditEntry('action=incident.retry-all');
    expect(entry).toMatchObject({ actor: 'sysadmin', outcome: 'success' });
    expect(entry.detail.retried).toBeGreaterThanOrEqual(2);
  });

  it('sweep once per period however many processes share the database (the lease)', async () => {
    // given three processes, each with its own connection to the stack's business database, all
    // trying to run the same job every few dozen milliseconds for six periods of a second
    const period = 1_000;
    const start = (Math.floor(Date.now() / period) + 4) * period;
    const until = start + 6 * period;
    const job = `lease-test-${RUN}`;
    const outputs = await Promise.all([1, 2, 3].map((n) => contend(n, { job, period, start, until })));

    // then every period in which anyone tried had exactly one run, whoever won it
    const runs = outputs.flatMap((o) => o.runs);
    const tried = [...new Set(outputs.flatMap((o) => o.tried))].sort((a, b) => a - b);
    const perPeriod = new Map<number, number>();
    for (const p of runs) perPeriod.set(p, (perPeriod.get(p) ?? 0) + 1);
    expect(new Map([...perPeriod].sort((a, b) => a[0] - b[0]))).toEqual(new Map(tried.map((p) => [p, 1])));
    // (six periods were planned; a loaded machine may start the contenders late, but not that late)
    expect(tried.length).toBeGreaterThanOrEqual(3);
    // and they did contend: many more attempts than runs, from more than one process in a period
    expect(outputs.reduce((sum, o) => sum + o.attempts, 0)).toBeGreaterThan(runs.length * 5);
    expect(outputs.filter((o) => o.tried.length > 0).length).toBeGreaterThanOrEqual(2);
    const [row] = await db.query<{ leaseUntil: string | Date }>('SELECT "leaseUntil" FROM "job_lease" WHERE "name" = ?', [job]);
    const leaseUntil = row.leaseUntil instanceof Date ? row.leaseUntil : new Date(`${row.leaseUntil.replace(' ', 'T')}Z`);
    expect(leaseUntil.getTime()).toBe((tried[tried.length - 1] + 1) * period);
  });
});

const CONTENDER = `
require('reflect-metadata');
const { DataSource } = require('typeorm');
const dist = process.env.DIST;
const { parseDatabaseUrl } = require(dist + '/config/app-config');
const { dataSourceOptions } = require(dist + '/database/data-source-options');
const { Transactions } = require(dist + '/database/transactions');
const { ClusterLease } = require(dist + '/scheduling/cluster-lease');
const { SystemClock } = require(dist + '/clocks/clock');
class RecordingClock extends SystemClock { now() { return (this.last = super.now()); } }
(async () => {
  const source = new DataSource({ ...dataSourceOptions(parseDatabaseUrl(process.env.DATABASE_URL)), logging: false });
  await source.initialize();
  const clock = new RecordingClock();
  const lease = new ClusterLease(new Transactions(source), clock);
  const period = Number(process.env.PERIOD_MS);
  const start = Number(process.env.START);
  const until = Number(process.env.UNTIL);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now())));
  let attempts = 0;
  const tried = new Set();
  while (Date.now() < until) {
    attempts++;
    await lease.runExclusive(process.env.JOB, period, async () => {
      process.stdout.write('RUN ' + Math.floor(clock.last.getTime() / period) + '\\n');
    });
    // the period the lease was asked for (the clock is read once per attempt)
    tried.add(Math.floor(clock.last.getTime() / period));
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
  process.stdout.write('ATTEMPTS ' + attempts + '\\n');
  process.stdout.write('TRIED ' + [...tried].join(',') + '\\n');
  await source.destroy();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** One contender: a separate node process running the built ClusterLease against the stack's database. */
function contend(
  n: number,
  options: { job: string; period: number; start: number; until: number },
): Promise<{ runs: number[]; attempts: number; tried: number[] }> {
  const root = join(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CONTENDER], {
      cwd: root,
      env: {
        ...process.env,
        DIST: join(root, 'dist'),
        DATABASE_URL: stackInfo().databaseUrl,
        JOB: options.job,
        PERIOD_MS: String(options.period),
        START: String(options.start),
        UNTIL: String(options.until),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`contender ${n} exited with ${code}: ${err}`));
      const runs = [...out.matchAll(/^RUN (\d+)$/gm)].map((m) => Number(m[1]));
      const attempts = Number(/^ATTEMPTS (\d+)$/m.exec(out)?.[1] ?? 0);
      const tried = (/^TRIED ([\d,]*)$/m.exec(out)?.[1] ?? '').split(',').filter(Boolean).map(Number);
      resolve({ runs, attempts, tried });
    });
  });
}

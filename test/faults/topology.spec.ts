import { FaultDatabase, openDatabase } from './support/database';
import { engine, pollUntil, signIn } from './support/http';
import { CLEAN_REGISTRATIONS, registrationOutcome, waitForAcceptance } from './support/outcome';
import { countyComplaint, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { BOUNDS, DB } from './support/settings';
import { NODE_NAMES, Topology } from './support/topology';

interface Job {
  id: string;
  dueDate: string;
  processInstanceId: string;
  jobDefinitionId: string;
}

/**
 * The production topology rehearsed (issue #18): two engine nodes on one MariaDB database behind
 * nginx (deploy/engine-lb.conf), the API with its workers off, and two worker processes. Only on
 * MariaDB: the embedded default's H2 file belongs to one engine process.
 */
const onMariaDb = DB === 'mariadb' ? describe : describe.skip;

onMariaDb('the production topology: two engine nodes behind nginx, the API, two worker processes (MariaDB)', () => {
  let topology: Topology;
  let db: FaultDatabase;
  let registrar: string;
  let room1: string;

  beforeAll(async () => {
    topology = await Topology.start('topology');
    db = await openDatabase({ type: 'mariadb', url: topology.databaseUrl });
    registrar = await signIn(topology.apiUrl, 'donghu.registrar');
    room1 = await signIn(topology.apiUrl, 'donghu.room1');
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await topology?.stop();
  }, 60_000);

  /** Every timer of the acceptance step brought forward to now, through the load balancer, by the job API. */
  async function bringRemindersForward(processInstanceIds: string[]): Promise<Job[]> {
    const lb = topology.lbUrl;
    const [definition] = await engine<{ id: string }[]>(lb, 'GET', '/job-definition?activityIdIn=accept-decision-remind-timer');
    const jobs: Job[] = [];
    for (const processInstanceId of processInstanceIds) {
      // The acceptance step runs in the called unit-handling instance, under the petition's instance.
      const [child] = await engine<{ id: string }[]>(lb, 'GET', `/process-instance?superProcessInstance=${processInstanceId}`);
      const found = await engine<Job[]>(lb, 'GET', `/job?processInstanceId=${child.id}&jobDefinitionId=${definition.id}`);
      jobs.push(...found);
    }
    const now = new Date(Date.now() - 1000).toISOString().replace('Z', '+0000');
    for (const job of jobs) await engine(lb, 'PUT', `/job/${job.id}/duedate`, { duedate: now });
    return jobs;
  }

  /** Waits until each job has run; returns, per job, the nodes whose job log says it ran it successfully. */
  async function ranOn(jobs: Job[]): Promise<Map<string, string[]>> {
    const lb = topology.lbUrl;
    const runs = new Map<string, string[]>();
    await pollUntil(
      async () => {
        for (const job of jobs.filter((j) => !runs.has(j.id))) {
          const log = await engine<{ hostname: string }[]>(lb, 'GET', `/history/job-log?jobId=${job.id}&successLog=true`);
          if (log.length > 0) runs.set(job.id, log.map((entry) => entry.hostname));
        }
        return runs.size === jobs.length;
      },
      BOUNDS.recoveryMs,
      1000,
    );
    return runs;
  }

  /** The reminder's external task was created once per job: a timer that fired twice would create two. */
  async function remindersCreated(processInstanceIds: string[]): Promise<number[]> {
    const counts: number[] = [];
    for (const processInstanceId of processInstanceIds) {
      const [child] = await engine<{ id: string }[]>(topology.lbUrl, 'GET', `/history/process-instance?superProcessInstanceId=${processInstanceId}`);
      const created = await engine<{ count: number }>(
        topology.lbUrl,
        'GET',
        `/history/external-task-log/count?processInstanceId=${child.id}&activityIdIn=accept-decision-clock&creationLog=true`,
      );
      counts.push(created.count);
    }
    return counts;
  }

  it('timers brought due run exactly once, on the nodes of the cluster', async () => {
    // given petitions at their acceptance task
    const burst = new RegistrationBurst({ apiUrl: topology.apiUrl, token: registrar, count: 8, concurrency: 4, input: countyComplaint });
    const { outcome, petitions } = await registrationOutcome(db, await burst.done);
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    const stored = [...petitions.values()];
    const acceptance = await waitForAcceptance({ apiUrl: topology.apiUrl, engineUrl: topology.lbUrl, token: room1, db }, stored, BOUNDS.recoveryMs);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
    const instances = stored.map((p) => p.processInstanceId!);

    // when their reminder timers fall due, with both nodes' job executors running
    const jobs = await bringRemindersForward(instances);
    expect(jobs).toHaveLength(stored.length);
    const runs = await ranOn(jobs);

    // then each ran once, on one of the two nodes, and started its reminder once
    note('topology timers, both nodes up', { byNode: tally([...runs.values()].flat()) });
    expect([...runs.values()].map((hosts) => hosts.length)).toEqual(jobs.map(() => 1));
    expect([...runs.values()].flat().every((host) => (NODE_NAMES as readonly string[]).includes(host))).toBe(true);
    expect(await pollUntil(async () => (await remindersCreated(instances)).every((n) => n === 1), BOUNDS.recoveryMs, 1000)).toBe(true);
  }, 480_000);

  it('engine node 1 killed mid-burst: nginx routes around it, none lost or doubled, every petition at its acceptance task once', async () => {
    const started = Date.now();
    const burst = new RegistrationBurst({ apiUrl: topology.apiUrl, token: registrar, count: 60, concurrency: 4, input: countyComplaint });
    const atKill = await pollUntil(async () => burst.answered >= 20 && { answered: burst.answered, inFlight: burst.inFlight }, BOUNDS.burstMs, 5);
    await topology.killEngine(0);
    const registrations = await burst.done;

    const { outcome, petitions } = await registrationOutcome(db, registrations);
    const acceptance = await waitForAcceptance(
      { apiUrl: topology.apiUrl, engineUrl: topology.lbUrl, token: room1, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    note('topology engine node killed mid-burst', {
      atKill,
      attemptsFailed: burst.attemptsFailed,
      acceptanceWaitSeconds: acceptance.waitedMs / 1000,
      seconds: secondsSince(started),
    });
    expect(atKill).toBeTruthy();
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
  }, 480_000);

  it('a worker process killed mid-burst: the other takes its work over; timers now run on the surviving node, once', async () => {
    const started = Date.now();
    const burst = new RegistrationBurst({ apiUrl: topology.apiUrl, token: registrar, count: 40, concurrency: 4, input: countyComplaint });
    const atKill = await pollUntil(async () => burst.answered >= 10 && { answered: burst.answered }, BOUNDS.burstMs, 5);
    await topology.killWorker(0);
    const { outcome, petitions } = await registrationOutcome(db, await burst.done);
    const stored = [...petitions.values()];
    const acceptance = await waitForAcceptance({ apiUrl: topology.apiUrl, engineUrl: topology.lbUrl, token: room1, db }, stored, BOUNDS.recoveryMs);
    expect(atKill).toBeTruthy();
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });

    const instances = stored.slice(0, 6).map((p) => p.processInstanceId!);
    const runs = await ranOn(await bringRemindersForward(instances));
    note('topology worker killed, timers on the surviving node', { byNode: tally([...runs.values()].flat()), seconds: secondsSince(started) });
    expect([...runs.values()].flat()).toEqual(instances.map(() => NODE_NAMES[1]));
    expect(await pollUntil(async () => (await remindersCreated(instances)).every((n) => n === 1), BOUNDS.recoveryMs, 1000)).toBe(true);
  }, 480_000);
});

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

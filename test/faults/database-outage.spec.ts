import { FaultDatabase, openDatabase } from './support/database';
import { FaultStack } from './support/fault-stack';
import { call, engine, pollUntil, signIn, sleep } from './support/http';
import { CLEAN_REGISTRATIONS, registrationOutcome, waitForAcceptance } from './support/outcome';
import { countyComplaint, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { BOUNDS, OUTAGE } from './support/settings';

/**
 * The business database (MariaDB) goes away under the API for longer than the worker's normal
 * retry budget: a TCP relay between them resets every connection and refuses new ones, as a
 * crashed server or a broken network would, then lets them through again. The engine and its own
 * database stay up, so the engine keeps handing out tasks whose handlers cannot write.
 * Only on MariaDB (jest.config.js leaves this file out on SQLite, which runs inside the API).
 */
describe('the business database cut off (MariaDB, through a TCP relay)', () => {
  let stack: FaultStack;
  let db: FaultDatabase;
  let registrar: string;
  let room1: string;
  let cutAt = 0;
  let restoredAt = 0;
  const probes: { path: string; status: number | string; body: string }[] = [];
  let statusesDuringOutage: Record<string, number> = {};

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'database-outage', relays: ['database'], apiEnv: OUTAGE.apiEnv });
    db = await openDatabase(stack.database);
    registrar = await signIn(stack.apiUrl, 'donghu.registrar');
    room1 = await signIn(stack.apiUrl, 'donghu.room1');
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  }, 60_000);

  it(`for ${OUTAGE.durationMs / 1000} s, far beyond the worker's retry budget: once it is back every petition reaches its acceptance task with no manual step`, async () => {
    const started = Date.now();
    // given a burst of 30 registrations, 3 at a time, each with its own Idempotency-Key
    const burst = new RegistrationBurst({ apiUrl: stack.apiUrl, token: registrar, count: 30, concurrency: 3, input: countyComplaint });

    // when the database is cut off a third of the way in, while the workers are busy
    const atCut = await pollUntil(async () => burst.answered >= 10 && { answered: burst.answered, inFlight: burst.inFlight }, BOUNDS.burstMs, 5);
    await stack.relays.database!.cut();
    cutAt = Date.now();
    // (what a handler and a probe are told meanwhile, every 3 s)
    while (Date.now() - cutAt < OUTAGE.durationMs) {
      for (const [path, token] of [
        ['/api/tasks', room1],
        ['/api/health', undefined],
      ] as const) {
        const reply = await call(stack.apiUrl, 'GET', path, { token, timeoutMs: 5_000 }).catch((error: Error) => ({ status: error.message, text: '' }));
        probes.push({ path, status: reply.status, body: reply.text.slice(0, 200) });
      }
      await sleep(Math.min(3_000, Math.max(0, OUTAGE.durationMs - (Date.now() - cutAt))));
    }
    // and given back
    await stack.relays.database!.restore();
    restoredAt = Date.now();
    const registrations = await burst.done;

    // then every key has exactly one petition, and its client holds that petition's receipt
    const { outcome, petitions } = await registrationOutcome(db, registrations);
    // and every petition reaches its acceptance task, once, without anyone retrying anything by hand
    const acceptance = await waitForAcceptance(
      { apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, token: room1, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    // and no incident is left behind
    const incidents = await engine<{ activityId: string; incidentMessage: string }[]>(stack.engineUrl, 'GET', '/incident');
    statusesDuringOutage = countBy(
      registrations.flatMap((r) =>
        r.attempts.filter((a) => a.at >= cutAt && (a.end ?? Infinity) < restoredAt).map((a) => String(a.status ?? a.error)),
      ),
    );
    note('database-outage', {
      atCut,
      outageSeconds: (restoredAt - cutAt) / 1000,
      relay: stack.relays.database!.stats,
      registrationAnswersDuringOutage: statusesDuringOutage,
      acceptanceWaitSecondsAfterRestore: acceptance.waitedMs / 1000,
      missing: acceptance.missing.length,
      incidents: incidents.length,
      seconds: secondsSince(started),
    });
    expect(atCut).toBeTruthy();
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
    expect(incidents.map((i) => `${i.activityId}: ${i.incidentMessage}`)).toEqual([]);
  }, 480_000);

  it('while it is down, callers are told the service is unavailable (503 with a message), never 500', () => {
    expect(probes.length).toBeGreaterThanOrEqual(2);
    expect(probes.filter((p) => p.status !== 503)).toEqual([]);
    // registrations sent and answered meanwhile, by answer
    expect(Object.keys(statusesDuringOutage).filter((status) => status !== '503')).toEqual([]);
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

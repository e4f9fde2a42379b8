import { FaultDatabase, openDatabase } from './support/database';
import { FaultStack } from './support/fault-stack';
import { call, pollUntil, signIn } from './support/http';
import { CLEAN_REGISTRATIONS, registrationOutcome, waitForAcceptance } from './support/outcome';
import { countyComplaint, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { BOUNDS, DB } from './support/settings';

/**
 * The engine dies with kill -9 in the middle of a burst of registrations and is started again on
 * the same database: on the embedded default, the engine's own default H2 file (ENGINE_DB_URL
 * unset), which must not lose what it committed; on MariaDB, its MariaDB database. The API keeps
 * registering meanwhile (a petition is saved first, its process started when the engine is back).
 */
describe(`the engine killed with kill -9 (${DB === 'sqlite' ? 'default H2 file' : DB})`, () => {
  let stack: FaultStack;
  let db: FaultDatabase;
  let registrar: string;
  let room1: string;
  const whileDown: { path: string; status: number | string; body: string }[] = [];

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'engine-kill' });
    db = await openDatabase(stack.database);
    registrar = await signIn(stack.apiUrl, 'donghu.registrar');
    room1 = await signIn(stack.apiUrl, 'donghu.room1');
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  }, 60_000);

  it('mid-burst: none lost, none doubled, and after its restart every petition reaches its acceptance task, once', async () => {
    const started = Date.now();
    // given a burst of 60 registrations, 4 at a time, each with its own Idempotency-Key
    const burst = new RegistrationBurst({ apiUrl: stack.apiUrl, token: registrar, count: 60, concurrency: 4, input: countyComplaint });

    // when the engine is killed a third of the way in
    const atKill = await pollUntil(async () => burst.answered >= 20 && { answered: burst.answered, inFlight: burst.inFlight }, BOUNDS.burstMs, 5);
    await stack.killEngine();
    // (what a handler and a probe are told while it is down)
    for (const [path, token] of [
      ['/api/tasks', room1],
      ['/api/health', undefined],
    ] as const) {
      const reply = await call(stack.apiUrl, 'GET', path, { token }).catch((error: Error) => ({ status: error.message, text: '' }));
      whileDown.push({ path, status: reply.status, body: reply.text.slice(0, 200) });
    }
    // and started again on the same database
    const restartedAt = Date.now();
    await stack.startEngine();
    const restartSeconds = secondsSince(restartedAt);
    const registrations = await burst.done;

    // then every key has exactly one petition, and its client holds that petition's receipt
    const { outcome, petitions } = await registrationOutcome(db, registrations);
    // and every petition reaches its acceptance task, once
    const acceptance = await waitForAcceptance(
      { apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, token: room1, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    note('engine-kill mid-burst', {
      atKill,
      restartSeconds,
      attemptsFailed: burst.attemptsFailed,
      acceptanceWaitSeconds: acceptance.waitedMs / 1000,
      missing: acceptance.missing.length,
      whileDown,
      seconds: secondsSince(started),
    });
    expect(atKill).toBeTruthy();
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
  }, 480_000);

  it('while the engine is down, the API says so (502/503 with a message), never 500', () => {
    expect(whileDown.map((a) => a.path)).toEqual(['/api/tasks', '/api/health']);
    const notUnavailable = whileDown.filter((a) => a.status !== 502 && a.status !== 503);
    expect(notUnavailable).toEqual([]);
  });
});

import { FaultDatabase, openDatabase } from './support/database';
import { FaultStack } from './support/fault-stack';
import { engine, pollUntil, signIn } from './support/http';
import { CLEAN_REGISTRATIONS, receiptsRefused, registrationOutcome, waitForAcceptance } from './support/outcome';
import { countyComplaint, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { BOUNDS, DB } from './support/settings';

/**
 * The API (with its in-process workers) dies with kill -9 and is started again on the same
 * database. Its clients retry every request whose answer they lost, with the same
 * Idempotency-Key. Nothing may be lost or doubled, and every petition must reach its acceptance
 * task at 东湖区 第一办理室 without anyone stepping in.
 */
describe(`the API killed with kill -9 (${DB})`, () => {
  let stack: FaultStack;
  let db: FaultDatabase;
  let registrar: string;
  let room1: string;

  beforeAll(async () => {
    stack = await FaultStack.start({ name: 'api-kill' });
    db = await openDatabase(stack.database);
    registrar = await signIn(stack.apiUrl, 'donghu.registrar');
    room1 = await signIn(stack.apiUrl, 'donghu.room1');
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  }, 60_000);

  it('in the middle of a burst of registrations: none lost, none doubled, every receipt valid, every petition at its acceptance task', async () => {
    const started = Date.now();
    // given a burst of 60 registrations, 4 at a time, each with its own Idempotency-Key
    const burst = new RegistrationBurst({ apiUrl: stack.apiUrl, token: registrar, count: 60, concurrency: 4, input: countyComplaint });

    // when the API is killed a third of the way in, with requests in flight
    const atKill = await pollUntil(
      async () => burst.answered >= 20 && burst.inFlight > 0 && { answered: burst.answered, inFlight: burst.inFlight },
      BOUNDS.burstMs,
      5,
    );
    await stack.killApi();
    // and started again on the same database while the clients keep asking
    const restartedAt = Date.now();
    await stack.startApi();
    const restartSeconds = secondsSince(restartedAt);
    const registrations = await burst.done;

    // then every key has exactly one petition, and its client holds that petition's receipt
    const { outcome, petitions } = await registrationOutcome(db, registrations);
    const acceptance = await waitForAcceptance(
      { apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, token: room1, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    const receipts = await receiptsRefused(stack.apiUrl, registrations);
    note('api-kill mid-burst', {
      atKill,
      attemptsFailed: burst.attemptsFailed,
      restartSeconds,
      acceptanceWaitSeconds: acceptance.waitedMs / 1000,
      seconds: secondsSince(started),
    });
    expect(atKill).toBeTruthy();
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect(receipts).toEqual([]);
    // and every petition reaches its acceptance task, once
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
  }, 420_000);

  it('right after a burst, while the workers are still registering and routing: every petition still reaches its acceptance task, once', async () => {
    const started = Date.now();
    // given a burst of 40 registrations, every one of them answered
    const burst = new RegistrationBurst({ apiUrl: stack.apiUrl, token: registrar, count: 40, concurrency: 4, input: countyComplaint });
    const registrations = await burst.done;

    // when the API is killed the moment the last answer arrives
    await stack.killApi();
    const leftToWorkers = await engine<{ count: number }>(stack.engineUrl, 'GET', '/external-task/count');
    // and started again on the same database
    await stack.startApi();

    // then nothing is lost or doubled, and every petition reaches its acceptance task
    const { outcome, petitions } = await registrationOutcome(db, registrations);
    const acceptance = await waitForAcceptance(
      { apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, token: room1, db },
      [...petitions.values()],
      BOUNDS.recoveryMs,
    );
    note('api-kill after burst', {
      externalTasksLeftAtKill: leftToWorkers.count,
      acceptanceWaitSeconds: acceptance.waitedMs / 1000,
      seconds: secondsSince(started),
    });
    expect(outcome).toEqual(CLEAN_REGISTRATIONS);
    expect({ missing: acceptance.missing, twice: acceptance.twice }).toEqual({ missing: [], twice: [] });
  }, 420_000);
});

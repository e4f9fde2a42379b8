import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FaultDatabase, openDatabase, placeholders } from './support/database';
import { call, engine, pollUntil, signIn } from './support/http';
import { CLEAN_REGISTRATIONS, registrationOutcome, StoredPetition, waitForAcceptance } from './support/outcome';
import { countyComplaint, RegistrationBurst } from './support/registrations';
import { note, secondsSince } from './support/report';
import { API_ENV, BOUNDS, DB, OUT_DIR, PID_FILE, ROOT } from './support/settings';

/* eslint-disable @typescript-eslint/no-require-imports */
const stackLib = require('../../scripts/lib/stack.cjs');
const mysql = require('mysql2/promise');
/* eslint-enable @typescript-eslint/no-require-imports */

type Child = { pid?: number; exitCode: number | null; signalCode: string | null; exited: Promise<unknown>; logFile: string };
interface Stack {
  engineUrl: string;
  apiUrl: string;
  engine: Child;
  api: Child;
}

const NAME = 'backup-restore';
const LOG_DIR = join(OUT_DIR, NAME);
const SERVER = new URL(process.env.TEST_MARIADB_URL || 'mysql://root@127.0.0.1:3306');
/** The connection scripts/backup.sh and scripts/restore.sh take from the environment. */
const DB_ENV = {
  DB_HOST: SERVER.hostname,
  DB_PORT: SERVER.port || '3306',
  DB_USER: decodeURIComponent(SERVER.username || 'root'),
  DB_PASSWORD: decodeURIComponent(SERVER.password || ''),
};

const remember = (child: Child) => child.pid && appendFileSync(PID_FILE, `${child.pid}\n`);

/** Runs one of the shell scripts; resolves with its exit code and what it wrote to stderr. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, 'scripts', script), ...args], { env: { ...process.env, ...DB_ENV, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** The business database's URL for the API and for reading it directly. */
function appUrl(appDb: string): string {
  const auth = `${encodeURIComponent(DB_ENV.DB_USER)}${DB_ENV.DB_PASSWORD ? ':' + encodeURIComponent(DB_ENV.DB_PASSWORD) : ''}@`;
  return `mariadb://${auth}${DB_ENV.DB_HOST}:${DB_ENV.DB_PORT}/${appDb}`;
}

/** Engine + API (with its workers) on two given databases, as the fault suite runs them. */
async function startStack(engineDb: string, appDb: string, label: string, engineEnv: Record<string, string> = {}): Promise<Stack> {
  const started = await stackLib.startEngine({
    dbUrl: `jdbc:mariadb://${DB_ENV.DB_HOST}:${DB_ENV.DB_PORT}/${engineDb}`,
    dbUser: DB_ENV.DB_USER,
    dbPassword: DB_ENV.DB_PASSWORD,
    logDir: LOG_DIR,
    name: `engine-${label}`,
    jobExecutor: true,
    onSpawn: remember,
    env: engineEnv,
  });
  try {
    const api = await stackLib.startApi({
      engineUrl: started.url,
      databaseUrl: appUrl(appDb),
      logDir: LOG_DIR,
      name: `api-${label}`,
      env: API_ENV,
      onSpawn: remember,
    });
    return { engineUrl: started.url, apiUrl: api.url, engine: started.child, api: api.child };
  } catch (error) {
    await stackLib.killProcess(started.child);
    throw error;
  }
}

async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await stackLib.stopProcess(stack.api);
  await stackLib.stopProcess(stack.engine);
}

/** Task ids the engine holds open and offers to a unit (what the open-task index copies), read from its tables. */
async function engineOpenTasks(engineDb: string): Promise<string[]> {
  const connection = await mysql.createConnection({
    host: DB_ENV.DB_HOST,
    port: Number(DB_ENV.DB_PORT),
    user: DB_ENV.DB_USER,
    password: DB_ENV.DB_PASSWORD,
    database: engineDb,
  });
  try {
    const [rows] = await connection.query(
      `SELECT t.ID_ AS id FROM ACT_RU_TASK t WHERE EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK l
         WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL) ORDER BY t.ID_`,
    );
    return (rows as { id: string }[]).map((r) => r.id);
  } finally {
    await connection.end();
  }
}

async function indexedOpenTasks(db: FaultDatabase): Promise<string[]> {
  return (await db.query<{ taskId: string }>(`SELECT "taskId" FROM "open_task" ORDER BY "taskId"`)).map((r) => r.taskId);
}

/** Petitions whose recorded process instance the engine does not know (running or finished). */
async function instancesMissing(engineUrl: string, petitions: StoredPetition[]): Promise<string[]> {
  const withInstance = petitions.filter((p) => p.processInstanceId);
  const known = new Set<string>();
  for (let i = 0; i < withInstance.length; i += 100) {
    const ids = withInstance.slice(i, i + 100).map((p) => p.processInstanceId!);
    const found = await engine<{ id: string }[]>(engineUrl, 'POST', '/history/process-instance', { processInstanceIds: ids });
    for (const instance of found) known.add(instance.id);
  }
  return withInstance.filter((p) => !known.has(p.processInstanceId!)).map((p) => `${p.number} → ${p.processInstanceId}`);
}

/**
 * Backup and restore (README, "Backup and restore"): scripts/backup.sh takes both databases in one
 * mariadb-dump while petitions are being registered; scripts/restore.sh puts them into two fresh
 * databases, and an engine and an API started on those carry on where the snapshot stood.
 * MariaDB only: the embedded default has no database server to dump (its SQLite file and H2 file
 * are copied with both processes stopped).
 */
const describeOnMariaDb = DB === 'mariadb' ? describe : describe.skip;

describeOnMariaDb(`backup and restore of both databases (${DB})`, () => {
  const suffix = `${Date.now().toString(36)}_${Math.random().toString(16).slice(2, 8)}`;
  const restored = { app: `petition_restored_${suffix}`, engine: `engine_restored_${suffix}` };
  let original: { names: { app: string; engine: string }; drop(): Promise<void> } | undefined;
  let live: Stack | undefined;
  let again: Stack | undefined;
  const dumpFile = join(LOG_DIR, 'backup.sql.gz');

  beforeAll(() => {
    rmSync(LOG_DIR, { recursive: true, force: true });
    mkdirSync(LOG_DIR, { recursive: true });
  });

  afterAll(async () => {
    await stopStack(again);
    await stopStack(live);
    if (process.env.KEEP_TEST_DATA) return console.log(`Kept ${original?.names.app}, ${original?.names.engine}, ${restored.app}, ${restored.engine}`);
    await original?.drop();
    const connection = await mysql.createConnection({ host: DB_ENV.DB_HOST, port: Number(DB_ENV.DB_PORT), user: DB_ENV.DB_USER, password: DB_ENV.DB_PASSWORD });
    for (const name of Object.values(restored)) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
    rmSync(dumpFile, { force: true });
  }, 120_000);

  it('restores a backup taken during registrations into fresh databases: audit chain intact, every instance there, open tasks as indexed', async () => {
    const started = Date.now();
    // given a stack on fresh databases, with six petitions at 第一办理室's acceptance task and one of
    // them accepted (its handling task open)
    original = await stackLib.createMariaDbDatabases();
    live = await startStack(original!.names.engine, original!.names.app, 'original');
    const liveDb = await openDatabase({ type: 'mariadb', url: appUrl(original!.names.app) });
    const registrar = await signIn(live.apiUrl, 'donghu.registrar');
    const room = await signIn(live.apiUrl, 'donghu.room1');
    const first = await new RegistrationBurst({ apiUrl: live.apiUrl, token: registrar, count: 6, concurrency: 3, input: countyComplaint }).done;
    const settled = await registrationOutcome(liveDb, first);
    expect(settled.outcome).toEqual(CLEAN_REGISTRATIONS);
    const atAcceptance = await waitForAcceptance({ apiUrl: live.apiUrl, engineUrl: live.engineUrl, token: room, db: liveDb }, [...settled.petitions.values()], BOUNDS.recoveryMs);
    expect(atAcceptance.missing).toEqual([]);
    const moved = [...settled.petitions.values()][0];
    const tasks = await call(live.apiUrl, 'GET', '/api/tasks?step=accept-decision&maxResults=200', { token: room });
    const acceptance = (tasks.body.items as { id: string; petition: { id: string } | null }[]).find((t) => t.petition?.id === moved.id)!;
    const accepted = await call(live.apiUrl, 'POST', `/api/tasks/${acceptance.id}/complete`, { token: room, body: { decision: 'accept' } });
    expect(accepted.status).toBeLessThan(300);
    const handling = await pollUntil(async () => {
      const list = await call(live!.apiUrl, 'GET', '/api/tasks?maxResults=200', { token: room });
      return (list.body.items as { step: string; petition: { id: string } | null }[]).find((t) => t.petition?.id === moved.id && t.step !== 'accept-decision');
    }, BOUNDS.recoveryMs);
    expect(handling).toBeDefined();
    // (the index has caught up with the engine for these settled petitions before the backup)
    await pollUntil(async () => JSON.stringify(await indexedOpenTasks(liveDb)) === JSON.stringify(await engineOpenTasks(original!.names.engine)), 30_000);

    // when the backup is taken while registrations go on
    const burst = new RegistrationBurst({ apiUrl: live.apiUrl, token: registrar, count: 30, concurrency: 2, input: countyComplaint });
    await pollUntil(async () => burst.answered >= 3, BOUNDS.burstMs, 50);
    const answeredBefore = burst.registrations.filter((r) => r.answer?.status === 201);
    const inFlightAtStart = burst.inFlight;
    const backupStarted = Date.now();
    const backup = await runScript('backup.sh', [dumpFile], { APP_DB: original!.names.app, ENGINE_DB: original!.names.engine });
    const backupMs = Date.now() - backupStarted;
    const answeredDuring = burst.answered - answeredBefore.length;
    await burst.done;
    await liveDb.close();
    await stopStack(live);
    live = undefined;
    expect(backup).toEqual({ code: 0, stderr: expect.stringContaining(`written to ${dumpFile}`) });

    // and restored into two fresh databases
    const restore = await runScript('restore.sh', [dumpFile], {
      APP_DB: original!.names.app,
      ENGINE_DB: original!.names.engine,
      RESTORE_APP_DB: restored.app,
      RESTORE_ENGINE_DB: restored.engine,
    });
    expect(restore).toEqual({ code: 0, stderr: expect.stringContaining(`→ ${restored.app}`) });
    // (a second restore into the same names is refused: it never mixes into existing data)
    const twice = await runScript('restore.sh', [dumpFile], { APP_DB: original!.names.app, ENGINE_DB: original!.names.engine, RESTORE_APP_DB: restored.app, RESTORE_ENGINE_DB: restored.engine });
    expect(twice).toEqual({ code: 1, stderr: expect.stringContaining(`database ${restored.app} exists`) });

    // then, before anything runs on them: every registration answered before the backup began is
    // in it, the audit chain verifies, and the open tasks of the settled petitions are as indexed
    const restoredUrl = appUrl(restored.app);
    const db = await openDatabase({ type: 'mariadb', url: restoredUrl });
    try {
      const inBackup = await registrationOutcome(db, [...first, ...answeredBefore]);
      expect(inBackup.outcome.lost).toEqual([]);
      const verify = await runNode(join(ROOT, 'dist', 'audit', 'verify-cli.js'), { DATABASE_URL: restoredUrl });
      expect(verify).toEqual({ code: 0, stdout: expect.stringMatching(/^Audit log intact: \d+ entries checked\./) });
      const settledIds = [...settled.petitions.values()].map((p) => p.id);
      const settledIndexed = await db.query<{ taskId: string }>(
        `SELECT "taskId" FROM "open_task" WHERE "petitionId" IN (${placeholders(settledIds)}) ORDER BY "taskId"`,
        settledIds,
      );
      const snapshotEngineTasks = await engineOpenTasks(restored.engine);
      const snapshotIndexed = await indexedOpenTasks(db);
      const engineTasks = new Set(snapshotEngineTasks);
      expect(settledIndexed.length).toBe(6);
      expect(settledIndexed.filter((r) => !engineTasks.has(r.taskId))).toEqual([]);

      // and an engine (checking, not updating, the schema) and an API started on the restored
      // databases find every petition's process instance, and the other way round
      again = await startStack(restored.engine, restored.app, 'restored', { ENGINE_DB_SCHEMA_UPDATE: 'false' });
      const all = await db.query<StoredPetition>(`SELECT "id", "number", "subject", "status", "processInstanceId" FROM "petition"`);
      expect(await instancesMissing(again.engineUrl, all)).toEqual([]);
      const numbers = new Set(all.map((p) => p.number));
      const processes = await engine<{ businessKey: string }[]>(again.engineUrl, 'GET', '/history/process-instance?processDefinitionKey=petition&maxResults=10000');
      expect(processes.filter((p) => !numbers.has(p.businessKey)).map((p) => p.businessKey)).toEqual([]);
      // and the restored stack carries on: the accepted petition's handling task is on the unit's
      // list, and every other restored petition — those in flight at the snapshot too — reaches its
      // acceptance task, once
      const roomAgain = await signIn(again.apiUrl, 'donghu.room1');
      const list = await call(again.apiUrl, 'GET', '/api/tasks?maxResults=200', { token: roomAgain });
      expect((list.body.items as { petition: { id: string } | null; step: string }[]).some((t) => t.petition?.id === moved.id && t.step !== 'accept-decision')).toBe(true);
      const waiting = all.filter((p) => p.id !== moved.id);
      const carriedOn = await waitForAcceptance({ apiUrl: again.apiUrl, engineUrl: again.engineUrl, token: roomAgain, db }, waiting, BOUNDS.recoveryMs);
      expect({ missing: carriedOn.missing, twice: carriedOn.twice }).toEqual({ missing: [], twice: [] });
      // and, with every petition at rest, the open-task index matches the engine's open tasks
      // exactly after a reconcile pass (a petition in flight at the snapshot may have had its engine
      // task a moment before its index row: the two databases commit apart)
      const sysadmin = await signIn(again.apiUrl, 'sysadmin');
      const reconcile = await call(again.apiUrl, 'POST', '/api/admin/task-index/reconcile', { token: sysadmin });
      expect(reconcile.status).toBe(200);
      expect(await indexedOpenTasks(db)).toEqual(await engineOpenTasks(restored.engine));
      // and the chain, with this stack's own entries added, still verifies
      const auditor = await signIn(again.apiUrl, 'auditor');
      const verified = await call(again.apiUrl, 'GET', '/api/audit/verify', { token: auditor });
      expect(verified.body).toMatchObject({ ok: true, breakCount: 0 });

      note(NAME, {
        petitionsInBackup: all.length,
        registeredBeforeBackup: first.length + answeredBefore.length,
        inFlightAtBackupStart: inFlightAtStart,
        answeredDuringBackup: answeredDuring,
        registeredInAll: first.length + burst.registrations.length,
        backupSeconds: backupMs / 1000,
        snapshot: {
          engineOpenTasks: snapshotEngineTasks.length,
          indexed: snapshotIndexed.length,
          engineNotIndexed: snapshotEngineTasks.filter((id) => !snapshotIndexed.includes(id)).length,
          indexedNotInEngine: snapshotIndexed.filter((id) => !engineTasks.has(id)).length,
        },
        reconcileChanged: reconcile.body.changed,
        restoredPetitionsAtAcceptanceSeconds: carriedOn.waitedMs / 1000,
        seconds: secondsSince(started),
      });
      // (the backup ran while the burst was sending: registrations were in flight when it began)
      expect(inFlightAtStart).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 900_000);
});

function runNode(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

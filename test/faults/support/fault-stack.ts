import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ENV, DB, Db, OUT_DIR, PID_FILE } from './settings';

/* eslint-disable @typescript-eslint/no-require-imports */
const stackLib = require('../../../scripts/lib/stack.cjs');
const { startRelay } = require('../../../scripts/lib/tcp-relay.cjs');
/* eslint-enable @typescript-eslint/no-require-imports */

type Child = ChildProcess & { exited: Promise<{ code: number | null; signal: string | null }>; logFile: string };

export interface Relay {
  readonly port: number;
  readonly cutOff: boolean;
  readonly stalled: boolean;
  readonly openConnections: number;
  stats: { connections: number; resetByCut: number; cuts: number; stalls: number };
  cut(): Promise<void>;
  stall(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseInfo = { type: 'sqlite'; path: string } | { type: 'mariadb'; url: string };

export interface FaultStackOptions {
  /** Names the folder of this stack's logs: test-output/faults-<db>/<name>/. */
  name: string;
  apiEnv?: Record<string, string>;
  /**
   * TCP relays to put between the API and what it talks to, to cut or stall that link: `database`
   * (MariaDB only), `engine`. The test itself always talks to both directly.
   */
  relays?: ('database' | 'engine')[];
}

/**
 * Every process a fault test starts is noted in test-output/faults-<db>/pids, so that the suite's
 * global teardown kills what a failed or interrupted test left (the test's own afterAll kills what
 * it started; Jest gives a test file no hook on its process's exit).
 */
function remember(child: Child): void {
  if (child.pid) appendFileSync(PID_FILE, `${child.pid}\n`);
}

/**
 * One engine and one API as separate processes, on the embedded default (the engine on its own
 * default H2 file URL in a temporary working directory, the API on a SQLite file) or on MariaDB,
 * that a test can kill with SIGKILL and start again on the same ports and the same databases.
 */
export class FaultStack {
  readonly db: Db = DB;
  readonly logDir: string;
  apiUrl = '';
  engineUrl = '';
  apiChild: Child | null = null;
  engineChild: Child | null = null;
  readonly relays: { database?: Relay; engine?: Relay } = {};
  /** Where the test reads the business database directly (never through the relay). */
  database!: DatabaseInfo;
  private apiPort = 0;
  private enginePort = 0;
  private apiDatabaseUrl = '';
  private engineDb: { dbUrl?: string; dbUser?: string; dbPassword?: string } = {};
  private readonly workDir: string;
  private mariadb: { drop(): Promise<void> } | null = null;
  private starts = { api: 0, engine: 0 };

  private constructor(private readonly options: FaultStackOptions) {
    this.logDir = join(OUT_DIR, options.name);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    this.workDir = mkdtempSync(join(tmpdir(), `faults-${options.name}-`));
  }

  static async start(options: FaultStackOptions): Promise<FaultStack> {
    const stack = new FaultStack(options);
    try {
      await stack.prepareDatabases();
      stack.enginePort = await stackLib.freePort();
      stack.apiPort = await stackLib.freePort();
      if (options.relays?.includes('engine')) {
        stack.relays.engine = (await startRelay({ targetPort: stack.enginePort })) as Relay;
      }
      await stack.startEngine();
      await stack.startApi();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private async prepareDatabases(): Promise<void> {
    if (this.db === 'mariadb') {
      const created = await stackLib.createMariaDbDatabases();
      this.mariadb = created;
      this.engineDb = created.engine;
      this.database = { type: 'mariadb', url: created.databaseUrl };
      this.apiDatabaseUrl = created.databaseUrl;
      if (this.options.relays?.includes('database')) {
        const server = new URL(created.databaseUrl);
        this.relays.database = (await startRelay({ targetHost: server.hostname, targetPort: Number(server.port || 3306) })) as Relay;
        server.port = String(this.relays.database.port);
        this.apiDatabaseUrl = server.toString();
      }
    } else {
      if (this.options.relays?.includes('database')) throw new Error('SQLite runs inside the API process: there is no connection to relay');
      const file = join(this.workDir, 'petition.sqlite');
      this.database = { type: 'sqlite', path: file };
      this.apiDatabaseUrl = `sqlite:${file}`;
      // ENGINE_DB_URL unset: the engine's shipped default, ./data/engine/camunda under its working directory.
      this.engineDb = { dbUrl: undefined, dbUser: undefined, dbPassword: undefined };
    }
  }

  /** (Re)starts the engine on its port and database; waits until its REST API answers. */
  async startEngine(): Promise<void> {
    if (this.engineChild && this.engineChild.exitCode === null && this.engineChild.signalCode === null) {
      throw new Error('The engine is still running');
    }
    const engine = await stackLib.startEngine({
      ...this.engineDb,
      port: this.enginePort,
      cwd: this.workDir,
      logDir: this.logDir,
      name: `engine-${++this.starts.engine}`,
      // The product's default: timers and asynchronous continuations run.
      jobExecutor: true,
      onSpawn: remember,
    });
    this.engineChild = engine.child;
    this.engineUrl = engine.url;
  }

  /** (Re)starts the API, `env` over the stack's apiEnv; waits until /api/health answers 200. */
  async startApi(env: Record<string, string> = {}): Promise<void> {
    if (this.apiChild && this.apiChild.exitCode === null && this.apiChild.signalCode === null) {
      throw new Error('The API is still running');
    }
    const api = await stackLib.startApi({
      engineUrl: this.relays.engine ? this.engineUrl.replace(`:${this.enginePort}/`, `:${this.relays.engine.port}/`) : this.engineUrl,
      databaseUrl: this.apiDatabaseUrl,
      logDir: this.logDir,
      name: `api-${++this.starts.api}`,
      port: this.apiPort,
      env: { ...API_ENV, ...this.options.apiEnv, ...env },
      onSpawn: remember,
    });
    this.apiChild = api.child;
    this.apiUrl = api.url;
  }

  /** kill -9 of the API (and its workers). */
  async killApi(): Promise<void> {
    await stackLib.killProcess(this.apiChild);
  }

  /** kill -9 of the engine. */
  async killEngine(): Promise<void> {
    await stackLib.killProcess(this.engineChild);
  }

  get apiPid(): number {
    if (!this.apiChild?.pid) throw new Error('The API is not running');
    return this.apiChild.pid;
  }

  /** Kills what is left and removes the databases (KEEP_TEST_DATA=1 keeps them for a post-mortem). */
  async stop(): Promise<void> {
    for (const child of [this.apiChild, this.engineChild]) {
      if (child) await stackLib.killProcess(child);
    }
    await this.relays.database?.close();
    await this.relays.engine?.close();
    if (process.env.KEEP_TEST_DATA) {
      console.log(`Kept the data of ${this.options.name} in ${this.workDir}${this.mariadb ? ' and MariaDB' : ''}`);
      return;
    }
    await this.mariadb?.drop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

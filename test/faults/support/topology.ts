import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ENV, OUT_DIR, PID_FILE } from './settings';

/* eslint-disable @typescript-eslint/no-require-imports */
const stackLib = require('../../../scripts/lib/stack.cjs');
const { startEngineBalancer } = require('../../../scripts/lib/engine-balancer.cjs');
/* eslint-enable @typescript-eslint/no-require-imports */

type Child = ChildProcess & { exited: Promise<{ code: number | null; signal: string | null }>; logFile: string };

export const NODE_NAMES = ['engine-node-1', 'engine-node-2'] as const;

function remember(child: Child): void {
  if (child.pid) appendFileSync(PID_FILE, `${child.pid}\n`);
}

/**
 * The production topology of docker-compose.yml, as processes on this machine: two engine nodes on
 * one MariaDB database (the first creates the schema, the second only checks it, as in the compose
 * file), nginx in front of them with deploy/engine-lb.conf, the API with its workers off, and two
 * worker processes (dist/worker.js). Everything that talks to the engine goes through nginx.
 */
export class Topology {
  readonly logDir: string;
  apiUrl = '';
  lbUrl = '';
  databaseUrl = '';
  readonly engines: { url: string; port: number; child: Child | null }[] = [];
  readonly workers: (Child | null)[] = [];
  private api: Child | null = null;
  private nginx: Child | null = null;
  private mariadb: { drop(): Promise<void>; engine: { dbUrl: string; dbUser: string; dbPassword: string } } | null = null;
  private readonly workDir: string;

  private constructor(name: string) {
    this.logDir = join(OUT_DIR, name);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    this.workDir = mkdtempSync(join(tmpdir(), `faults-${name}-`));
  }

  static async start(name: string, workerEnv: Record<string, string> = {}): Promise<Topology> {
    const topology = new Topology(name);
    try {
      await topology.startAll(workerEnv);
    } catch (error) {
      await topology.stop();
      throw error;
    }
    return topology;
  }

  private async startAll(workerEnv: Record<string, string>): Promise<void> {
    this.mariadb = await stackLib.createMariaDbDatabases();
    this.databaseUrl = (this.mariadb as unknown as { databaseUrl: string }).databaseUrl;
    // Node 1 first, creating the schema; node 2 after it, checking it (ENGINE_DB_SCHEMA_UPDATE=false).
    for (const [index, nodeName] of NODE_NAMES.entries()) {
      const engine = await stackLib.startEngine({
        ...this.mariadb!.engine,
        jobExecutor: true,
        logDir: this.logDir,
        name: nodeName,
        cwd: this.workDir,
        onSpawn: remember,
        env: { ENGINE_NODE_NAME: nodeName, ...(index > 0 ? { ENGINE_DB_SCHEMA_UPDATE: 'false' } : {}) },
      });
      this.engines.push({ url: engine.url, port: engine.port, child: engine.child });
    }
    await this.startNginx();
    const api = await stackLib.startApi({
      engineUrl: this.lbUrl,
      databaseUrl: this.databaseUrl,
      logDir: this.logDir,
      env: { ...API_ENV, WORKERS_IN_PROCESS: 'false' },
      onSpawn: remember,
    });
    this.api = api.child;
    this.apiUrl = api.url;
    for (let i = 0; i < 2; i++) this.workers.push(this.startWorker(i, workerEnv));
  }

  /** nginx with the load balancer's configuration from deploy/, its upstreams pointed at the nodes' ports. */
  private async startNginx(): Promise<void> {
    const balancer = await startEngineBalancer({
      enginePorts: this.engines.map((e) => e.port),
      workDir: this.workDir,
      logDir: this.logDir,
      onSpawn: remember,
    });
    this.nginx = balancer.child;
    this.lbUrl = balancer.url;
  }

  private startWorker(index: number, env: Record<string, string>): Child {
    const child = stackLib.startWorker({
      engineUrl: this.lbUrl,
      databaseUrl: this.databaseUrl,
      logDir: this.logDir,
      name: `worker-${index + 1}`,
      env: { ...API_ENV, ...env },
    }) as Child;
    remember(child);
    return child;
  }

  async killEngine(index: number): Promise<void> {
    await stackLib.killProcess(this.engines[index].child);
  }

  async killWorker(index: number): Promise<void> {
    await stackLib.killProcess(this.workers[index]);
  }

  async stop(): Promise<void> {
    for (const child of [this.api, ...this.workers, this.nginx, ...this.engines.map((e) => e.child)]) {
      if (child) await stackLib.killProcess(child);
    }
    if (process.env.KEEP_TEST_DATA) {
      console.log(`Kept the data of the topology in ${this.workDir} and MariaDB`);
      return;
    }
    await this.mariadb?.drop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

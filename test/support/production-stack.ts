import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stackInfo, type StackInfo } from './harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, startEngine, stopProcess, createMariaDbDatabases, ROOT, ENGINE_USER, ENGINE_PASSWORD } = require('../../scripts/lib/stack.cjs');

/**
 * An API in production mode (NODE_ENV=production: no demo data, production secrets) on a database of
 * its own, of the kind the shared stack runs on (TEST_DB). With `ownEngine` it gets its own engine as
 * well and runs its workers, so that petitions registered there are routed; without, it shares the
 * suite's engine and runs no workers (the shared stack's tasks are not its business).
 */
export interface ProductionStack {
  url: string;
  database: StackInfo['database'];
  /** The environment a command-line tool of this installation runs with. */
  env: Record<string, string>;
  engineUrl: string;
  stop(): Promise<void>;
}

export async function startProductionStack(name: string, { ownEngine = false } = {}): Promise<ProductionStack> {
  const info = stackInfo();
  const logDir = join(info.outDir, 'logs');
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64'),
    DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    DATA_HASH_KEY: randomBytes(32).toString('base64'),
  };
  let databaseUrl: string;
  let database: StackInfo['database'];
  let engineDb: Record<string, string>;
  let drop: () => Promise<void>;
  if (info.database.type === 'mariadb') {
    const mariadb = await createMariaDbDatabases();
    databaseUrl = mariadb.databaseUrl;
    database = { type: 'mariadb', url: databaseUrl };
    engineDb = mariadb.engine;
    drop = () => mariadb.drop();
  } else {
    const path = join(info.outDir, `${name}-${randomBytes(4).toString('hex')}.sqlite`);
    databaseUrl = `sqlite:${path}`;
    database = { type: 'sqlite', path };
    engineDb = { dbUrl: `jdbc:h2:mem:${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')};DB_CLOSE_DELAY=-1` };
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    };
  }
  const engine = ownEngine ? await startEngine({ ...engineDb, logDir, name: `${name}-engine` }) : null;
  const engineUrl: string = engine?.url ?? info.engineUrl;
  let api;
  try {
    api = await startApi({
      engineUrl,
      databaseUrl,
      logDir,
      name,
      nodeEnv: 'production',
      env: { ...secrets, WORKERS_IN_PROCESS: ownEngine ? 'true' : 'false' },
    });
  } catch (error) {
    if (engine) await stopProcess(engine.child);
    await drop();
    throw error;
  }
  return {
    url: api.url,
    database,
    engineUrl,
    env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, ENGINE_URL: engineUrl, ENGINE_USER, ENGINE_PASSWORD, ...secrets },
    async stop() {
      await stopProcess(api.child);
      if (engine) await stopProcess(engine.child);
      if (!process.env.KEEP_TEST_DATA) await drop();
    },
  };
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built first-start command (dist/cli/first-admins.js) as an operator would, with `env` added. */
export function runFirstAdmins(stack: ProductionStack, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'first-admins.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...stack.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Three administrators with passwords that follow the policy, as the README's example has them. */
export const FIRST_ADMINS = {
  args: ['--city', '980100:测试市', '--unit', '980100-petition-office:测试市信访局', '--system-admin', 'sys.admin:张三', '--security-admin', 'sec.admin:李四', '--auditor', 'audit.one:王五'],
  env: { SYSTEM_ADMIN_PASSWORD: 'Sys#Admin2026', SECURITY_ADMIN_PASSWORD: 'Sec#Admin2026', AUDITOR_PASSWORD: 'Aud#itor2026' },
};

export async function signInAt(baseUrl: string, username: string, password: string): Promise<{ status: number; token?: string; body: any }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json().catch(() => undefined)) as any;
  return { status: response.status, token: body?.accessToken, body };
}

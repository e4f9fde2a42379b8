'use strict';
/**
 * Starts the real engine (java -jar) and the real API (node dist/main.js) as child processes on
 * free loopback ports. Used by the integration tests, the fault tests, the benchmark and `npm start`.
 */
const { spawn } = require('node:child_process');
const { closeSync, mkdirSync, openSync, rmSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE_JAR = path.join(ROOT, 'engine', 'target', 'petition-engine.jar');
const ENGINE_USER = 'demo';
const ENGINE_PASSWORD = 'demo';

/** Ports this process has handed out: each is free when asked for, but bound only later, by a child. */
const handedOut = new Set();

/**
 * A port nothing listens on, never one this process handed out before: the system may offer a port
 * again as soon as the probe closes it, and a test that picks a metrics port and then starts a stack
 * (which picks its API port) got the same one twice.
 */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function spawnLogged(name, command, args, { env, cwd, logDir }) {
  // An undefined value removes a variable inherited from this process (spawn drops undefined values).
  env = { ...process.env, ...env };
  if (!logDir) {
    // Interactive use (`npm start`): the child writes to this terminal.
    const child = spawn(command, args, { cwd: cwd ?? ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.logFile = 'the output above';
    return child;
  }
  mkdirSync(logDir, { recursive: true });
  // Opened synchronously, so nobody reads a previous run's log as this one's.
  const log = openSync(path.join(logDir, `${name}.log`), 'w');
  const child = spawn(command, args, { cwd: cwd ?? ROOT, env, stdio: ['ignore', log, log] });
  closeSync(log);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.logFile = path.join(logDir, `${name}.log`);
  return child;
}

async function waitForHttp(url, { headers = {}, timeoutMs = 180_000, child, name = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child?.exited.then((result) => (exited = result));
  for (;;) {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}) before answering; see ${child.logFile}`);
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer within ${timeoutMs} ms; see ${child?.logFile ?? 'its log'}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A process that never came up is not left running. */
async function waitUntilUp(child, url, options) {
  try {
    await waitForHttp(url, options);
  } catch (error) {
    await killProcess(child);
    throw error;
  }
}

/** kill -9: the process gets no chance to finish anything, as in a crash or an OOM kill. */
async function killProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exited;
  child.kill('SIGKILL');
  return child.exited;
}

async function stopProcess(child, graceMs = 20_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const result = await child.exited;
  clearTimeout(timer);
  return result;
}

const basicAuth = 'Basic ' + Buffer.from(`${ENGINE_USER}:${ENGINE_PASSWORD}`).toString('base64');

/**
 * `dbUrl` undefined: the engine's own default, an H2 file under `cwd` (`./data/engine/camunda`),
 * exactly as shipped. `name` names the log file (`<name>.log`).
 */
async function startEngine({ dbUrl, dbUser = 'sa', dbPassword = '', logDir, jobExecutor = false, name = 'engine', port, cwd, onSpawn, quickStart = true, env = {} }) {
  port ??= await freePort();
  // The C1 compiler alone: quicker to start, and on this 2-core machine quicker under load too — with the
  // optimising compiler (C2) its compiler threads took the cores the load needed: bench:ceiling on MariaDB,
  // 1000 petitions, 30.1 vs 39.8 petitions/s (minimal loop), 18.4 vs 19.7 (product); `npm run bench` 14–22
  // vs 34 registrations/s. `npm start` runs for days and gets C2 (quickStart false), as does the image.
  const jit = quickStart ? ['-XX:TieredStopAtLevel=1'] : [];
  const child = spawnLogged(name, 'java', ['-Xmx768m', ...jit, '-jar', ENGINE_JAR], {
    logDir,
    cwd,
    env: {
      ENGINE_PORT: String(port),
      ENGINE_DB_URL: dbUrl,
      ENGINE_DB_USER: dbUser,
      ENGINE_DB_PASSWORD: dbPassword,
      ENGINE_USER,
      ENGINE_PASSWORD,
      ENGINE_JOB_EXECUTOR: String(jobExecutor),
      ...env,
    },
  });
  onSpawn?.(child);
  const url = `http://127.0.0.1:${port}/engine-rest`;
  await waitUntilUp(child, `${url}/engine`, { headers: { Authorization: basicAuth }, child, name });
  return { url, port, child, user: ENGINE_USER, password: ENGINE_PASSWORD };
}

async function startApi({ engineUrl, databaseUrl, logDir, env = {}, name = 'api', port, nodeEnv = 'test', onSpawn }) {
  port ??= await freePort();
  const child = spawnLogged(name, process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    logDir,
    env: {
      NODE_ENV: nodeEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      ENGINE_URL: engineUrl,
      ENGINE_USER,
      ENGINE_PASSWORD,
      DATABASE_URL: databaseUrl,
      ...(nodeEnv === 'test' ? { JWT_SECRET: 'test-secret-not-for-production' } : {}),
      ...env,
    },
  });
  onSpawn?.(child);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, `${url}/api/health`, { child, name });
  return { url, port, child };
}

function startWorker({ engineUrl, databaseUrl, logDir, env = {}, name = 'worker' }) {
  return spawnLogged(name, process.execPath, [path.join(ROOT, 'dist', 'worker.js')], {
    logDir,
    env: { NODE_ENV: 'test', ENGINE_URL: engineUrl, ENGINE_USER, ENGINE_PASSWORD, DATABASE_URL: databaseUrl, ...env },
  });
}

/** A fresh pair of MariaDB databases (engine + business data) for one run; drop() removes them. */
async function createMariaDbDatabases(base = process.env.TEST_MARIADB_URL || 'mysql://root@127.0.0.1:3306') {
  const mysql = require('mysql2/promise');
  const server = new URL(base);
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const names = { app: `petition_test_${suffix}`, engine: `engine_test_${suffix}` };
  const connection = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password || ''),
  });
  for (const name of Object.values(names)) {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  await connection.end();
  const auth = server.username ? `${server.username}${server.password ? ':' + server.password : ''}@` : 'root@';
  return {
    names,
    databaseUrl: `mariadb://${auth}${server.hostname}:${server.port || 3306}/${names.app}`,
    engine: {
      dbUrl: `jdbc:mariadb://${server.hostname}:${server.port || 3306}/${names.engine}`,
      dbUser: decodeURIComponent(server.username || 'root'),
      dbPassword: decodeURIComponent(server.password || ''),
    },
    async drop() {
      const c = await mysql.createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username || 'root'),
        password: decodeURIComponent(server.password || ''),
      });
      for (const name of Object.values(names)) await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Engine + API (+ in-process workers) on the embedded defaults (in-memory H2, a temporary SQLite
 * file) or on MariaDB.
 */
async function startStack({ db = 'sqlite', outDir, apiEnv = {}, jobExecutor = false, quickStart = true }) {
  const logDir = path.join(outDir, 'logs');
  mkdirSync(outDir, { recursive: true });
  let mariadb = null;
  let databaseUrl;
  let engineDb;
  let database;
  if (db === 'mariadb') {
    mariadb = await createMariaDbDatabases();
    databaseUrl = mariadb.databaseUrl;
    engineDb = mariadb.engine;
    database = { type: 'mariadb', url: databaseUrl };
  } else {
    const file = path.join(outDir, `petition-${randomBytes(4).toString('hex')}.sqlite`);
    databaseUrl = `sqlite:${file}`;
    engineDb = { dbUrl: `jdbc:h2:mem:engine_${randomBytes(4).toString('hex')};DB_CLOSE_DELAY=-1` };
    database = { type: 'sqlite', path: file };
  }
  const engine = await startEngine({ ...engineDb, logDir, jobExecutor, quickStart });
  let api;
  try {
    api = await startApi({ engineUrl: engine.url, databaseUrl, logDir, env: apiEnv });
  } catch (error) {
    await stopProcess(engine.child);
    await mariadb?.drop();
    throw error;
  }
  return {
    apiUrl: api.url,
    engineUrl: engine.url,
    engineUser: ENGINE_USER,
    enginePassword: ENGINE_PASSWORD,
    databaseUrl,
    database,
    /** Where the engine keeps its tables: a second node (BENCH_ENGINES=2) joins the same database. */
    engineDb,
    logDir,
    engine,
    api,
    async stop({ keepDatabase = Boolean(process.env.KEEP_TEST_DATA) } = {}) {
      await stopProcess(api.child);
      await stopProcess(engine.child);
      if (keepDatabase) return;
      if (mariadb) await mariadb.drop();
      if (database.type === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm']) rmSync(database.path + suffix, { force: true });
      }
    },
  };
}

module.exports = {
  ROOT,
  ENGINE_JAR,
  ENGINE_USER,
  ENGINE_PASSWORD,
  basicAuth,
  freePort,
  waitForHttp,
  stopProcess,
  killProcess,
  startEngine,
  startApi,
  startWorker,
  startStack,
  createMariaDbDatabases,
};

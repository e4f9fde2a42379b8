/**
 * What the benchmark scripts share: the database they run on (BENCH_DB), the stack they start, the
 * demo users' sign-in, a request timed many times, and the figures they print.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('./stack.cjs');

/** Every demo user's password (src/org's demo organisation). */
export const DEMO_PASSWORD = 'Demo@2026';

/** BENCH_DB when it names a database the stack runs on, else the script's own default. */
export function benchDb(fallback) {
  const asked = process.env.BENCH_DB;
  return asked === 'sqlite' || asked === 'mariadb' ? asked : fallback;
}

/** How a result names its database. */
export const dbLabel = (db) => (db === 'sqlite' ? 'embedded default: SQLite' : 'MariaDB');

/** Builds what is missing and starts engine + API on `db`; their output goes to test-output/bench-<name>-<db>. */
export async function startBenchStack(name, db, apiEnv = {}) {
  ensureBuilt({ ui: false });
  console.log(`\nStarting engine + API on ${db === 'sqlite' ? 'the embedded default (H2 + SQLite)' : 'MariaDB'}…`);
  return startStack({ db, outDir: join(ROOT, 'test-output', `bench-${name}-${db}`), apiEnv });
}

/** A demo user's access token. */
export async function signIn(apiUrl, username) {
  const response = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: ${response.status}`);
  return (await response.json()).accessToken;
}

/** The JSON of an answer; a failure is thrown with what was asked (`what`) and the API's body. */
export async function fetchJson(url, init, what) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Calls `once` `warmup` times unmeasured, then `requests` times one after another: the times in ms and the last answer. */
export async function timeRepeated(once, { warmup, requests }) {
  for (let i = 0; i < warmup; i++) await once();
  const times = [];
  let last;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    last = await once();
    times.push(performance.now() - started);
  }
  return { times, last };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const fmt = (ms) => `${ms.toFixed(1)} ms`;
/** The two figures a benchmark line prints, aligned. */
export const medianAndP95 = (times) => `median ${fmt(percentile(times, 50)).padStart(9)}, p95 ${fmt(percentile(times, 95)).padStart(9)}`;

/** Runs a script's main; a failure is printed and ends the process with 1. */
export function run(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

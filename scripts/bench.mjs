#!/usr/bin/env node
/**
 * `npm run bench`: registers BENCH_N petitions over HTTP, BENCH_CONCURRENCY at a time, against a
 * freshly started engine + API (BENCH_DB=sqlite, the embedded default, or mariadb), and prints
 *  - registrations per second (201 responses over the wall time of the create requests),
 *  - the create request's own latency, and
 *  - the time from sending the create request until the acceptance task exists at the competent
 *    unit, as seen by a watcher polling the engine every 20 ms during the load.
 * Medians and 95th percentiles: this machine is shared and noisy, compare ratios, not single runs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';
import { fmt, percentile, registrationLoad } from './lib/pipeline-bench.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('./lib/stack.cjs');

const db = process.env.BENCH_DB === 'mariadb' ? 'mariadb' : 'sqlite';
const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 10;

async function main() {
  ensureBuilt({ ui: false });
  console.log(`\nStarting engine + API on ${db === 'sqlite' ? 'the embedded default (H2 + SQLite)' : 'MariaDB'}…`);
  const stack = await startStack({ db, outDir: join(ROOT, 'test-output', `bench-${db}`) });
  try {
    const result = await registrationLoad({ apiUrl: stack.apiUrl, engineUrl: stack.engineUrl, n: N, concurrency: CONCURRENCY, warmup: WARMUP });
    const { createMs: create, toTask } = result;
    console.log(`
Benchmark: register → acceptance task   (${db === 'sqlite' ? 'embedded default: H2 + SQLite' : 'MariaDB'})
  petitions            ${N} (after ${WARMUP} warm-up), ${CONCURRENCY} concurrent clients
  registrations/s      ${result.createsPerSecond.toFixed(1)}
  create request       median ${fmt(percentile(create, 50))}, p95 ${fmt(percentile(create, 95))}
  until task exists    median ${fmt(percentile(toTask, 50))}, p95 ${fmt(percentile(toTask, 95))}, max ${fmt(Math.max(...toTask))} (polled every 20 ms)
  reached the task     ${toTask.length} of ${result.created}`);
    if (toTask.length < result.created) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

#!/usr/bin/env node
/**
 * `npm run bench:overdue`: the overdue report on a large system. Starts engine + API (BENCH_DB=sqlite,
 * the embedded default, or mariadb), loads BENCH_TASKS (default 100,000) open tasks across every unit
 * of the demo city into the report's open-task index (due dates spread from 30 days overdue to 60 days
 * ahead), then times BENCH_REQUESTS report requests each for a county supervisor and for the city,
 * and prints the median and 95th percentile. The engine is not given 100,000 process instances: the
 * report never asks it anything, it reads the index, which is what is measured. Shared, noisy
 * machine: compare medians and ratios, not single runs.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';
import { openBenchDatabase } from './lib/bench-database.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('./lib/stack.cjs');

const db = process.env.BENCH_DB === 'mariadb' ? 'mariadb' : 'sqlite';
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 10;
const DAY = 86_400_000;
const STEPS = ['accept-decision', 'handle-petition', 'reply-petition', 'review-completion-report', 'forward-to-township'];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function main() {
  ensureBuilt({ ui: false });
  console.log(`\nStarting engine + API on ${db === 'sqlite' ? 'the embedded default (H2 + SQLite)' : 'MariaDB'}…`);
  const stack = await startStack({
    db,
    outDir: join(ROOT, 'test-output', `bench-overdue-${db}`),
    // The synthetic tasks exist only in the index; a reconcile pass would rightly remove them.
    apiEnv: { TASK_INDEX_RECONCILE_MINUTES: '0' },
  });
  try {
    const database = await openBenchDatabase(stack.database);
    const stamp = database.time;
    const units = await database.all(
      "SELECT u.code AS code, u.regionCode AS regionCode, r.level AS level FROM unit u JOIN region r ON r.code = u.regionCode WHERE u.kind <> 'leadership'",
    );
    const now = Date.now();
    const rows = [];
    for (let i = 0; i < TASKS; i++) {
      const unit = units[i % units.length];
      const due = new Date(now - 30 * DAY + Math.floor(((i * 7919) % 90_000) * (DAY / 1000)));
      rows.push([randomUUID(), randomUUID(), `XF-BENCH-${i}`, randomUUID(), STEPS[i % STEPS.length], unit.code, unit.regionCode, unit.level, stamp(due), stamp(new Date(now - 40 * DAY)), i % 3 === 0 ? 'someone' : null]);
    }
    const loadStarted = Date.now();
    await database.insert(
      'open_task',
      ['taskId', 'petitionId', 'petitionNumber', 'processInstanceId', 'step', 'unitCode', 'regionCode', 'level', 'due', 'created', 'assignee'],
      rows,
    );
    // Loaded past the task index: its tally is built from the rows as the migration builds it.
    const { rebuildTallySql } = require(join(ROOT, 'dist', 'common', 'open-task-tally.js'));
    for (const sql of rebuildTallySql(stack.database.type === 'sqlite' ? 'better-sqlite3' : 'mariadb')) await database.execute(sql);
    const [{ count }] = await database.all('SELECT COUNT(*) AS count FROM open_task');
    console.log(`Loaded ${count} open tasks across ${units.length} units in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    await database.close();

    const login = async (username) => {
      const response = await fetch(`${stack.apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Demo@2026' }),
      });
      return (await response.json()).accessToken;
    };
    const time = async (username) => {
      const token = await login(username);
      const once = async () => {
        const started = performance.now();
        const response = await fetch(`${stack.apiUrl}/api/reports/overdue`, { headers: { authorization: `Bearer ${token}` } });
        const body = await response.json();
        if (!response.ok) throw new Error(`${username}: ${response.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - started, body };
      };
      for (let i = 0; i < WARMUP; i++) await once();
      const times = [];
      let last;
      for (let i = 0; i < REQUESTS; i++) {
        last = await once();
        times.push(last.ms);
      }
      return { times, body: last.body };
    };
    const county = await time('donghu.supervisor');
    const city = await time('city.supervisor');
    const line = (label, { times, body }) =>
      `  ${label.padEnd(28)} median ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}   (${body.totals.overdue} overdue, ${body.totals.nearDue} near-due, ${body.byUnit.length} units)`;
    console.log(`
Benchmark: GET /api/reports/overdue   (${db === 'sqlite' ? 'embedded default: SQLite' : 'MariaDB'})
  open tasks                   ${TASKS}, ${REQUESTS} requests each after ${WARMUP} warm-up, one at a time
${line('county supervisor (东湖区)', county)}
${line('city supervisor (示范市)', city)}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

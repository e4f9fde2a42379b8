#!/usr/bin/env node
/**
 * `npm run bench`: registers BENCH_N petitions over HTTP, BENCH_CONCURRENCY at a time, against a
 * freshly started engine + API (BENCH_DB=sqlite, the embedded default, or mariadb), and prints
 *  - registrations per second (201 responses over the wall time of the create requests),
 *  - the create request's own latency, and
 *  - the time from sending the create request until the acceptance task exists at the competent
 *    unit, taken from the task's start time in the engine's history (same machine clock).
 * Medians and 95th percentiles: this machine is shared and noisy, compare ratios, not single runs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

const require = createRequire(import.meta.url);
const { startStack, basicAuth } = require('./lib/stack.cjs');

const db = process.env.BENCH_DB === 'mariadb' ? 'mariadb' : 'sqlite';
const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = 10;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(0)} ms`;

function petition(i) {
  return {
    channel: 'visit',
    category: i % 5 === 0 ? 'suggestion' : 'complaint',
    matterScope: i % 3 === 0 ? 'township' : 'county',
    subject: `基准测试信访事项 ${i}`,
    content: '柳岸小区3号楼外墙瓷砖多次脱落，物业和社区均未处理。'.repeat(4),
    regionCode: '990102001002',
    petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
  };
}

async function main() {
  ensureBuilt({ ui: false });
  console.log(`\nStarting engine + API on ${db === 'sqlite' ? 'the embedded default (H2 + SQLite)' : 'MariaDB'}…`);
  const stack = await startStack({ db, outDir: join(ROOT, 'test-output', `bench-${db}`) });
  try {
    const api = async (path, body, token) => {
      const response = await fetch(stack.apiUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const engine = async (path) => {
      const response = await fetch(stack.engineUrl + path, { headers: { Authorization: basicAuth } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.json();
    };
    const { accessToken } = await api('/api/auth/login', { username: 'donghu.registrar', password: 'Demo@2026' });

    const register = async (i, record) => {
      const sentAt = Date.now();
      const created = await api('/api/petitions', petition(i), accessToken);
      record?.push({ instance: created.processInstanceId, sentAt, createMs: Date.now() - sentAt });
    };
    for (let i = 0; i < WARMUP; i++) await register(-i - 1);

    const records = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) await register(next++, records);
      }),
    );
    const wallMs = Date.now() - started;

    const startTimes = new Map();
    const deadline = Date.now() + 120_000;
    // The acceptance task lives in the called unit-handling instance; its root is the petition's instance.
    while (startTimes.size < records.length + WARMUP && Date.now() < deadline) {
      for (let first = 0; ; first += 500) {
        const tasks = await engine(`/history/task?taskDefinitionKey=accept-decision&firstResult=${first}&maxResults=500`);
        for (const task of tasks) {
          startTimes.set(task.rootProcessInstanceId, Date.parse(task.startTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
        }
        if (tasks.length < 500) break;
      }
      if (startTimes.size < records.length + WARMUP) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const toTask = records.filter((r) => startTimes.has(r.instance)).map((r) => startTimes.get(r.instance) - r.sentAt);
    const create = records.map((r) => r.createMs);

    console.log(`
Benchmark: register → acceptance task   (${db === 'sqlite' ? 'embedded default: H2 + SQLite' : 'MariaDB'})
  petitions            ${N} (after ${WARMUP} warm-up), ${CONCURRENCY} concurrent clients
  registrations/s      ${((records.length / wallMs) * 1000).toFixed(1)}
  create request       median ${fmt(percentile(create, 50))}, p95 ${fmt(percentile(create, 95))}
  until task exists    median ${fmt(percentile(toTask, 50))}, p95 ${fmt(percentile(toTask, 95))}, max ${fmt(Math.max(...toTask))}
  reached the task     ${toTask.length} of ${records.length}`);
    if (toTask.length < records.length) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

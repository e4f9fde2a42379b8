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
    const engineQuery = async (path, body) => {
      const response = await fetch(stack.engineUrl + path, {
        method: 'POST',
        headers: { Authorization: basicAuth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const { accessToken } = await api('/api/auth/login', { username: 'donghu.registrar', password: 'Demo@2026' });

    const register = async (i, record) => {
      const sentAt = Date.now();
      const created = await api('/api/petitions', petition(i), accessToken);
      record?.(created.number, sentAt, Date.now() - sentAt);
    };
    for (let i = 0; i < WARMUP; i++) await register(-i - 1);

    // A watcher polls the engine for new acceptance tasks while the load runs and notes when each
    // first appears. (The engine's own timestamps have whole seconds on MySQL/MariaDB.)
    const sent = new Map();
    const seenAt = new Map();
    let loading = true;
    const watcher = (async () => {
      let giveUpAt = Infinity;
      for (;;) {
        if (!loading && giveUpAt === Infinity) giveUpAt = Date.now() + 120_000;
        const pending = [...sent.keys()].filter((number) => !seenAt.has(number));
        if ((!loading && pending.length === 0) || Date.now() > giveUpAt) break;
        for (let i = 0; i < pending.length; i += 100) {
          const tasks = await engineQuery('/task?maxResults=200', {
            taskDefinitionKey: 'accept-decision',
            processInstanceBusinessKeyIn: pending.slice(i, i + 100),
          });
          const now = Date.now();
          const ids = tasks.map((t) => t.processInstanceId);
          if (ids.length === 0) continue;
          const instances = await engine(`/process-instance?processInstanceIds=${ids.join(',')}&maxResults=200`);
          for (const instance of instances) if (!seenAt.has(instance.businessKey)) seenAt.set(instance.businessKey, now);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const create = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          await register(next++, (number, sentAt, ms) => {
            sent.set(number, sentAt);
            create.push(ms);
          });
        }
      }),
    );
    const wallMs = Date.now() - started;
    loading = false;
    await watcher;
    const toTask = [...sent].filter(([number]) => seenAt.has(number)).map(([number, sentAt]) => seenAt.get(number) - sentAt);
    const records = [...sent.keys()];

    console.log(`
Benchmark: register → acceptance task   (${db === 'sqlite' ? 'embedded default: H2 + SQLite' : 'MariaDB'})
  petitions            ${N} (after ${WARMUP} warm-up), ${CONCURRENCY} concurrent clients
  registrations/s      ${((records.length / wallMs) * 1000).toFixed(1)}
  create request       median ${fmt(percentile(create, 50))}, p95 ${fmt(percentile(create, 95))}
  until task exists    median ${fmt(percentile(toTask, 50))}, p95 ${fmt(percentile(toTask, 95))}, max ${fmt(Math.max(...toTask))} (polled every 20 ms)
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

#!/usr/bin/env node
/**
 * `node scripts/bench-documents.mjs`: render time of the PDF notices, from the built API (run
 * `npx nest build` first; BENCH_DIST points at another build). Times the first render (reads the font
 * file), then BENCH_DOCUMENTS (default 50) renders after a warm-up, alternating a plain notice and a
 * registration receipt with a QR code, and prints median and 95th percentile of wall and CPU time.
 * CPU time is the steadier figure on a shared, busy machine.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, percentile } from './lib/bench-kit.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const MODULE = join(DIST, 'notifications', 'documents', 'notice-document.js');
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 50);
const WARMUP = 5;

if (!existsSync(MODULE)) {
  console.error(`${MODULE} is missing: run \`npx nest build\` first`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const { renderNoticeDocument } = require(MODULE);

const notice = {
  title: '受理告知书',
  unitName: '东湖区信访局',
  petitionNumber: 'XF-2026-990102-000123',
  issuedAt: new Date('2026-11-29T02:00:00Z'),
  recipientName: '张三',
  body:
    '你于2026年11月20日提出的信访事项，经审查，属于本机关职权范围，本机关决定予以受理。\n' +
    '本机关将自受理之日起60日内办结，并出具书面答复意见。办理期间，你可凭查询码查询办理进度。',
  article: '依据：《信访工作条例》第二十三条',
  serviceMethod: '短信',
  extraLines: [{ label: '查询码', value: 'AB12CD34' }],
};
const receipt = { ...notice, title: '登记回执', qr: { url: 'https://xf.example.gov.cn/q/AB12CD34', caption: '扫码查询办理进度' } };

async function timed(input) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const pdf = await renderNoticeDocument(input);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000, bytes: pdf.length };
}

const first = await timed(notice);
console.log(`first render (reads the font): ${fmt(first.wall)} wall, ${fmt(first.cpu)} CPU, ${first.bytes} bytes`);
for (let i = 0; i < WARMUP; i++) await timed(i % 2 ? receipt : notice);

const runs = { notice: [], receipt: [] };
for (let i = 0; i < DOCUMENTS; i++) {
  const kind = i % 2 ? 'receipt' : 'notice';
  runs[kind].push(await timed(kind === 'receipt' ? receipt : notice));
}
for (const [kind, results] of Object.entries(runs)) {
  const wall = results.map((r) => r.wall);
  const cpu = results.map((r) => r.cpu);
  console.log(
    `${kind} ×${results.length}: median ${fmt(percentile(wall, 50))}, p95 ${fmt(percentile(wall, 95))} wall; ` +
      `median ${fmt(percentile(cpu, 50))}, p95 ${fmt(percentile(cpu, 95))} CPU; ${results[0].bytes} bytes`,
  );
}

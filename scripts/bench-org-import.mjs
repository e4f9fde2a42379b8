#!/usr/bin/env node
/**
 * `npm run bench:org-import` (BENCH_DB=sqlite|mariadb, default sqlite): the organisation import at
 * the size of a real city (issue #18) — 10 counties, 150 townships, 2,000 villages, about 5,000
 * units and 20,000 accounts (scripts/lib/org-city.cjs; BENCH_PASSWORD_EVERY=n gives every n-th
 * account an initial password, default 20: each costs an argon2 hash, ~35 ms of CPU) — and what
 * the organisation's size does to the rest afterwards. Prints:
 *   - the import's time (dry run, first import, re-import unchanged, re-import with changes);
 *   - the organisation views (GET /api/org/regions, /api/org/units, the administrator's lists) median/p95;
 *   - routing: petitions registered in generated villages until their acceptance task exists, median/p95.
 * No figure is asserted: this is for the README's table.
 */
import { createRequire } from 'node:module';
import { benchDb, dbLabel, fmt, medianAndP95, percentile, run, signIn, startBenchStack, timeRepeated } from './lib/bench-kit.mjs';
import { startTaskWatcher } from './lib/pipeline-bench.mjs';

const require = createRequire(import.meta.url);
const { generateCity, changedCity, cityWorkbook, passwordOf } = require('./lib/org-city.cjs');

const db = benchDb('sqlite');
const passwordEvery = Number(process.env.BENCH_PASSWORD_EVERY ?? 20);
const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 40);

async function importWorkbook(apiUrl, token, bytes, query = '') {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'city.xlsx');
  const started = performance.now();
  const response = await fetch(`${apiUrl}/api/admin/org-import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const ms = performance.now() - started;
  const body = await response.json();
  if (response.status !== 200) throw new Error(`import${query}: ${response.status} ${JSON.stringify(body).slice(0, 2000)}`);
  return { ms, body };
}

const countsLine = (c) =>
  ['regions', 'units', 'users'].map((k) => `${k} +${c[k].created} ~${c[k].updated} =${c[k].unchanged}`).join(', ');

run(async () => {
  const city = generateCity({ passwordEvery });
  const changed = changedCity(city);
  const [workbook, changedWorkbook] = await Promise.all([cityWorkbook(city), cityWorkbook(changed)]);
  console.log(
    `Generated city: ${city.regions.length} regions, ${city.units.length} units, ${city.users.length} accounts ` +
      `(${city.users.filter((u) => u.initialPassword).length} with an initial password); workbook ${(workbook.length / 1024).toFixed(0)} KB`,
  );
  const stack = await startBenchStack('org-import', db);
  try {
    const admin = await signIn(stack.apiUrl, 'sysadmin');
    const dry = await importWorkbook(stack.apiUrl, admin, workbook, '?dryRun=true');
    const first = await importWorkbook(stack.apiUrl, admin, workbook);
    const again = await importWorkbook(stack.apiUrl, admin, workbook);
    const changes = await importWorkbook(stack.apiUrl, admin, changedWorkbook);

    // The organisation views, as a registrar of a generated county and as the administrator.
    const county = city.users.find((u) => u.unitCode === '980102-petition-office' && u.roles === '登记员');
    const registrar = await (async () => {
      const response = await fetch(`${stack.apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: county.username, password: passwordOf(county.username) }),
      });
      if (!response.ok) throw new Error(`sign-in ${county.username}: ${response.status}`);
      return (await response.json()).accessToken;
    })();
    const get = (path, token) => async () => {
      const response = await fetch(stack.apiUrl + path, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.json();
    };
    const views = [
      ['GET /api/org/regions (whole tree)', get('/api/org/regions', registrar)],
      ['GET /api/org/units (whole tree)', get('/api/org/units', registrar)],
      ['GET /api/admin/org/units?regionCode=<county>', get('/api/admin/org/units?regionCode=980102', admin)],
      ['GET /api/admin/org/regions?parentCode=<township>', get('/api/admin/org/regions?parentCode=980102001', admin)],
    ];
    const viewResults = [];
    for (const [label, once] of views) {
      const { times, last } = await timeRepeated(once, { warmup: 3, requests: 30 });
      viewResults.push([label, times, Array.isArray(last) ? last.length : '?']);
    }

    // Routing: petitions in generated villages of every county, registered by that county's registrar.
    const registrars = new Map();
    for (const u of city.users.filter((x) => x.roles === '登记员' && /^\d{6}-petition-office$/.test(x.unitCode) && x.unitCode !== '980100-petition-office')) {
      const response = await fetch(`${stack.apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u.username, password: passwordOf(u.username) }),
      });
      if (response.ok) registrars.set(u.unitCode.slice(0, 6), (await response.json()).accessToken);
    }
    const villages = city.regions.filter((r) => r.level === 'village');
    const watcher = startTaskWatcher(stack.engineUrl);
    const registration = [];
    for (let i = 0; i < PETITIONS; i++) {
      const village = villages[Math.floor((i * villages.length) / PETITIONS)];
      const token = registrars.get(village.code.slice(0, 6));
      const started = Date.now();
      const response = await fetch(`${stack.apiUrl}/api/petitions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'visit',
          category: i % 2 ? 'complaint' : 'suggestion',
          matterScope: i % 3 === 0 ? 'county' : 'village',
          subject: `组织导入基准信访事项 ${i}`,
          content: '村口道路塌陷三个月，村委会未处理。',
          regionCode: village.code,
          personCount: 1,
          petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
        }),
      });
      if (response.status !== 201) throw new Error(`register in ${village.code}: ${response.status} ${await response.text()}`);
      registration.push(Date.now() - started);
      watcher.track((await response.json()).number, started);
    }
    const { sent, seenAt } = await watcher.finish();
    const routed = [...sent].filter(([key]) => seenAt.has(key)).map(([key, at]) => seenAt.get(key) - at);

    console.log(`\nOrganisation import on ${dbLabel(db)} (${city.units.length} units, ${city.users.length} accounts):`);
    console.log(`  dry run (check only)          ${fmt(dry.ms).padStart(10)}   ${countsLine(dry.body.counts)}`);
    console.log(`  first import                  ${fmt(first.ms).padStart(10)}   ${countsLine(first.body.counts)}`);
    console.log(`  re-import, unchanged          ${fmt(again.ms).padStart(10)}   ${countsLine(again.body.counts)}`);
    console.log(`  re-import with changes        ${fmt(changes.ms).padStart(10)}   ${countsLine(changes.body.counts)}`);
    console.log(`\nOrganisation views afterwards (30 requests each):`);
    for (const [label, times, n] of viewResults) console.log(`  ${label.padEnd(48)} ${medianAndP95(times)}  (${n} rows)`);
    console.log(`\nRouting in generated villages (${PETITIONS} petitions, one at a time):`);
    console.log(`  registration (POST /api/petitions)               ${medianAndP95(registration)}`);
    console.log(
      `  registration → acceptance task at the competent unit: ${routed.length}/${PETITIONS} routed, ` +
        `median ${fmt(percentile(routed, 50))}, p95 ${fmt(percentile(routed, 95))}`,
    );
  } finally {
    await stack.stop();
  }
});

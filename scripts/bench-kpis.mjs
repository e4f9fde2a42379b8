#!/usr/bin/env node
/**
 * `npm run bench:kpis`: the assessment dashboard (目标管理考核) on a large system. Starts engine + API
 * (BENCH_DB=mariadb by default, or sqlite), adds a synthetic organisation to the demo city (8 more
 * counties and 15 more townships in 东湖区, 13 villages each: about 2,000 more units), loads the facts of
 * BENCH_PETITIONS (default 1,000,000) historic petitions spread over the last 36 months straight into
 * assessment_fact (received, routed, acceptance, reply, ratings, conclusion: about 6 per petition, made
 * by the database itself), sums them into the tallies as the migration does, then times
 * BENCH_REQUESTS requests of each dashboard query and prints the median and the 95th percentile.
 * Targets (issue #15): the city's year under 500 ms p95, a county's month under 200 ms p95.
 * Shared, noisy machine: compare medians, not single runs.
 */
import { openBenchDatabase } from './lib/bench-database.mjs';
import { benchDb, dbLabel, fetchJson, medianAndP95, run, signIn, startBenchStack, timeRepeated } from './lib/bench-kit.mjs';

const db = benchDb('mariadb');
const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = 5;
const MONTHS = 36;

const pad = (n, width) => String(n).padStart(width, '0');

/** Regions and units of the synthetic organisation: each county an office and 3 rooms, each township an office and a room, each village an agent station. */
function syntheticOrg() {
  const regions = [];
  const units = [];
  const township = (county, t) => {
    const code = `${county}${pad(t, 3)}`;
    regions.push([code, `基准乡镇${code}`, 'township', county]);
    units.push([`${code}-petition-office`, `基准乡镇信访办${code}`, 'petition-office', code], [`${code}-handling-room`, `基准乡镇办理室${code}`, 'handling-room', code]);
    for (let v = 1; v <= 13; v++) {
      const village = `${code}${pad(v, 3)}`;
      regions.push([village, `基准村${village}`, 'village', code]);
      units.push([`${village}-agent-station`, `基准代办点${village}`, 'agent-station', village]);
    }
  };
  for (let c = 0; c < 8; c++) {
    const county = `9901${60 + c}`;
    regions.push([county, `基准县${county}`, 'county', '990100']);
    units.push([`${county}-petition-office`, `基准县信访局${county}`, 'petition-office', county]);
    for (let r = 1; r <= 3; r++) units.push([`${county}-handling-room-${r}`, `基准县办理室${county}-${r}`, 'handling-room', county]);
    for (let t = 1; t <= 15; t++) township(county, t);
  }
  // 东湖区 gets 15 more townships, so that its supervisor's month covers a county of realistic size.
  for (let t = 101; t <= 115; t++) township('990102', t);
  return { regions, units };
}

/** The facts of PETITIONS petitions, made by the database: the n-th petition's k-th fact. */
function factsSql(dialect) {
  const maria = dialect === 'mariadb';
  const seq = maria
    ? `(SELECT seq AS n FROM seq_0_to_${PETITIONS - 1}) s CROSS JOIN (SELECT seq AS k FROM seq_0_to_7) m`
    : `(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ${PETITIONS - 1}) SELECT n FROM s) s
       CROSS JOIN (WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 7) SELECT k FROM m) m`;
  const cat = (...parts) => (maria ? `CONCAT(${parts.join(', ')})` : parts.join(' || '));
  const moment = maria
    ? `DATE_SUB(UTC_TIMESTAMP(3), INTERVAL (s.n % ${MONTHS}) MONTH)`
    : `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (s.n % ${MONTHS}) || ' months')`;
  const period = maria ? `DATE_FORMAT(${moment}, '%Y-%m')` : `strftime('%Y-%m', 'now', '-' || (s.n % ${MONTHS}) || ' months')`;
  // 0 received and 1 routed by the office; 2 timely acceptance and 3 accepted by the unit; 60 % replied (4),
  // 40 % rated (5 unit, 6 office), 30 % concluded (7).
  const metric = `CASE m.k WHEN 0 THEN 'received' WHEN 1 THEN 'routed' WHEN 2 THEN 'timely-acceptance' WHEN 3 THEN 'accepted'
    WHEN 4 THEN 'on-time-closure' WHEN 5 THEN 'rated' WHEN 6 THEN 'office-rated' ELSE 'concluded' END`;
  const met = `CASE m.k WHEN 1 THEN s.n % 20 <> 0 WHEN 2 THEN s.n % 10 <> 0 WHEN 4 THEN s.n % 7 <> 0 WHEN 5 THEN s.n % 3 <> 0 WHEN 6 THEN s.n % 4 <> 0 WHEN 7 THEN s.n % 5 <> 0 ELSE 1 = 1 END`;
  return `INSERT INTO assessment_fact (id, petitionId, unitCode, metric, met, dueAt, doneAt, period, recordedAt, sourceKey)
    SELECT ${cat("'bf-'", 's.n', "'-'", 'm.k')}, ${cat("'bench-'", 's.n')},
      CASE WHEN m.k IN (0, 1, 6) THEN u.officeCode ELSE u.code END, ${metric}, ${met}, NULL, ${moment}, ${period}, ${moment}, ${cat("'bench:'", 's.n', "':'", 'm.k')}
    FROM ${seq} JOIN bench_unit u ON u.idx = s.n % (SELECT COUNT(*) FROM bench_unit)
    WHERE m.k < 4 OR (m.k = 4 AND s.n % 10 < 6) OR (m.k IN (5, 6) AND s.n % 10 < 4) OR (m.k = 7 AND s.n % 10 < 3)`;
}

/** The tallies from the facts, as the migration that introduced them sums them (src/database/migrations/1765400000000-assessment-tally.ts). */
const TALLY_SQL = (() => {
  const sums = 'SUM(CASE WHEN f.met THEN 1 ELSE 0 END), COUNT(*)';
  const above = `WITH RECURSIVE above (unitCode, unitLevel, regionCode) AS (
      SELECT u.code, r.level, r.code FROM unit u JOIN region r ON r.code = u.regionCode
      UNION ALL
      SELECT a.unitCode, a.unitLevel, r.parentCode FROM above a JOIN region r ON r.code = a.regionCode WHERE r.parentCode IS NOT NULL)`;
  return [
    'DELETE FROM assessment_tally',
    `INSERT INTO assessment_tally (scope, period, metric, met, total) SELECT CONCAT('u:', f.unitCode), f.period, f.metric, ${sums} FROM assessment_fact f GROUP BY f.unitCode, f.period, f.metric`,
    ...[`CONCAT('r:', a.regionCode)`, `CONCAT('r:', a.regionCode, ':', a.unitLevel)`].map(
      (scope) =>
        `INSERT INTO assessment_tally (scope, period, metric, met, total) ${above} SELECT ${scope}, t.period, t.metric, SUM(t.met), SUM(t.total)
         FROM above a JOIN assessment_tally t ON t.scope = CONCAT('u:', a.unitCode) GROUP BY ${scope}, t.period, t.metric`,
    ),
  ];
})();

async function main() {
  const stack = await startBenchStack('kpis', db, { TASK_INDEX_RECONCILE_MINUTES: '0' });
  try {
    const database = await openBenchDatabase(stack.database);
    const loadStarted = Date.now();
    const org = syntheticOrg();
    await database.insert('region', ['code', 'name', 'level', 'parentCode'], org.regions);
    await database.insert('unit', ['code', 'name', 'kind', 'regionCode'], org.units);
    // Each petition's handling unit, and the office that took it in (its county's).
    await database.all('CREATE TABLE bench_unit (idx INT PRIMARY KEY, code VARCHAR(64), officeCode VARCHAR(64))');
    const units = await database.all("SELECT code, regionCode FROM unit WHERE kind IN ('handling-room', 'petition-office', 'agent-station') ORDER BY code");
    const offices = new Map((await database.all("SELECT code, regionCode FROM unit WHERE kind = 'petition-office'")).map((u) => [u.regionCode, u.code]));
    const officeOf = (regionCode) => offices.get(regionCode.slice(0, 6)) ?? offices.get('990100');
    await database.insert('bench_unit', ['idx', 'code', 'officeCode'], units.map((u, i) => [i, u.code, officeOf(u.regionCode)]));
    await database.all(factsSql(db));
    const [{ facts }] = await database.all('SELECT COUNT(*) AS facts FROM assessment_fact');
    const factsLoaded = Date.now();
    for (const sql of TALLY_SQL) await database.all(sql);
    await database.all(db === 'mariadb' ? 'ANALYZE TABLE assessment_fact, assessment_tally' : 'ANALYZE');
    const [{ tallies }] = await database.all('SELECT COUNT(*) AS tallies FROM assessment_tally');
    console.log(
      `Loaded ${facts} facts of ${PETITIONS} petitions across ${units.length} units in ${((factsLoaded - loadStarted) / 1000).toFixed(1)} s; ` +
        `${tallies} tallies summed in ${((Date.now() - factsLoaded) / 1000).toFixed(1)} s`,
    );
    await database.close();

    const login = (username) => signIn(stack.apiUrl, username);
    const now = new Date(Date.now() + 8 * 3_600_000);
    const month = now.toISOString().slice(0, 7);
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const yearAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString().slice(0, 7);
    const year = `from=${yearAgo}&to=${lastMonth}`;
    const cases = [
      ['city, year, by region', 'city.supervisor', `/api/kpis?${year}&by=region`],
      ['city, year, by tier', 'city.supervisor', `/api/kpis?${year}&by=tier`],
      ['city, year, trend', 'city.supervisor', `/api/kpis/trend?${year}`],
      ['county 东湖区, month, by unit', 'donghu.supervisor', `/api/kpis?from=${lastMonth}&to=${lastMonth}`],
      ['county 东湖区, month, by region', 'donghu.supervisor', `/api/kpis?from=${lastMonth}&to=${lastMonth}&by=region`],
      ['county 东湖区, month, late cases', 'donghu.supervisor', `/api/kpis/cases?from=${lastMonth}&to=${lastMonth}&regionCode=990102&missed=true`],
      ['unit head, year, own unit', 'donghu.room1.head', `/api/kpis?${year}`],
    ];
    const lines = [];
    // The organisation is cached for 30 s in the API: wait until the synthetic counties show.
    const cityToken = await login('city.supervisor');
    for (let tries = 0; ; tries++) {
      const body = await (await fetch(`${stack.apiUrl}/api/kpis?from=${month}&to=${month}&by=region`, { headers: { authorization: `Bearer ${cityToken}` } })).json();
      if (body.rows?.length > 5 || tries > 40) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (const [label, username, path] of cases) {
      const token = await login(username);
      const once = () => fetchJson(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }, label);
      const { times, last } = await timeRepeated(once, { warmup: WARMUP, requests: REQUESTS });
      const size = last.rows ? `${last.rows.length} rows` : last.months ? `${last.months.length} months` : `${last.total} cases`;
      lines.push(`  ${label.padEnd(34)} ${medianAndP95(times)}   (${size})`);
    }
    console.log(`
Benchmark: the assessment dashboard   (${dbLabel(db)})
  petitions ${PETITIONS} (${facts} facts, ${tallies} tallies), ${REQUESTS} requests each after ${WARMUP} warm-up, one at a time
  targets: city year p95 < 500 ms, county month p95 < 200 ms
${lines.join('\n')}`);
  } finally {
    await stack.stop();
  }
}

run(main);

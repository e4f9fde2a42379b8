#!/usr/bin/env node
/**
 * `node scripts/bench-search.mjs`: case search (卷宗检索, GET /api/petitions) and the case page
 * (GET /api/petitions/:id) on a large system. Starts engine + API (BENCH_DB=mariadb, the default here,
 * or sqlite), loads BENCH_PETITIONS (default 1,000,000) historic petitions straight into the petition
 * table — half 东湖区's, half 青山县's, over the last 3½ years, subjects and contents from a few dozen
 * phrases with a few rare words among them — and one petitioner each (name hashes of 50,000 made-up
 * names), registers a few petitions through the API, then times as 东湖区's supervisor the first page
 * of keyword searches (BENCH_KEYWORDS rounds over 32 keywords, common and rare, one or two words),
 * partial-number searches, as 东湖区's registrar name searches, and the case page. Prints median and
 * 95th percentile, and the slowest keywords. Shared, noisy machine: compare medians, not single runs.
 * BENCH_HOLD=1 keeps the stack and its databases up afterwards (until SIGINT), to look at query plans.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';
import { openBenchDatabase } from './lib/bench-database.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('./lib/stack.cjs');
/** The API's own tokenizer (built by ensureBuilt), so the loaded rows carry the tokens a registration would write. */
const loadTokenizer = () => require(join(ROOT, 'dist', 'common', 'search-tokens.js'));

const db = process.env.BENCH_DB === 'sqlite' ? 'sqlite' : 'mariadb';
const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_KEYWORDS ?? 2);
const CASE_PAGES = Number(process.env.BENCH_CASE_PAGES ?? 100);
const PAGE = 20;
const SPREAD_SECONDS = Math.max(1, Math.floor((3.5 * 365 * 86_400) / PETITIONS));
const DONGHU_VILLAGES = ['990102001001', '990102001002', '990102002001', '990102002002'];
const QINGSHAN_VILLAGES = ['990121100201', '990121100202', '990121200201', '990121200202'];

/** Subjects: common matters, one in 20 rows each. */
const SUBJECTS = [
  '小区外墙脱落无人维修', '拖欠农民工工资', '征地补偿款未发放', '物业费收取不合理', '道路破损影响出行',
  '噪声扰民夜间施工', '违章建筑占用通道', '低保资格认定有异议', '医疗费用报销困难', '学校招生划片不公',
  '供暖温度不达标', '自来水水质浑浊', '停车位被长期占用', '拆迁安置房质量问题', '养老金发放延迟',
  '商户油烟污染', '宅基地纠纷', '社保转移接续困难', '公交线路调整不便', '垃圾清运不及时',
];
/** Contents: a sentence each, one in 50 rows each (apart from the subject's cycle). */
const PHRASES = [
  '多次向社区反映未果', '物业公司拒不处理', '相关部门互相推诿', '已持续半年以上', '影响周边数百户居民',
  '请求尽快督促整改', '曾拨打热线电话', '涉及老旧小区改造', '施工单位未按合同履约', '群众意见很大',
  '要求依法公开信息', '已提交书面材料', '希望领导重视', '存在安全隐患', '邻里矛盾激化',
  '请求给予合理补偿', '村委会未予答复', '街道办已受理但无进展', '费用明细不公开', '老人出行困难',
  '雨季积水严重', '电梯频繁故障', '消防通道被堵', '树木遮挡采光', '排水管道堵塞',
  '承诺期限已过', '合同约定不清', '工资拖欠三个月', '补偿标准偏低', '丈量面积有误',
  '学位不足', '药品价格偏高', '医保目录外费用多', '出租车拒载', '快递网点扰民',
  '夜市占道经营', '广场舞噪声', '高空抛物', '宠物扰民', '绿化带被毁',
  '路灯长期不亮', '井盖缺失', '农田灌溉用水不足', '土地流转费用未付', '合作社分红不公',
  '危房改造补助未到位', '残疾人补贴发放不及时', '退役军人待遇落实', '公租房分配不透明', '物业维修基金使用不明',
];
/** Rare words, each in one row of about 10,000 (by a different cycle from subjects and phrases). */
const RARE = ['铁皮棚倒塌', '化粪池外溢', '鱼塘承包纠纷', '砂石厂粉尘', '祠堂修缮款'];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const quote = (s) => `'${s.replace(/'/g, "''")}'`;

/** The INSERT … SELECT that makes the petitions, in the database's own dialect. */
function petitionsSql(dialect) {
  const maria = dialect === 'mariadb';
  const n = 'n';
  const pad = (width) => (maria ? `LPAD(${n}, ${width}, '0')` : `printf('%0${width}d', ${n})`);
  const cat = (...parts) => (maria ? `CONCAT(${parts.join(', ')})` : parts.join(' || '));
  const div = (d) => (maria ? `(${n} DIV ${d})` : `(${n} / ${d})`);
  const ago = (extraSeconds) =>
    maria
      ? `DATE_SUB(UTC_TIMESTAMP(3), INTERVAL (${n} * ${SPREAD_SECONDS} + ${extraSeconds}) SECOND)`
      : `strftime('%Y-%m-%d %H:%M:%f', 'now', (-(${n} * ${SPREAD_SECONDS} + ${extraSeconds})) || ' seconds')`;
  const pick = (list, expr) => `CASE ${expr} ${list.map((v, i) => `WHEN ${i} THEN ${quote(v)}`).join(' ')} END`;
  // Even n: 东湖区 (its villages by n/2 % 4); odd n: 青山县.
  const village = `CASE WHEN ${n} % 2 = 0 THEN ${pick(DONGHU_VILLAGES, `${div(2)} % 4`)} ELSE ${pick(QINGSHAN_VILLAGES, `${div(2)} % 4`)} END`;
  const office = `CASE WHEN ${n} % 2 = 0 THEN '990102-petition-office' ELSE '990121-petition-office' END`;
  const unit = `CASE WHEN ${n} % 2 = 0 THEN CASE WHEN ${div(2)} % 2 = 0 THEN '990102-handling-room-1' ELSE '990102-handling-room-2' END ELSE '990121-handling-room-1' END`;
  const rare = `CASE WHEN ${n} % 9973 = 17 THEN ${cat("'，另有'", pick(RARE, `${div(9973)} % ${RARE.length}`))} ELSE '' END`;
  const { searchTokens } = loadTokenizer();
  // The tokens carry the county and, for accusations, who may read the text (common/search-tokens.ts).
  const county = `CASE WHEN ${n} % 2 = 0 THEN '990102' ELSE '990121' END`;
  const textTokens = (text, regionCode, category) => searchTokens({ number: '', subject: text, content: '', regionCode, category });
  const pickTokens = (list, expr) => {
    const variant = (regionCode, category) => `CASE ${expr} ${list.map((v, i) => `WHEN ${i} THEN ${quote(textTokens(v, regionCode, category))}`).join(' ')} END`;
    const inCounty = (regionCode) => `CASE WHEN ${n} % 10 = 0 THEN ${variant(regionCode, 'accusation')} ELSE ${variant(regionCode, 'complaint')} END`;
    return `(CASE WHEN ${n} % 2 = 0 THEN ${inCounty('990102')} ELSE ${inCounty('990121')} END)`;
  };
  const number = cat("'XF-BENCH-'", pad(7));
  // The number's trigrams, as the tokenizer writes them: the county, then hex of each three-character slice.
  const numberTokens = Array.from({ length: 14 }, (_, i) =>
    maria ? `CONCAT('n', ${county}, LOWER(HEX(SUBSTRING(${number}, ${i + 1}, 3))))` : `('n' || ${county} || lower(hex(substr(${number}, ${i + 1}, 3))))`,
  );
  const tokens = cat(
    ...numberTokens.flatMap((t) => [t, "' '"]),
    pickTokens(SUBJECTS, `${n} % ${SUBJECTS.length}`), "' '",
    pickTokens(PHRASES, `${div(SUBJECTS.length)} % ${PHRASES.length}`), "' '",
    pickTokens(PHRASES, `${div(7)} % ${PHRASES.length}`),
    `CASE WHEN ${n} % 9973 = 17 THEN ${cat("' '", pickTokens(RARE, `${div(9973)} % ${RARE.length}`))} ELSE '' END`,
  );
  const seq = maria
    ? `(SELECT CAST(seq AS SIGNED) AS n FROM seq_0_to_${PETITIONS - 1}) s`
    : `(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ${PETITIONS - 1}) SELECT n FROM s) s`;
  return `INSERT INTO petition (id, number, queryCodeHash, channel, category, matterScope, subject, content, regionCode, receivingUnitCode, registeredBy,
      competentUnitCode, status, receivedAt, registeredAt, entryLevel, collective, levelSkip, searchTokens)
    SELECT ${cat("'b0000000-0000-4000-8000-'", pad(12))}, ${cat("'XF-BENCH-'", pad(7))}, 'bench',
      CASE WHEN ${n} % 3 = 0 THEN 'letter' ELSE 'visit' END,
      CASE WHEN ${n} % 10 = 0 THEN 'accusation' WHEN ${n} % 3 = 0 THEN 'suggestion' ELSE 'complaint' END, 'county',
      ${pick(SUBJECTS, `${n} % ${SUBJECTS.length}`)},
      ${cat(pick(PHRASES, `${div(SUBJECTS.length)} % ${PHRASES.length}`), "'，'", pick(PHRASES, `${div(7)} % ${PHRASES.length}`), rare, "'。'")},
      ${village}, ${office}, 'bench', ${unit},
      CASE WHEN ${n} % 10 < 6 THEN 'replied' WHEN ${n} % 10 < 9 THEN 'handling' ELSE 'declined' END,
      ${ago(0)}, ${ago(0)}, 'county', ${n} % 50 = 0, ${n} % 97 = 0, ${tokens}
    FROM ${seq}`;
}

/** One petitioner each: hashes of 50,000 made-up names (SQL cannot compute the keyed hash, nor needs to). */
function petitionersSql(dialect, sealedIdNumber) {
  const maria = dialect === 'mariadb';
  const hash = (expr) => (maria ? `SHA2(${expr}, 256)` : `printf('%064d', ${expr})`);
  const suffix = maria ? 'SUBSTRING(id, 25)' : 'substr(id, 25)';
  return `INSERT INTO petitioner (id, petitionId, position, name, nameHash, idNumberCipher, idNumberHash)
    SELECT ${maria ? "CONCAT('c', SUBSTRING(id, 2))" : "'c' || substr(id, 2)"}, id, 0, '某某',
      ${hash(maria ? `CONCAT('name', CAST(${suffix} AS UNSIGNED) % 50000)` : `CAST(${suffix} AS INTEGER) % 50000`)}, ${quote(sealedIdNumber)},
      ${hash(maria ? `CONCAT('id', ${suffix})` : `CAST(${suffix} AS INTEGER)`)}
    FROM petition WHERE registeredBy = 'bench'`;
}

async function main() {
  ensureBuilt({ ui: false });
  console.log(`\nStarting engine + API on ${db === 'sqlite' ? 'the embedded default (H2 + SQLite)' : 'MariaDB'}…`);
  const stack = await startStack({
    db,
    outDir: join(ROOT, 'test-output', `bench-search-${db}`),
    apiEnv: { RATE_LIMIT_PUBLIC: '1000000', TASK_INDEX_RECONCILE_MINUTES: '0' },
  });
  try {
    const database = await openBenchDatabase(stack.database);
    const execute = async (sql) => {
      if (stack.database.type !== 'sqlite') return database.all(sql);
      const Sqlite = require('better-sqlite3');
      const connection = new Sqlite(stack.database.path);
      connection.pragma('busy_timeout = 10000');
      try {
        connection.exec(sql);
      } finally {
        connection.close();
      }
    };
    const loadStarted = Date.now();
    await execute(petitionsSql(db));

    const tokens = new Map();
    const login = async (username) => {
      if (!tokens.has(username)) {
        const response = await fetch(`${stack.apiUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, password: 'Demo@2026' }),
        });
        if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
        tokens.set(username, (await response.json()).accessToken);
      }
      return tokens.get(username);
    };
    const get = async (who, path) => {
      const token = await login(who);
      const started = performance.now();
      const response = await fetch(`${stack.apiUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.json();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };

    // A few petitions registered the ordinary way: named petitioners, found by their name hash.
    const names = ['欧阳明远', '司马晓燕', '诸葛文华', '上官丽娜', '慕容建国'];
    for (const name of names) {
      const response = await fetch(`${stack.apiUrl}/api/petitions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await login('donghu.registrar')}` },
        body: JSON.stringify({
          channel: 'visit', category: 'complaint', matterScope: 'county', subject: `基准检索登记（${name}）`,
          content: '柳岸小区3号楼外墙瓷砖多次脱落。', regionCode: '990102001002', personCount: 1,
          petitioners: [{ name, idNumber: '11010519491231002X', phone: '13800138000' }],
        }),
      });
      if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
    }
    // The loaded petitioners carry a real sealed ID number (one the API wrote), so the case page can open it.
    const [{ sealed }] = await database.all("SELECT idNumberCipher AS sealed FROM petitioner WHERE nameHash IS NOT NULL AND idNumberCipher <> 'bench' LIMIT 1");
    await execute(petitionersSql(db, sealed));
    await execute(db === 'mariadb' ? 'ANALYZE TABLE petition, petitioner' : 'ANALYZE');
    if (db === 'sqlite') await execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const [{ count }] = await database.all("SELECT COUNT(*) AS count FROM petition WHERE registeredBy = 'bench'");
    console.log(`Loaded ${count} petitions with a petitioner each in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    await database.close();

    const run = async (who, paths) => {
      for (const path of paths.slice(0, 5)) await get(who, path); // warm-up
      const times = [];
      const totals = [];
      const byPath = new Map();
      for (const path of paths) {
        const { ms, body } = await get(who, path);
        times.push(ms);
        byPath.set(path, [...(byPath.get(path) ?? []), ms]);
        if (body.total !== undefined) totals.push(body.total);
      }
      return { times, totals, byPath };
    };
    const keywords = [
      ...SUBJECTS.slice(0, 10).map((s) => s.slice(0, 4)), // common: one row in 20
      ...PHRASES.slice(0, 8).map((p) => p.slice(-4)), // one in 50
      ...RARE, // one in ~50,000
      '铁皮棚', '外墙 维修', '拖欠 工资', '补偿 偏低', '不存在的词语', '化粪池 外溢', '井盖', '电梯',
      '基准检索登记',
    ];
    const byKeyword = keywords.flatMap((k) => Array.from({ length: ROUNDS }, () => `/api/petitions?${new URLSearchParams({ q: k, maxResults: String(PAGE) })}`));
    const numbers = Array.from({ length: 30 }, (_, i) => String((i * 33_331 + 7) % PETITIONS).padStart(7, '0'));
    const byNumber = numbers.map((digits, i) => `/api/petitions?${new URLSearchParams({ q: i % 2 ? digits : `BENCH-${digits.slice(0, 5)}`, maxResults: String(PAGE) })}`);
    const byName = Array.from({ length: 30 }, (_, i) => `/api/petitions?${new URLSearchParams({ name: names[i % names.length], maxResults: String(PAGE) })}`);
    const ids = Array.from({ length: CASE_PAGES }, (_, i) => `b0000000-0000-4000-8000-${String((i * 9_973 * 2) % PETITIONS).padStart(12, '0')}`);

    const keyword = await run('donghu.supervisor', byKeyword);
    const number = await run('donghu.supervisor', byNumber);
    const name = await run('donghu.registrar', byName);
    const casePage = await run('donghu.supervisor', ids.map((id) => `/api/petitions/${id}`));
    const line = (label, { times, totals }) =>
      `  ${label.padEnd(44)} median ${fmt(percentile(times, 50)).padStart(9)}, p95 ${fmt(percentile(times, 95)).padStart(9)}   (${times.length} requests${totals.length ? `, totals ${Math.min(...totals)}–${Math.max(...totals)}` : ''})`;
    console.log(`
Benchmark: case search, first page of ${PAGE}, as 东湖区's supervisor (half the petitions in reach)   (${db === 'sqlite' ? 'SQLite' : 'MariaDB'})
  petitions                                    ${PETITIONS}, one request at a time
${line(`keyword (${keywords.length} keywords × ${ROUNDS})`, keyword)}
${line('partial number (30)', number)}
${line('petitioner name, as 东湖区 registrar (30)', name)}
${line('case page GET /api/petitions/:id', casePage)}
  slowest keywords (median): ${[...keyword.byPath]
      .map(([path, times]) => [new URLSearchParams(path.split('?')[1]).get('q'), percentile(times, 50)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([q, ms]) => `${q} ${fmt(ms)}`)
      .join(', ')}`);
    if (process.env.BENCH_HOLD) {
      // For looking at the query plans by hand: the stack and its databases stay until this is stopped.
      console.log(`\nHolding the stack (BENCH_HOLD): database ${stack.database.name ?? JSON.stringify(stack.database)}; stop with Ctrl-C`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

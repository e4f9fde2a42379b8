/**
 * Where the time goes, collected by `BENCH_PROFILE=<dir> npm run bench:ceiling` around each phase's
 * load and summarised in <dir>/summary.md:
 *  - a JDK Flight Recorder recording of the engine (jcmd JFR.start/stop, settings=profile), its hot
 *    methods and the packages on top of the sampled stacks;
 *  - the engine's and the API's SQL per petition and the slowest statement shapes (MariaDB only, through
 *    sql-tap.cjs: one more loopback hop, so figures from a profiled run are not the benchmark's);
 *  - the API's CPU profile and event-loop delay during the product load (perf-probe.cjs);
 *  - the worker runtime's timings per topic (WORKER_TIMINGS_FILE);
 *  - CPU used by the engine and the API per phase (/proc).
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMs } from './proc-stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const JFR_25 = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr';
function startTap(dir) {
  const base = new URL(process.env.TEST_MARIADB_URL || 'mysql://root@127.0.0.1:3306');
  const child = fork(join(here, 'sql-tap.cjs'), [], {
    env: { ...process.env, SQL_TAP_TARGET_HOST: base.hostname, SQL_TAP_TARGET_PORT: base.port || '3306' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (message, key) =>
    new Promise((resolve) => {
      const listener = (answer) => {
        if (!(key in answer)) return;
        child.off('message', listener);
        resolve(answer);
      };
      child.on('message', listener);
      if (message) child.send(message);
    });
  return ask(null, 'port').then(({ port }) => {
    base.host = `127.0.0.1:${port}`;
    writeFileSync(join(dir, 'sql-tap.txt'), `MariaDB reached through the SQL tap on port ${port}\n`);
    return { url: base.toString().replace(/\/$/, ''), reset: () => ask('reset', 'reset'), snapshot: () => ask('snapshot', 'statements'), stop: () => child.kill() };
  });
}

export async function prepareEvidence(dir, db) {
  mkdirSync(dir, { recursive: true });
  const tap = db === 'mariadb' ? await startTap(dir) : null;
  // createMariaDbDatabases() reads it when the stack starts: the engine and the API both go through the tap.
  if (tap) process.env.TEST_MARIADB_URL = tap.url;
  const timingsFile = join(dir, 'worker-timings.jsonl');
  writeFileSync(timingsFile, '');
  return {
    apiEnv: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(here, 'perf-probe.cjs')}`.trim(),
      PERF_PROBE_DIR: dir,
      WORKER_TIMINGS_FILE: timingsFile,
    },
    /** Runs `load` with the recorders on; `petitions` counts what the load creates, warm-up included. */
    async around(label, { enginePid, apiChild, petitions }, load) {
      const jfrFile = join(dir, `engine-${label}.jfr`);
      execFileSync('jcmd', [String(enginePid), 'JFR.start', `name=${label}`, 'settings=profile', `filename=${jfrFile}`], { stdio: 'ignore' });
      apiChild?.kill('SIGUSR2');
      await tap?.reset();
      const before = { engine: cpuMs(enginePid), api: apiChild ? cpuMs(apiChild.pid) : NaN, at: Date.now() };
      const result = await load();
      const seconds = (Date.now() - before.at) / 1000;
      const cpu = {
        enginePercent: Math.round(((cpuMs(enginePid) - before.engine) / 1000 / seconds) * 100),
        apiPercent: apiChild ? Math.round(((cpuMs(apiChild.pid) - before.api) / 1000 / seconds) * 100) : null,
        seconds,
      };
      execFileSync('jcmd', [String(enginePid), 'JFR.stop', `name=${label}`], { stdio: 'ignore' });
      const sql = tap ? await tap.snapshot() : null;
      if (apiChild) {
        apiChild.kill('SIGUSR2');
        for (let i = 0; i < 100 && !existsSync(join(dir, 'api-event-loop.json')); i++) await new Promise((r) => setTimeout(r, 100));
      }
      writeFileSync(join(dir, `phase-${label}.json`), JSON.stringify({ label, petitions, cpu, sql }, null, 1));
      return result;
    },
    summarize() {
      writeFileSync(join(dir, 'summary.md'), summarize(dir));
      console.log(`Evidence in ${dir} (summary.md)`);
    },
    /** After the stack has dropped its databases (through the tap). */
    stop() {
      tap?.stop();
    },
  };
}

const top = (entries, n) => [...entries].sort((a, b) => b[1] - a[1]).slice(0, n);
const pct = (part, whole) => `${((part / whole) * 100).toFixed(1)} %`;

function jfrSection(file) {
  const lines = [];
  if (existsSync(JFR_25)) {
    for (const view of ['hot-methods', 'cpu-time-hot-methods']) {
      try {
        lines.push('```', execFileSync(JFR_25, ['view', '--width', '160', view, file], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').slice(0, 30).join('\n'), '```');
        break;
      } catch {
        // not in this recording
      }
    }
  }
  // Which layer the sampled threads were in: the first frame of a known package from the top.
  const text = execFileSync('jfr', ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const layers = [
    ['org.mariadb', 'JDBC driver (MariaDB)'], ['org.h2', 'H2 database'], ['com.zaxxer', 'connection pool'],
    ['org.apache.ibatis', 'MyBatis (mapping SQL results)'], ['org.camunda.bpm.engine.impl.persistence', 'engine persistence'],
    ['org.camunda.bpm.engine.impl.history', 'engine history'], ['org.camunda.bpm.engine.impl.db', 'engine DB session (flush)'],
    ['org.camunda.bpm.dmn', 'DMN'], ['org.camunda.bpm.engine.impl.el', 'expressions (JUEL)'],
    ['org.camunda.bpm.engine.rest', 'REST resources'], ['com.fasterxml', 'JSON (Jackson)'],
    ['org.camunda.bpm.engine', 'engine other'], ['org.glassfish.jersey', 'Jersey'], ['org.apache.catalina', 'Tomcat'],
    ['org.apache.coyote', 'Tomcat'], ['org.apache.tomcat', 'Tomcat'], ['org.springframework', 'Spring'], ['java.', 'JDK'], ['jdk.', 'JDK'], ['sun.', 'JDK'],
  ];
  const byLayer = new Map();
  const byThread = new Map();
  let samples = 0;
  for (const event of text.split('jdk.ExecutionSample {').slice(1)) {
    samples++;
    const thread = (event.match(/sampledThread = "([^"]+)"/)?.[1] ?? '?').replace(/-\d+$/, '-N');
    byThread.set(thread, (byThread.get(thread) ?? 0) + 1);
    const frames = [...event.matchAll(/^\s+([\w.$]+)\.[\w$<>]+\(/gm)].map((m) => m[1]);
    const layer = frames.map((f) => layers.find(([prefix]) => f.startsWith(prefix))?.[1]).find((name) => name && name !== 'JDK') ?? 'JDK';
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + 1);
  }
  lines.push('', `Execution samples: ${samples}. Innermost non-JDK layer on the stack:`, '');
  for (const [name, count] of top(byLayer, 14)) lines.push(`- ${name}: ${count} (${pct(count, samples)})`);
  lines.push('', 'Threads sampled:', '');
  for (const [name, count] of top(byThread, 8)) lines.push(`- ${name}: ${count} (${pct(count, samples)})`);
  lines.push('', 'Waits recorded (events over the profile thresholds, summed durations):', '');
  for (const [name, ms] of top(waits(file), 10)) lines.push(`- ${name}: ${(ms / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

/** Blocked time by what the thread waited for; idle pool threads are left out. */
function waits(file) {
  const text = execFileSync('jfr', ['print', '--events', 'jdk.ThreadPark,jdk.SocketRead,jdk.JavaMonitorEnter', '--stack-depth', '30', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const kinds = [
    [/HikariPool\.getConnection/, 'waiting for a pooled DB connection (Hikari)'],
    [/org\.mariadb|org\.h2/, 'waiting for the database to answer'],
    [/FetchAndLockHandlerImpl/, 'fetch-and-lock handler waiting (long polls)'],
    [/JavaMonitorEnter/, 'monitor contention'],
    [/coyote|NioEndpoint|NioChannel/, 'HTTP socket reads'],
  ];
  const totals = new Map();
  for (const event of text.split(/\n(?=jdk\.)/)) {
    const duration = event.match(/duration = ([\d.]+) (ms|s|us)/);
    if (!duration) continue;
    const ms = Number(duration[1]) * (duration[2] === 's' ? 1000 : duration[2] === 'us' ? 0.001 : 1);
    const kind = kinds.find(([pattern]) => pattern.test(event))?.[1];
    if (kind) totals.set(kind, (totals.get(kind) ?? 0) + ms);
  }
  return totals;
}

function sqlSection(phase) {
  if (!phase.sql) return 'No SQL counts (SQLite/H2 run; use BENCH_DB=mariadb).';
  const lines = [];
  for (const tag of ['engine', 'app']) {
    const statements = phase.sql.statements.filter((s) => s.tag === tag);
    const total = statements.reduce((sum, s) => sum + s.count, 0);
    const ms = statements.reduce((sum, s) => sum + s.totalMs, 0);
    const verbs = new Map();
    for (const s of statements) {
      const verb = s.sql.split(' ')[0].toUpperCase();
      verbs.set(verb, (verbs.get(verb) ?? 0) + s.count);
    }
    lines.push(
      `**${tag}**: ${total} statements, ${(total / phase.petitions).toFixed(1)} per petition ` +
        `(${top(verbs, 8).map(([v, c]) => `${v} ${(c / phase.petitions).toFixed(1)}`).join(', ')}); ` +
        `${(ms / 1000).toFixed(1)} s until first answer byte in all`,
      '',
      '| per petition | count | total ms | mean ms | max ms | statement |',
      '|---:|---:|---:|---:|---:|---|',
    );
    for (const s of [...statements].sort((a, b) => b.totalMs - a.totalMs).slice(0, 15)) {
      lines.push(`| ${(s.count / phase.petitions).toFixed(2)} | ${s.count} | ${s.totalMs.toFixed(0)} | ${(s.totalMs / s.count).toFixed(2)} | ${s.maxMs.toFixed(0)} | \`${s.sql.slice(0, 150).replace(/\|/g, '\\|')}\` |`);
    }
    lines.push('');
  }
  lines.push('Commands: ' + phase.sql.commands.map((c) => `${c.tag} ${c.command} ${c.count}`).join(', '));
  return lines.join('\n');
}

function cpuProfileSection(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const self = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const [id, us] of dt) {
    const { callFrame } = byId.get(id);
    total += us;
    const where = callFrame.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, 'node_modules/').replace(/.*\/dist\//, 'dist/');
    const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + us);
    const special = ['(idle)', '(garbage collector)', '(program)'].includes(callFrame.functionName);
    const pkg = where.startsWith('node_modules/')
      ? where.split('/').slice(0, where.split('/')[1].startsWith('@') ? 3 : 2).join('/')
      : where.startsWith('dist/') ? 'dist (product code)' : callFrame.url ? 'node internals (JS)' : special ? callFrame.functionName : 'native (I/O, V8 builtins)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const lines = ['Self time by package:', ''];
  for (const [name, us] of top(byPackage, 12)) lines.push(`- ${name}: ${(us / 1000).toFixed(0)} ms (${pct(us, total)})`);
  lines.push('', 'Top functions by self time:', '');
  for (const [name, us] of top(self, 20)) lines.push(`- ${(us / 1000).toFixed(0)} ms (${pct(us, total)}) ${name}`);
  return lines.join('\n');
}

function workerSection(file) {
  const rows = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (rows.length === 0) return 'No worker timings.';
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];
  const created = (r) => (r.created ? Date.parse(String(r.created).replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN);
  const lines = ['| topic | tasks | wait (created → fetched) median / p95 | handler median / p95 | complete median / p95 | after complete, in the slot (the task index is queued since 2026-11-30) median |', '|---|---:|---|---|---|---|'];
  const topics = [...new Set(rows.map((r) => r.topic))];
  const ms = (v) => `${Math.round(v)} ms`;
  for (const topic of topics) {
    const of = rows.filter((r) => r.topic === topic);
    const wait = of.map((r) => r.fetchedAt - created(r)).filter((v) => !Number.isNaN(v));
    const handler = of.map((r) => r.handledAt - r.fetchedAt);
    const complete = of.map((r) => r.completedAt - r.handledAt);
    const notify = of.map((r) => r.notifiedAt - r.completedAt);
    lines.push(`| ${topic} | ${of.length} | ${wait.length ? `${ms(median(wait))} / ${ms(p95(wait))}` : 'n/a'} | ${ms(median(handler))} / ${ms(p95(handler))} | ${ms(median(complete))} / ${ms(p95(complete))} | ${ms(median(notify))} |`);
  }
  lines.push('', '(created: the engine timestamp, whole seconds on MariaDB)');
  return lines.join('\n');
}

export function summarize(dir) {
  const out = [`# Evidence from ${dir}`, ''];
  for (const label of ['ceiling', 'product']) {
    const file = join(dir, `phase-${label}.json`);
    if (!existsSync(file)) continue;
    const phase = JSON.parse(readFileSync(file, 'utf8'));
    out.push(`## ${label}`, '', `${phase.petitions} petitions in ${phase.cpu.seconds.toFixed(0)} s; engine CPU ${phase.cpu.enginePercent} %, API CPU ${phase.cpu.apiPercent ?? 'n/a'} % (of 200 %)`, '');
    const jfr = join(dir, `engine-${label}.jfr`);
    if (existsSync(jfr)) out.push('### Engine (JFR)', '', safe(() => jfrSection(jfr)), '');
    out.push('### SQL', '', sqlSection(phase), '');
  }
  if (existsSync(join(dir, 'api.cpuprofile'))) out.push('## API CPU profile (product load)', '', safe(() => cpuProfileSection(join(dir, 'api.cpuprofile'))), '');
  if (existsSync(join(dir, 'api-event-loop.json'))) out.push('## API event loop (product load)', '', '```json', readFileSync(join(dir, 'api-event-loop.json'), 'utf8'), '```', '');
  if (existsSync(join(dir, 'worker-timings.jsonl'))) out.push('## Worker runtime per topic (product load)', '', safe(() => workerSection(join(dir, 'worker-timings.jsonl'))), '');
  return out.join('\n');
}

function safe(section) {
  try {
    return section();
  } catch (error) {
    return `(could not summarise: ${error.message})`;
  }
}

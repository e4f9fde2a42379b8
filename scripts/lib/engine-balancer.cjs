'use strict';
/**
 * nginx in front of several engine nodes, configured from deploy/engine-lb.conf (the production load
 * balancer's own file, its upstreams pointed at local ports): for the topology rehearsal and for
 * `BENCH_ENGINES=2` benchmarks. Debian's nginx package; runs in the foreground as a child process.
 */
const { spawn } = require('node:child_process');
const { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { ROOT, freePort, waitForHttp, ENGINE_USER, ENGINE_PASSWORD } = require('./stack.cjs');

async function startEngineBalancer({ enginePorts, workDir, logDir, onSpawn }) {
  const port = await freePort();
  const shipped = readFileSync(path.join(ROOT, 'deploy', 'engine-lb.conf'), 'utf8');
  let node = 0;
  const site = shipped
    .replace(/server\s+engine-\d+:\d+;/g, () => `server 127.0.0.1:${enginePorts[node++]};`)
    .replace(/listen\s+\d+;/, `listen 127.0.0.1:${port};`);
  if (node !== enginePorts.length) throw new Error(`deploy/engine-lb.conf names ${node} engine nodes, ${enginePorts.length} are running`);
  const dir = path.join(workDir, 'nginx');
  mkdirSync(dir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  writeFileSync(path.join(dir, 'engine-lb.conf'), site);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      // As root, nginx would run its workers as www-data, which may not write to this run's temporary
      // directories (request bodies of deployments are buffered there): run them as this user.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(logDir, 'nginx-error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${path.join(logDir, 'nginx-access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`),
      `  include ${path.join(dir, 'engine-lb.conf')};`,
      '}',
    ].join('\n'),
  );
  const log = openSync(path.join(logDir, 'nginx.log'), 'w');
  const child = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', log, log] });
  closeSync(log);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.logFile = path.join(logDir, 'nginx.log');
  onSpawn?.(child);
  const url = `http://127.0.0.1:${port}/engine-rest`;
  const auth = 'Basic ' + Buffer.from(`${ENGINE_USER}:${ENGINE_PASSWORD}`).toString('base64');
  await waitForHttp(`${url}/engine`, { headers: { Authorization: auth }, child, name: 'nginx', timeoutMs: 30_000 });
  return { url, port, child };
}

module.exports = { startEngineBalancer };

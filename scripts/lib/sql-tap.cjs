'use strict';
/**
 * A loopback proxy in front of MariaDB that counts the SQL going through it, per database (the
 * engine's and the API's are told apart by the database name the client logs in with) and per
 * statement shape (literals replaced by ?), with the time to the server's first answer byte.
 * MariaDB's performance_schema does the same but is off on this server and needs a restart.
 *
 * Run as a child (fork) by scripts/lib/perf-evidence.mjs: it sends { port } once listening and
 * answers 'reset' and 'snapshot' messages. Plain text protocol only (COM_QUERY), which is what
 * MariaDB Connector/J and mysql2's query() send by default; TLS connections pass uncounted.
 */
const net = require('node:net');

const target = { host: process.env.SQL_TAP_TARGET_HOST || '127.0.0.1', port: Number(process.env.SQL_TAP_TARGET_PORT || 3306) };
const COMMANDS = { 0x01: 'QUIT', 0x02: 'INIT_DB', 0x03: 'QUERY', 0x0e: 'PING', 0x11: 'CHANGE_USER', 0x16: 'STMT_PREPARE', 0x17: 'STMT_EXECUTE', 0x19: 'STMT_CLOSE', 0x1f: 'RESET_CONNECTION', 0xfa: 'STMT_BULK_EXECUTE' };

let stats = new Map();
let commands = new Map();

function shape(sql) {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\?(\s*,\s*\?)*\s*\)/g, '(?+)')
    .replace(/(\(\?\+\)\s*,\s*)+\(\?\+\)/g, '(?+)…')
    .trim()
    .slice(0, 220);
}

function record(tag, sql, ms) {
  const key = `${tag}\u0000${shape(sql)}`;
  const entry = stats.get(key) ?? { tag, sql: shape(sql), count: 0, totalMs: 0, maxMs: 0 };
  entry.count++;
  entry.totalMs += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
  stats.set(key, entry);
}

function tagOf(payload) {
  const text = payload.toString('latin1');
  if (/engine_/.test(text)) return 'engine';
  if (/petition_/.test(text)) return 'app';
  return 'other';
}

function tap(client) {
  const upstream = net.connect(target);
  let buffered = Buffer.alloc(0);
  let tag = null;
  let tls = false;
  const pending = [];
  client.on('data', (chunk) => {
    upstream.write(chunk);
    if (tls) return;
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered[0] | (buffered[1] << 8) | (buffered[2] << 16);
      if (buffered.length < 4 + length) break;
      const seq = buffered[3];
      const payload = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      if (tag === null) {
        // SSL request: a 32-byte handshake response with CLIENT_SSL (0x800) and nothing after it.
        if (length === 32 && payload.readUInt32LE(0) & 0x800) tls = true;
        tag = tagOf(payload);
        continue;
      }
      if (seq !== 0 || length === 0) continue;
      const name = COMMANDS[payload[0]] ?? `0x${payload[0].toString(16)}`;
      commands.set(`${tag}\u0000${name}`, (commands.get(`${tag}\u0000${name}`) ?? 0) + 1);
      if (payload[0] === 0x17 || payload[0] === 0xfa) pending.push({ sql: `[execute prepared]`, at: process.hrtime.bigint() });
      if (payload[0] === 0x03) pending.push({ sql: payload.subarray(1).toString('utf8'), at: process.hrtime.bigint() });
      // Connector/J prepares batched statements on the server and sends them with COM_STMT_BULK_EXECUTE (0xfa).
      if (payload[0] === 0x16) pending.push({ sql: `[prepare] ${payload.subarray(1).toString('utf8')}`, at: process.hrtime.bigint() });
    }
  });
  upstream.on('data', (chunk) => {
    client.write(chunk);
    // Without pipelining one command is waiting; with it, the answers come back to back.
    const now = process.hrtime.bigint();
    for (const sent of pending.splice(0)) record(tag, sent.sql, Number(now - sent.at) / 1e6);
  });
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
}

const server = net.createServer(tap);
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'reset') {
    stats = new Map();
    commands = new Map();
    process.send({ reset: true });
  } else if (message === 'snapshot') {
    process.send({
      statements: [...stats.values()],
      commands: [...commands].map(([key, count]) => ({ tag: key.split('\u0000')[0], command: key.split('\u0000')[1], count })),
    });
  }
});
process.on('disconnect', () => process.exit(0));

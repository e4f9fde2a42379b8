'use strict';
/**
 * A TCP relay on loopback between a client (the API) and a server (MariaDB, the engine), so that
 * a test can take the server away from the client and give it back without touching the server:
 *
 *   const relay = await startRelay({ targetPort: 3306 });   // the client connects to relay.port
 *   await relay.cut();      // open connections are reset, new ones refused (ECONNREFUSED)
 *   relay.stall();          // or: connections stay open, but nothing gets through either way
 *   await relay.restore();  // accepting and forwarding again, on the same port
 *   await relay.close();
 *
 * A cut is what the client sees when the server crashes or its host goes away; a stall is a
 * network partition or a server that stopped answering (a long GC pause), with requests hanging.
 */
const net = require('node:net');

async function startRelay({ targetHost = '127.0.0.1', targetPort, host = '127.0.0.1', port = 0 }) {
  if (!targetPort) throw new Error('startRelay needs the targetPort to forward to');
  const open = new Set();
  const stats = { connections: 0, resetByCut: 0, cuts: 0, stalls: 0 };
  let server = null;
  let stalled = false;

  const link = ({ client, upstream }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ({ client, upstream }) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };

  const relayConnection = (client) => {
    stats.connections++;
    const upstream = net.connect({ host: targetHost, port: targetPort });
    const pair = { client, upstream };
    open.add(pair);
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (stalled) hold(pair);
    else link(pair);
  };

  const listen = () =>
    new Promise((resolve, reject) => {
      const candidate = net.createServer(relayConnection);
      candidate.once('error', reject);
      candidate.listen(port, host, () => {
        candidate.off('error', reject);
        port = candidate.address().port;
        server = candidate;
        resolve();
      });
    });

  const closeServer = () =>
    new Promise((resolve) => {
      if (!server) return resolve();
      const closing = server;
      server = null;
      closing.close(() => resolve());
    });

  const resetAll = () => {
    for (const pair of [...open]) {
      stats.resetByCut++;
      // A reset, not an orderly close: what a client sees from a crashed server or a broken link.
      for (const socket of [pair.client, pair.upstream]) {
        if (typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'opening') socket.resetAndDestroy();
        else socket.destroy();
      }
      open.delete(pair);
    }
  };

  await listen();

  return {
    get port() {
      return port;
    },
    get cutOff() {
      return server === null;
    },
    get stalled() {
      return stalled;
    },
    /** Live relayed connections. */
    get openConnections() {
      return open.size;
    },
    stats,
    /** Refuses new connections and resets the open ones. */
    async cut() {
      stats.cuts++;
      const closed = closeServer();
      resetAll();
      await closed;
    },
    /** Keeps every connection open but lets nothing through, either way, until restore(). */
    stall() {
      stats.stalls++;
      stalled = true;
      for (const pair of open) hold(pair);
    },
    /** Listens again on the same port, and lets held traffic through. */
    async restore() {
      if (!server) await listen();
      if (stalled) {
        stalled = false;
        for (const pair of open) link(pair);
      }
    },
    async close() {
      const closed = closeServer();
      resetAll();
      await closed;
    },
  };
}

module.exports = { startRelay };

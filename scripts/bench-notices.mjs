#!/usr/bin/env node
/**
 * `npm run bench:notices`: a burst of BENCH_NOTICES (default 1,000) SMS notices put into the outbox at
 * once, delivered by the API's dispatcher through the Aliyun SMS adapter (the official SDK) to a
 * local server that answers as Aliyun does after BENCH_PROVIDER_MS (default 20 ms, a provider on the
 * network). Prints notices sent per second (first created → last sent) and the outbox's delay,
 * created → sent, median and p95. BENCH_DB=sqlite (default) or mariadb. Noisy machines: compare ratios.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { openBenchDatabase } from './lib/bench-database.mjs';
import { benchDb, percentile, run, signIn, startBenchStack } from './lib/bench-kit.mjs';

const db = benchDb('sqlite');
const NOTICES = Number(process.env.BENCH_NOTICES ?? 1000);
const PROVIDER_MS = Number(process.env.BENCH_PROVIDER_MS ?? 20);

/** An endpoint that takes SendSms as Aliyun does, after a network-like pause. */
async function startProvider() {
  let taken = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        taken++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `${Date.now()}${taken}^0`, RequestId: randomUUID() }));
      }, PROVIDER_MS),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `127.0.0.1:${server.address().port}`, taken: () => taken, close: () => new Promise((r) => server.close(r)) };
}

async function main() {
  const provider = await startProvider();
  const stack = await startBenchStack('notices', db, {
    SMS_PROVIDER: 'aliyun',
    SMS_ENDPOINT: provider.endpoint,
    SMS_PROTOCOL: 'http',
    SMS_ACCESS_KEY_ID: 'bench',
    SMS_ACCESS_KEY_SECRET: 'bench',
    SMS_SIGN_NAME: '示范市信访局',
    SMS_TEMPLATE_CODES: 'default=SMS_1',
  });
  try {
    // One real petition and petitioner to address the notices to.
    const token = await signIn(stack.apiUrl, 'donghu.registrar');
    const created = await fetch(`${stack.apiUrl}/api/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        channel: 'visit',
        category: 'complaint',
        subject: '基准测试：告知书发送',
        content: '柳岸小区3号楼外墙瓷砖多次脱落。',
        regionCode: '990102001002',
        petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
      }),
    });
    const petition = await created.json();
    const database = await openBenchDatabase(stack.database);
    const [petitioner] = await database.all('SELECT id FROM petitioner WHERE petitionId = ?', [petition.id]);

    // The burst: every notice written at one moment, as a mass re-send or a morning's decisions would.
    const now = new Date();
    const rows = Array.from({ length: NOTICES }, (_, i) => [
      randomUUID(), petition.id, petitioner.id, 'accept', 'sms', `您的信访事项（编号 ${petition.number}）已依法受理。`, 'pending',
      '990102-handling-room-1', database.time(now), 0, database.time(now), `bench:${i}:${randomUUID()}`,
    ]);
    await database.insert(
      'notification',
      ['id', 'petitionId', 'petitionerId', 'kind', 'channel', 'body', 'status', 'unitCode', 'createdAt', 'attempts', 'nextAttemptAt', 'idempotencyKey'],
      rows,
    );
    const ids = new Set(rows.map((r) => r[0]));
    const deadline = Date.now() + 10 * 60_000;
    let sent = [];
    for (;;) {
      const done = await database.all(`SELECT id, createdAt, sentAt FROM notification WHERE status = 'sent' AND idempotencyKey LIKE 'bench:%'`);
      sent = done.filter((r) => ids.has(r.id));
      if (sent.length >= NOTICES || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const delays = sent.map((r) => database.read(r.sentAt).getTime() - database.read(r.createdAt).getTime());
    const lastSent = Math.max(...sent.map((r) => database.read(r.sentAt).getTime()));
    const seconds = (lastSent - now.getTime()) / 1000;
    console.log(`\nNotice dispatch (${db}, ${NOTICES} SMS notices in one burst, provider answers in ${PROVIDER_MS} ms)`);
    console.log(`  sent:                 ${sent.length} of ${NOTICES} (provider took ${provider.taken()})`);
    console.log(`  throughput:           ${(sent.length / seconds).toFixed(1)} notices/s`);
    console.log(`  created → sent:       median ${percentile(delays, 50).toFixed(0)} ms, p95 ${percentile(delays, 95).toFixed(0)} ms`);
    await database.close();
    if (sent.length < NOTICES) process.exitCode = 1;
  } finally {
    await stack.stop();
    await provider.close();
  }
}

run(main);

import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultDatabase, openDatabase } from './support/database';
import { FaultStack } from './support/fault-stack';
import { call, pollUntil, signIn } from './support/http';
import { note, secondsSince } from './support/report';
import { DB } from './support/settings';

/**
 * A government SMS platform that honours the Idempotency-Key (a retried request with the same key
 * is the same message), and lets the test act between taking a message and answering.
 */
class Platform {
  readonly requests: string[] = [];
  readonly messages = new Map<string, string>();
  beforeAnswer: ((key: string) => Promise<void>) | null = null;
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        this.requests.push(key);
        if (!this.messages.has(key)) this.messages.set(key, `msg-${this.messages.size + 1}`);
        const hook = this.beforeAnswer;
        this.beforeAnswer = null;
        if (hook) await hook(key);
        if (res.destroyed || res.socket?.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 0, msgId: this.messages.get(key) }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe(`the notice dispatcher killed between the provider taking a message and the record (${DB})`, () => {
  let stack: FaultStack;
  let db: FaultDatabase;
  const platform = new Platform();

  beforeAll(async () => {
    const url = await platform.start();
    stack = await FaultStack.start({
      name: 'notice-dispatch-kill',
      apiEnv: { SMS_PROVIDER: 'http', SMS_HTTP_URL: url, SMS_SIGN_NAME: '示范市信访局', NOTICE_CLAIM_MS: '3000', NOTICE_DISPATCH_IDLE_MS: '200' },
    });
    db = await openDatabase(stack.database);
  }, 300_000);

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
    await platform.stop();
  }, 60_000);

  it('sends it again with the same idempotency key once its claim expires: one message, recorded as sent once', async () => {
    // given the API is killed (kill -9) the moment the platform has taken the acceptance notice, before it
    // answers (and after the acceptance itself has been answered: this is about the notice, not the task)
    let accepted!: () => void;
    const acceptanceAnswered = new Promise<void>((resolve) => (accepted = resolve));
    platform.beforeAnswer = async () => {
      await acceptanceAnswered;
      await stack.killApi();
    };

    // when a petition with a phone is registered and accepted
    const registrar = await signIn(stack.apiUrl, 'donghu.registrar');
    const created = await call(stack.apiUrl, 'POST', '/api/petitions', {
      token: registrar,
      body: {
        channel: 'visit',
        category: 'complaint',
        subject: '告知书发送途中进程被终止',
        content: '柳岸小区3号楼外墙瓷砖多次脱落。',
        regionCode: '990102001002',
        petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13911112222' }],
      },
    });
    expect(created.status).toBe(201);
    const handler = await signIn(stack.apiUrl, 'donghu.room1');
    const task = await pollUntil(async () => {
      const list = await call(stack.apiUrl, 'GET', '/api/tasks?maxResults=200', { token: handler });
      return (list.body.items as { id: string; step: string; petition: { id: string } | null }[]).find((t) => t.petition?.id === created.body.id && t.step === 'accept-decision');
    }, 60_000);
    expect(task).toBeTruthy();
    expect((await call(stack.apiUrl, 'POST', `/api/tasks/${task!.id}/complete`, { token: handler, body: { decision: 'accept' } })).status).toBe(204);
    accepted();

    // then the platform took it and the API died before recording it
    const key = await pollUntil(async () => platform.requests[0], 30_000);
    expect(key).toBeTruthy();
    await pollUntil(async () => stack.apiChild?.exitCode !== null || stack.apiChild?.signalCode !== null, 10_000);
    const [before] = await db.query<{ status: string }>('SELECT "status" FROM "notification" WHERE "id" = ?', [key]);
    expect(before.status).toBe('pending');

    // when the API starts again
    const restarted = Date.now();
    await stack.startApi();

    // then the notice goes out again under the same key once the claim has expired, and is recorded sent, once
    const sent = await pollUntil(async () => {
      const [row] = await db.query<{ status: string; attempts: number; providerMessageId: string }>(
        'SELECT "status", "attempts", "providerMessageId" FROM "notification" WHERE "id" = ?',
        [key],
      );
      return row?.status === 'sent' ? row : undefined;
    }, 60_000);
    note('notice-dispatch-kill', { resentAfterRestartSeconds: secondsSince(restarted), platformRequests: platform.requests.length, messages: platform.messages.size });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'msg-1' });
    expect(platform.requests.filter((k) => k === key)).toHaveLength(2);
    expect(platform.messages.size).toBe(1);
  }, 240_000);
});

import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { InboxItem, InboxService } from '../../src/inbox/inbox.service';
import { openDatabase, TestDatabase } from '../support/database';
import { api, CLIENT_ADDRESS, DEMO_PASSWORD, eventually, login, stackInfo } from '../support/harness';
import { register, waitForTask } from '../support/petitions';
import { fireTimer, timersOf } from '../support/statutory-clock';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startApi, stopProcess } = require('../../scripts/lib/stack.cjs');

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  petitionId: string | null;
  petitionNumber: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Item[];
  total: number;
  unread: number;
}

/** A township body no demo account or petition uses: its inbox holds only what a test puts there. */
const QUIET_UNIT = '990102001-judicial-office';

const inboxOf = async (username: string, query = 'pageSize=100') =>
  (await api<Page>('GET', `/api/inbox?${query}`, { token: await login(username) })).body;

/** Waits until `username` has a notice matching `match` (workers write them asynchronously). */
const noticeFor = (username: string, match: (item: Item) => boolean, what: string) =>
  eventually(async () => (await inboxOf(username)).items.find(match), { what: `${what} in the inbox of ${username}` });

/** An account with no roles in QUIET_UNIT, so that nothing but the test writes to its inbox. */
async function quietAccount(): Promise<string> {
  const username = `inbox.${randomUUID().slice(0, 8)}`;
  const created = await api('POST', '/api/admin/users', {
    token: await login('sysadmin'),
    body: { username, displayName: '站内通知测试', unitCode: QUIET_UNIT, password: DEMO_PASSWORD },
  });
  expect(created.status).toBe(201);
  return username;
}

/** The promise's value, or a failure once `ms` have passed (the timer does not outlive the answer). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface SseEvent {
  event: string;
  data: any;
}

/** Reads the inbox stream as the web app does: fetch with the bearer token and a stream reader. */
async function openStream(username: string, baseUrl = stackInfo().apiUrl) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/inbox/stream`, {
    headers: { Authorization: `Bearer ${await login(username, baseUrl === stackInfo().apiUrl ? undefined : baseUrl)}`, 'X-Forwarded-For': CLIENT_ADDRESS },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  let ended = false;
  const reading = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
          if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    /** The first event matching, waiting for it up to `timeoutMs` (the stream pushes; nothing is polled on the server). */
    next: (match: (e: SseEvent) => boolean, what: string, timeoutMs = 20_000) =>
      eventually(async () => events.find(match), { what, timeoutMs, intervalMs: 50 }),
    close: async () => {
      controller.abort();
      await reading;
    },
    reading,
  };
}

describe('the staff inbox (站内通知)', () => {
  let dataSource: DataSource;
  let db: TestDatabase;
  const inbox = new InboxService();

  /**
   * Writes as another process would (a worker): straight to the database, in a transaction. On the
   * embedded default a second process waits for the file's write lock for the driver's 10 s; a worker
   * whose step timed out on it is tried again by the engine, and so is this write, twice at most
   * (seen once under the whole suite's load on two cores).
   */
  const write = async (work: (manager: DataSource['manager']) => Promise<void>): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await dataSource.transaction(work);
      } catch (error) {
        if (attempt === 3 || !/database is locked/.test(String(error))) throw error;
      }
    }
  };
  const item = (overrides: Partial<InboxItem> = {}): InboxItem => ({
    unitCode: QUIET_UNIT,
    kind: 'delivery-failed',
    title: '告知书未能送达：XF-TEST',
    cause: `test:${randomUUID()}`,
    ...overrides,
  });

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(parseDatabaseUrl(stackInfo().databaseUrl)));
    await dataSource.initialize();
    db = await openDatabase({ writable: true });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.close();
  });

  it("tells a unit's people about its new task, and nobody in another unit; without personal data", async () => {
    // given a complaint registered at the county front desk, routed to 东湖区第一办理室 for acceptance
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');

    // then the handler and the head of that room each have one notice of it
    const isTask = (i: Item) => i.petitionId === petition.id && i.kind === 'task';
    const notice = await noticeFor('donghu.room1', isTask, 'the new task');
    expect(notice).toMatchObject({
      kind: 'task',
      title: `新待办：受理决定 ${petition.number}`,
      petitionId: petition.id,
      petitionNumber: petition.number,
      taskId: task.id,
      readAt: null,
    });
    expect(notice.body).toMatch(/^办理期限：\d{4}-\d{2}-\d{2}$/);
    expect((await inboxOf('donghu.room1.head')).items.filter(isTask)).toHaveLength(1);
    expect((await inboxOf('donghu.room1')).items.filter(isTask)).toHaveLength(1);
    // and it is among the unread
    expect((await inboxOf('donghu.room1', 'unread=true&pageSize=100')).items.map((i) => i.id)).toContain(notice.id);
    expect((await api('GET', '/api/inbox/unread-count', { token: await login('donghu.room1') })).body.unread).toBeGreaterThanOrEqual(1);

    // nothing of the petitioner's: no name, ID number or phone
    expect(JSON.stringify(notice)).not.toMatch(/张三|11010519491231002X|13800138000/);

    // and nobody outside the room is told (written in the same transaction as the room's, so already there)
    for (const other of ['donghu.room2', 'qingshan.room1', 'donghu.registrar']) {
      expect((await inboxOf(other)).items.filter((i) => i.petitionId === petition.id)).toEqual([]);
    }
  });

  it('counts unread notices, pages them newest first, marks one or all read; nobody marks another’s', async () => {
    // given three notices for a fresh account, written a millisecond apart
    const username = await quietAccount();
    const token = await login(username);
    const at = Date.now();
    for (const [i, title] of ['第一条', '第二条', '第三条'].entries()) {
      await write((m) => inbox.notifyUser(m, username, item({ title, petitionNumber: 'XF-TEST' }), new Date(at + i)));
    }

    // then they are listed newest first, with the count of unread
    const all = await inboxOf(username);
    expect(all.total).toBe(3);
    expect(all.unread).toBe(3);
    expect(all.items.map((i) => i.title)).toEqual(['第三条', '第二条', '第一条']);
    expect(all.items[0]).toEqual({
      id: expect.any(String),
      kind: 'delivery-failed',
      title: '第三条',
      body: null,
      petitionId: null,
      petitionNumber: 'XF-TEST',
      taskId: null,
      createdAt: new Date(at + 2).toISOString(),
      readAt: null,
    });
    expect((await api('GET', '/api/inbox/unread-count', { token })).body).toEqual({ unread: 3 });
    const second = await inboxOf(username, 'page=2&pageSize=2');
    expect(second).toMatchObject({ total: 3, unread: 3 });
    expect(second.items.map((i) => i.title)).toEqual(['第一条']);

    // bad paging is refused with a message naming the field
    for (const query of ['pageSize=0', 'pageSize=101', 'page=0', 'page=abc', 'unread=perhaps', 'size=5']) {
      const bad = await api('GET', `/api/inbox?${query}`, { token, lang: 'zh-CN' });
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      expect(bad.body.message).toEqual(expect.any(String));
      expect(bad.body.errors.length).toBeGreaterThan(0);
    }

    // when the newest is marked read
    const [third, , first] = all.items;
    expect((await api('POST', `/api/inbox/${third.id}/read`, { token })).status).toBe(204);
    expect((await api('GET', '/api/inbox/unread-count', { token })).body).toEqual({ unread: 2 });
    const read = await inboxOf(username, 'unread=false');
    expect(read.items.map((i) => i.id)).toEqual([third.id]);
    expect(Date.parse(read.items[0].readAt!)).toBeGreaterThan(0);
    expect((await inboxOf(username, 'unread=true')).items.map((i) => i.title)).toEqual(['第二条', '第一条']);
    // marking it again changes nothing
    expect((await api('POST', `/api/inbox/${third.id}/read`, { token })).status).toBe(204);
    expect((await inboxOf(username, 'unread=false')).items[0].readAt).toBe(read.items[0].readAt);

    // another user cannot mark mine: it answers like an unknown id, and so does a malformed one
    const other = await login('donghu.room1');
    const refused = await api('POST', `/api/inbox/${first.id}/read`, { token: other, lang: 'en' });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('No such notification');
    expect((await api('POST', `/api/inbox/${randomUUID()}/read`, { token })).status).toBe(404);
    expect((await api('POST', '/api/inbox/not-an-id/read', { token })).status).toBe(404);
    expect((await inboxOf(username, 'unread=true')).total).toBe(2);
    // and the attempt is in the audit trail as a refusal
    // (written once the answer has gone out)
    const denied = await eventually(async () => {
      const rows = await db.query<{ actor: string }>(
        `SELECT "actor" FROM "audit_log" WHERE "action" = 'access.denied' AND "resourceType" = 'notification' AND "resourceId" = ?`,
        [first.id],
      );
      return rows.length > 0 ? rows : undefined;
    }, { what: 'the refusal in the audit log' });
    expect(denied.map((d) => d.actor)).toEqual(['donghu.room1']);

    // when all are marked read
    expect((await api('POST', '/api/inbox/read-all', { token })).body).toEqual({ updated: 2 });
    expect((await api('GET', '/api/inbox/unread-count', { token })).body).toEqual({ unread: 0 });
    expect((await api('POST', '/api/inbox/read-all', { token })).body).toEqual({ updated: 0 });
    const marks = await db.query<{ action: string }>(
      `SELECT "action" FROM "audit_log" WHERE "actor" = ? AND "action" LIKE 'inbox.%' AND "outcome" = 'success' ORDER BY "seq"`,
      [username],
    );
    expect(marks.map((m) => m.action)).toEqual(['inbox.mark-read', 'inbox.mark-read', 'inbox.mark-all-read', 'inbox.mark-all-read']);
  });

  it('adds nothing for a cause written again (a redelivered worker task, an index sync run twice)', async () => {
    // given a unit with two accounts, told of one cause twice
    const [a, b] = [await quietAccount(), await quietAccount()];
    const cause = `test:${randomUUID()}`;
    const now = new Date();
    await write((m) => inbox.notifyUnit(m, item({ cause }), now));
    await write((m) => inbox.notifyUnit(m, item({ cause, title: '第二次' }), new Date(now.getTime() + 1000)));
    await write((m) => inbox.notifyUser(m, a, item({ cause }), now));
    // then each has it once, as first written
    for (const username of [a, b]) {
      const page = await inboxOf(username);
      expect(page.items.map((i) => i.title)).toEqual(['告知书未能送达：XF-TEST']);
    }

    // and a task the index loses and finds again (the reconcile inserts it anew) is not announced twice
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const announced = (i: Item) => i.taskId === task.id && i.kind === 'task';
    await noticeFor('donghu.room1', announced, 'the new task');
    await db.query(`DELETE FROM open_task WHERE "taskId" = ?`, [task.id]);
    const reconciled = await api('POST', '/api/admin/task-index/reconcile', { token: await login('sysadmin') });
    expect(reconciled.status).toBe(200);
    expect((await db.query(`SELECT 1 FROM open_task WHERE "taskId" = ?`, [task.id])).length).toBe(1);
    expect((await inboxOf('donghu.room1')).items.filter(announced)).toHaveLength(1);
  });

  it('streams new notices as server-sent events: the unread count on connect, then each new one', async () => {
    // given a fresh account with one unread notice, listening
    const username = await quietAccount();
    await write((m) => inbox.notifyUser(m, username, item({ title: '连接前' }), new Date()));
    const stream = await openStream(username);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect((await stream.next((e) => e.event === 'unread', 'the unread count')).data).toEqual({ unread: 1 });

      // when another process writes a notice for it
      await write((m) => inbox.notifyUser(m, username, item({ title: '连接后', petitionNumber: 'XF-LIVE' }), new Date()));

      // then it arrives with the new count, once; what was there before the connection is not sent again
      const pushed = await stream.next((e) => e.event === 'inbox', 'the new notice');
      expect(pushed.data).toMatchObject({ unread: 2, item: { title: '连接后', kind: 'delivery-failed', petitionNumber: 'XF-LIVE', readAt: null } });
      // (a later notice arriving means later polls have passed without sending the first again)
      await write((m) => inbox.notifyUser(m, username, item({ title: '再一条' }), new Date()));
      await stream.next((e) => e.event === 'inbox' && e.data.item.title === '再一条', 'the next notice');
      expect(stream.events.filter((e) => e.event === 'inbox').map((e) => [e.data.item.title, e.data.unread])).toEqual([
        ['连接后', 2],
        ['再一条', 3],
      ]);
    } finally {
      await stream.close();
    }

    // and a handler listening hears of a new task of the unit without asking for the list
    const handler = await openStream('donghu.room1');
    try {
      await handler.next((e) => e.event === 'unread', 'the unread count');
      const petition = await register();
      const event = await handler.next((e) => e.event === 'inbox' && e.data.item.petitionId === petition.id, 'the new task pushed');
      expect(event.data.item).toMatchObject({ kind: 'task', title: `新待办：受理决定 ${petition.number}` });
      expect(event.data.unread).toBeGreaterThanOrEqual(1);
    } finally {
      await handler.close();
    }
  });

  it('refuses the stream without a sign-in, and ends it when the session ends', async () => {
    const anonymous = await fetch(`${stackInfo().apiUrl}/api/inbox/stream`, { headers: { 'X-Forwarded-For': CLIENT_ADDRESS } });
    expect(anonymous.status).toBe(401);
    await anonymous.text();

    // a session of its own (not the cached one other tests use), signed out while listening
    const username = await quietAccount();
    const signIn = await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
    const token = signIn.body.accessToken as string;
    const response = await fetch(`${stackInfo().apiUrl}/api/inbox/stream`, {
      headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': CLIENT_ADDRESS },
    });
    expect(response.status).toBe(200);
    const body = response.text();
    expect((await api('POST', '/api/auth/logout', { token })).status).toBeLessThan(300);
    // the stream is checked with the heartbeat (25 s): it ends by itself within that
    const text = await within(body, 40_000, 'the stream of a signed-out session to end');
    expect(text).toContain('event: unread');
  }, 60_000);

  it('tells the unit of a reminder and a supervision notice the statutory clock raises', async () => {
    // given a petition awaiting acceptance at 东湖区第一办理室
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const timers = await timersOf(task.id);

    // when its reminder timer fires (through the engine's job API)
    await fireTimer(timers.get('accept-decision-remind-timer')!);

    // then the handler has a reminder naming the step and the petition, linked to the task
    const reminder = await noticeFor('donghu.room1', (i) => i.petitionId === petition.id && i.kind === 'reminder', 'the reminder');
    expect(reminder.title).toMatch(new RegExp(`^催办：受理决定 ${petition.number} 将于 \\d{4}-\\d{2}-\\d{2} 到期$`));
    expect(reminder.taskId).toBe(task.id);
    // the reminder is for the people on the step, as the record says; the head is told from the deadline on
    expect((await inboxOf('donghu.room1.head')).items.filter((i) => i.petitionId === petition.id && i.kind === 'reminder')).toEqual([]);

    // and at the deadline both hear of the supervision notice
    await fireTimer(timers.get('accept-decision-supervise-timer')!);
    for (const username of ['donghu.room1', 'donghu.room1.head']) {
      const notice = await noticeFor(username, (i) => i.petitionId === petition.id && i.kind === 'supervision', 'the supervision notice');
      expect(notice.title).toBe(`督办：受理决定 ${petition.number} 已到办理期限`);
      expect(notice.body).toMatch(/请于 \d{4}-\d{2}-\d{2} 前反馈办理情况$/);
    }
    expect((await inboxOf('donghu.room2')).items.filter((i) => i.petitionId === petition.id)).toEqual([]);
  });

  describe('in an API process without workers', () => {
    const info = stackInfo();
    let second: { url: string; child: { kill(signal: string): void; exited: Promise<{ code: number | null; signal: string | null }> } } | undefined;

    beforeAll(async () => {
      second = await startApi({
        engineUrl: info.engineUrl,
        databaseUrl: info.databaseUrl,
        logDir: join(info.outDir, 'inbox'),
        name: 'api-inbox',
        env: { WORKERS_IN_PROCESS: 'false', REPAIR_SWEEP_SECONDS: '0', INCIDENT_SWEEP_MINUTES: '0', TRUST_PROXY: 'loopback' },
      });
    }, 240_000);
    afterAll(async () => {
      if (second) await stopProcess(second.child);
    }, 60_000);

    it('streams what another process wrote, and stops promptly with a stream open', async () => {
      // given a handler listening on an API that runs no workers
      const stream = await openStream('donghu.room1', second!.url);
      await stream.next((e) => e.event === 'unread', 'the unread count');

      // when the other API's workers route a new petition to the room
      const petition = await register();

      // then this API finds the notice in the database and pushes it
      await stream.next((e) => e.event === 'inbox' && e.data.item.petitionId === petition.id, 'the task written by another process');

      // and asked to stop, it ends the stream and exits cleanly, without waiting for the client
      const started = Date.now();
      second!.child.kill('SIGTERM');
      const exit = await within(second!.child.exited, 15_000, 'the API to exit');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(15_000);
      await within(stream.reading, 5_000, 'the stream to end');
      expect(stream.ended).toBe(true);
      second = undefined;
    });
  });
});

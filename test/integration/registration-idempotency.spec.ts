import { randomUUID } from 'node:crypto';
import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login, stackInfo } from '../support/harness';
import { petitionInput, waitForTask } from '../support/petitions';

/** A registration whose answer may be lost on the way back, sent again by a careful client. */
async function registerWithKey(key: string, body: Record<string, unknown>, registrar = 'donghu.registrar') {
  return api('POST', '/api/petitions', { token: await login(registrar), body, headers: { 'Idempotency-Key': key }, lang: 'zh-CN' });
}

describe('registering with an Idempotency-Key (issue #11: a registration whose answer is lost)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  const petitionsWithSubject = async (subject: string) =>
    db.query<{ id: string }>('SELECT "id" FROM "petition" WHERE "subject" = ?', [subject]);

  it('answers a retry with the first answer, query code included, and records nothing again', async () => {
    // given a registration sent with a key
    const key = randomUUID();
    const body = petitionInput();
    const first = await registerWithKey(key, body);
    expect(first.status).toBe(201);
    expect(first.body.queryCode).toMatch(/\S{8,}/);

    // when the client, having lost the answer, sends it again (twice)
    const second = await registerWithKey(key, body);
    const third = await registerWithKey(key, body);

    // then it gets the same petition and the same query code, still as a creation
    for (const again of [second, third]) {
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ id: first.body.id, number: first.body.number, queryCode: first.body.queryCode });
    }
    // and the query code works on the public page
    const progress = await api('GET', `/api/public/progress?number=${first.body.number}&code=${encodeURIComponent(second.body.queryCode)}`);
    expect(progress.status).toBe(200);
    // and there is one petition, with one "received" entry and no false repeat visit on its timeline
    expect(await petitionsWithSubject(String(body.subject))).toHaveLength(1);
    const events = await db.query<{ kind: string }>('SELECT "kind" FROM "petition_event" WHERE "petitionId" = ?', [first.body.id]);
    expect(events.filter((e) => e.kind === 'received')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'repeat')).toHaveLength(0);
    // and it goes on to its acceptance task once
    await waitForTask('donghu.room1', first.body.id, 'accept-decision');
  });

  it('creates one petition when the same request arrives many times at once', async () => {
    const key = randomUUID();
    const body = petitionInput();
    const answers = await Promise.all(Array.from({ length: 8 }, () => registerWithKey(key, body)));
    const created = answers.filter((a) => a.status === 201);
    // each is either the answer or "being processed, retry" — never a second petition, never a 5xx
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(created.map((a) => a.body.queryCode)).size).toBe(1);
    expect(await petitionsWithSubject(String(body.subject))).toHaveLength(1);
  });

  it('accounts for every number drawn: a registration that loses the race leaves its number in the audit log', async () => {
    // given registrations before and after, whose numbers bound the ones drawn in between
    const before = await registerWithKey(randomUUID(), petitionInput());
    // when the same request arrives many times at once, until some of them draw a number and then
    // lose to the one that committed first (on MariaDB nearly always in the first round; on the
    // embedded default writes take turns, so the later ones find the first committed and draw none)
    const racing = stackInfo().database.type === 'mariadb';
    let unused: string[] = [];
    let after = before;
    for (let round = 0; round < (racing ? 5 : 1) && unused.length === 0; round++) {
      const key = randomUUID();
      const body = petitionInput();
      await Promise.all(Array.from({ length: 8 }, () => registerWithKey(key, body)));
      after = await registerWithKey(randomUUID(), petitionInput());
      unused = await unusedNumbers(before.body.number, after.body.number);
    }
    if (racing) expect(unused.length).toBeGreaterThan(0);
    // then every number between is a petition's or recorded as unused, once (registrations of other
    // tests drawn before `after` may still be committing, hence eventually)
    await eventually(
      async () => {
        const range = [before.body.number, after.body.number];
        const used = await db.query<{ number: string }>('SELECT "number" FROM "petition" WHERE "number" BETWEEN ? AND ?', range);
        const accounted = [...used.map((p) => p.number), ...(await unusedNumbers(before.body.number, after.body.number))];
        const sequence = (n: string) => Number(n.slice(-6));
        const expected = Array.from({ length: sequence(after.body.number) - sequence(before.body.number) + 1 }, (_, i) => sequence(before.body.number) + i);
        return JSON.stringify(accounted.map(sequence).sort((x, y) => x - y)) === JSON.stringify(expected) || undefined;
      },
      { what: 'every number drawn accounted for' },
    );
  });

  const unusedNumbers = async (from: string, to: string) =>
    (
      await db.query<{ resourceId: string }>(
        'SELECT "resourceId" FROM "audit_log" WHERE "action" = ? AND "resourceId" BETWEEN ? AND ?',
        ['petition.number-unused', from, to],
      )
    ).map((row) => row.resourceId);

  it('refuses the same key for a different registration', async () => {
    const key = randomUUID();
    expect((await registerWithKey(key, petitionInput())).status).toBe(201);
    const other = await registerWithKey(key, petitionInput());
    expect(other.status).toBe(422);
    expect(other.body.message).toBe('该幂等键（Idempotency-Key）已用于另一份不同的登记请求；新的登记请使用新的键');
  });

  it('keeps one user’s keys apart from another’s', async () => {
    const key = randomUUID();
    const mine = await registerWithKey(key, petitionInput(), 'donghu.registrar');
    const theirs = await registerWithKey(key, petitionInput({ regionCode: '990121100201' }), 'qingshan.registrar');
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('refuses a malformed key with a message', async () => {
    const response = await registerWithKey('has spaces in it', petitionInput());
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('幂等键（Idempotency-Key）须为 1 至 128 个可见 ASCII 字符');
  });

  it('replays a repeat visit on an open case as the repeat it was, adding no second repeat entry', async () => {
    const body = petitionInput();
    const original = await registerWithKey(randomUUID(), body);
    expect(original.status).toBe(201);
    const key = randomUUID();
    const repeat = await registerWithKey(key, body);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ repeat: 'recorded-on-open-case', id: original.body.id });
    expect((await registerWithKey(key, body)).body).toMatchObject({ repeat: 'recorded-on-open-case', id: original.body.id });
    const repeats = await db.query('SELECT "id" FROM "petition_event" WHERE "petitionId" = ? AND "kind" = ?', [original.body.id, 'repeat']);
    expect(repeats).toHaveLength(1);
  });

  it('records the creation in the audit log in the same transaction, once, and a replay as a replay', async () => {
    const key = randomUUID();
    const body = petitionInput();
    const first = await registerWithKey(key, body);
    await registerWithKey(key, body);
    const token = await login('auditor');
    const entries = await eventually(
      async () => {
        const found = await api('GET', `/api/audit?action=petition.create&resourceId=${first.body.id}`, { token });
        return found.body.items.length === 2 ? found.body.items : undefined;
      },
      { what: 'two petition.create entries' },
    );
    expect(entries.map((e: { detail: unknown }) => e.detail)).toEqual([
      { method: 'POST', path: '/api/petitions', replayed: true },
      { method: 'POST', path: '/api/petitions' },
    ]);
  });
});

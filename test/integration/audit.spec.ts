import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { appendOnlyTrigger } from '../../src/database/migrations/1764400000000-audit-log';
import { openDatabase, TestDatabase } from '../support/database';
import { api, CLIENT_ADDRESS, engine, eventually, login, stackInfo } from '../support/harness';

const VERIFY_CLI = join(__dirname, '..', '..', 'dist', 'audit', 'verify-cli.js');

interface AuditItem {
  seq: number;
  at: string;
  actor: string | null;
  unitCode: string | null;
  ip: string | null;
  action: string;
  outcome: string;
  resourceType: string | null;
  resourceId: string | null;
  detail: Record<string, any> | null;
  hash: string;
}

/** `npm run audit:verify` without the build step: the built command on the stack's database. */
function runVerifyCli(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VERIFY_CLI],
      { env: { ...process.env, DATABASE_URL: stackInfo().databaseUrl }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout + stderr }),
    );
  });
}

/**
 * The audit log as the auditor reads and checks it, and as the database protects it. Other test
 * files share this stack and may append entries at any time, so nothing here assumes it wrote the
 * newest entry, and the one test that tampers with a row puts it back.
 */
describe('the audit log', () => {
  let auditor: string;
  let db: TestDatabase;
  beforeAll(async () => {
    auditor = await login('auditor');
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const search = (query: string, token = auditor) => api<{ total: number; items: AuditItem[] }>('GET', `/api/audit${query}`, { token });

  it('is for auditors only', async () => {
    expect((await search('')).status).toBe(200);
    for (const username of ['sysadmin', 'secadmin', 'admin', 'donghu.room1']) {
      const refused = await api('GET', '/api/audit', { token: await login(username), lang: 'en' });
      expect({ username, status: refused.status }).toEqual({ username, status: 403 });
      expect(refused.body.message).toContain('auditor');
      expect((await api('GET', '/api/audit/verify', { token: await login(username) })).status).toBe(403);
    }
    expect((await api('GET', '/api/audit')).status).toBe(401);
    expect((await api('GET', '/api/audit/verify')).status).toBe(401);
  });

  it('holds the start-up deployment of the processes, by the system', async () => {
    const found = await search('?action=process.deploy&actor=system');
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThanOrEqual(1);
    const deployment = found.body.items[found.body.items.length - 1];
    expect(deployment).toMatchObject({
      actor: 'system',
      action: 'process.deploy',
      outcome: 'success',
      resourceType: 'deployment',
      detail: { deploymentId: deployment.resourceId, resources: ['assessment-scoring.dmn', 'close-assessment-period.bpmn', 'hearing.bpmn', 'petition.bpmn', 'reply-petition.form', 'review.bpmn', 'routing.dmn', 'unit-handling.bpmn'] },
    });
    expect(deployment.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(deployment)).not.toContain('prevHash');
    expect((await engine<{ name: string }>('GET', `/deployment/${deployment.resourceId}`)).name).toBe('petition-processes');

    // a prefix finds it too; an exact action that is only a prefix does not
    const prefixed = await search('?action=process.*&outcome=success');
    expect(prefixed.body.items.map((i) => i.seq)).toContain(deployment.seq);
    expect((await search('?action=process')).body.total).toBe(0);
    // LIKE's own wildcards are taken literally
    expect((await search('?action=process_deploy*')).body.total).toBe(0);
  });

  it('filters by time, resource and unit, newest first, a page at a time', async () => {
    const deployment = (await search('?action=process.deploy&actor=system')).body.items.at(-1)!;
    const at = Date.parse(deployment.at);

    const around = await search(
      `?resourceId=${deployment.resourceId}&from=${new Date(at).toISOString()}&to=${new Date(at).toISOString()}`,
    );
    expect(around.body.items.map((i) => i.seq)).toEqual([deployment.seq]);
    expect((await search(`?resourceId=${deployment.resourceId}&from=${new Date(at + 1).toISOString()}`)).body.total).toBe(0);
    expect((await search(`?resourceId=${deployment.resourceId}&to=${new Date(at - 1).toISOString()}`)).body.total).toBe(0);
    expect((await search(`?resourceType=deployment&resourceId=${deployment.resourceId}`)).body.total).toBe(1);
    expect((await search(`?resourceType=petition&resourceId=${deployment.resourceId}`)).body.total).toBe(0);

    // the auditor's own reads are entries with the auditor's unit
    const reads = await search('?action=audit.read&actor=auditor&unitCode=990100-petition-office&maxResults=3');
    expect(reads.body.total).toBeGreaterThanOrEqual(2);
    expect(reads.body.items).toHaveLength(3);
    const seqs = reads.body.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const next = await search('?action=audit.read&actor=auditor&firstResult=1&maxResults=1');
    expect(next.body.items[0].seq).toBeLessThan((await search('?action=audit.read&actor=auditor&maxResults=1')).body.items[0].seq);
  });

  it('records every read, with its filters, as audit.read by the caller', async () => {
    const marker = randomUUID();
    const read = await search(`?resourceId=${marker}&outcome=denied`);
    expect(read.body).toEqual({ total: 0, items: [] });

    const reads = await search('?action=audit.read&actor=auditor&maxResults=50');
    const mine = reads.body.items.find((i) => i.detail?.filters?.resourceId === marker);
    expect(mine).toMatchObject({
      actor: 'auditor',
      unitCode: '990100-petition-office',
      action: 'audit.read',
      outcome: 'success',
      resourceType: 'audit-log',
      detail: { filters: { resourceId: marker, outcome: 'denied' }, firstResult: 0, maxResults: 50, total: 0 },
    });
    expect(mine!.ip).toBe(CLIENT_ADDRESS);
  });

  it('refuses bad filters in the caller’s language', async () => {
    const zh = await api('GET', '/api/audit?from=yesterday&maxResults=500&outcome=maybe', { token: auditor, lang: 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['from', 'isIso8601'],
        ['maxResults', 'max'],
        ['outcome', 'isIn'],
      ]),
    );
    expect(zh.body.message).toContain('开始时间必须是 ISO 8601 格式的日期或时间');
    expect(zh.body.message).toContain('操作结果必须是以下之一');
    const en = await api('GET', '/api/audit?to=2026-02-30', { token: auditor, lang: 'en' });
    expect(en.status).toBe(400);
    expect(en.body.message).toContain('To must be an ISO 8601 date or date-time');
    expect((await api('GET', '/api/audit?seq=1', { token: auditor })).status).toBe(400);
  });

  it('verifies intact after concurrent appends, and records the check', async () => {
    // each read appends an entry: twenty at once must still make one unbroken chain
    const reads = await Promise.all(Array.from({ length: 20 }, () => search('?maxResults=1')));
    expect(reads.map((r) => r.status)).toEqual(Array(20).fill(200));
    const verified = await api('GET', '/api/audit/verify', { token: auditor });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ ok: true, checked: expect.any(Number), firstBreak: null, breaks: [], breakCount: 0 });
    expect(verified.body.checked).toBeGreaterThanOrEqual(2);
    const checks = await search('?action=audit.verify&actor=auditor&maxResults=1');
    expect(checks.body.items[0]).toMatchObject({ outcome: 'success', detail: { ok: true, firstBreak: null } });

    const cli = await runVerifyCli();
    expect(cli).toEqual({ code: 0, output: expect.stringMatching(/^Audit log intact: \d+ entries checked\.\n$/) });
  });

  it('cannot be changed or deleted in the database', async () => {
    const [row] = await db.query<{ seq: number }>('SELECT seq FROM audit_log ORDER BY seq LIMIT 1');
    await expect(db.query('UPDATE audit_log SET action = ? WHERE seq = ?', ['tampered', row.seq])).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(db.query('DELETE FROM audit_log WHERE seq = ?', [row.seq])).rejects.toThrow(/audit_log is append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/audit_log is append-only/);
    const [count] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE seq = ?', [row.seq]);
    expect(Number(count.n)).toBe(1);
  });

  it('chains an entry a process committed and did not live to chain, and verifies intact', async () => {
    // given: what a process killed between its commit and the chaining leaves behind
    const sqlite = stackInfo().database.type === 'sqlite';
    const marker = randomUUID();
    const at = new Date(Date.now() - 1_000);
    await db.query(
      'INSERT INTO audit_inbox (id, at, actor, unitCode, ip, action, outcome, resourceType, resourceId, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), sqlite ? at.toISOString().replace('T', ' ').replace('Z', '') : at, 'donghu.room1', '990102-handling-room-1', '10.0.0.9', 'task.claim', 'success', 'task', marker, '{"method":"POST"}'],
    );
    // when: any process's sweep comes round (every five seconds)
    const found = await eventually(async () => (await search(`?resourceId=${marker}`)).body.items[0], { what: 'the orphaned entry chained' });
    // then: it is on the chain as written, the inbox is empty of it, and the chain verifies
    expect(found).toMatchObject({ actor: 'donghu.room1', action: 'task.claim', outcome: 'success', detail: { method: 'POST' } });
    expect(Date.parse(found.at)).toBe(at.getTime());
    const [left] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_inbox WHERE resourceId = ?', [marker]);
    expect(Number(left.n)).toBe(0);
    expect((await api('GET', '/api/audit/verify', { token: auditor })).body).toMatchObject({ ok: true, breakCount: 0 });
  });

  it('refuses a change to an entry waiting in the inbox', async () => {
    const sqlite = stackInfo().database.type === 'sqlite';
    const id = randomUUID();
    // Inserted and updated in one transaction (the test's one connection), rolled back after: no
    // chaining run sees the row, so the update meets it every time.
    await db.query(sqlite ? 'BEGIN' : 'START TRANSACTION');
    try {
      await db.query('INSERT INTO audit_inbox (id, at, actor, action, outcome) VALUES (?, ?, ?, ?, ?)', [id, sqlite ? '2026-01-01 00:00:00.000' : new Date(), 'x', 'audit.read', 'success']);
      await expect(db.query('UPDATE audit_inbox SET actor = ? WHERE id = ?', ['someone-else', id])).rejects.toThrow(/never changed/);
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it("shows a row a DBA changed behind the triggers' back, in the API and on the command line", async () => {
    const deployment = (await search('?action=process.deploy&actor=system')).body.items.at(-1)!;
    const sqlite = stackInfo().database.type === 'sqlite';
    await db.query('DROP TRIGGER audit_log_no_update');
    try {
      await db.query('UPDATE audit_log SET action = ? WHERE seq = ?', ['process.undeploy', deployment.seq]);

      const verified = await api('GET', '/api/audit/verify', { token: auditor });
      expect(verified.status).toBe(200);
      const changed = { seq: deployment.seq, reason: expect.stringContaining('hash mismatch') };
      expect(verified.body).toEqual({ ok: false, checked: expect.any(Number), firstBreak: changed, breaks: [changed], breakCount: 1 });
      const cli = await runVerifyCli();
      expect(cli.code).toBe(1);
      expect(cli.output).toContain('Audit log BROKEN: 1 break(s)');
      expect(cli.output).toContain(`seq ${deployment.seq}: hash mismatch`);
      // the failed check is on record too
      const checks = await search('?action=audit.verify&outcome=failure&maxResults=1');
      expect(checks.body.items[0].detail).toMatchObject({ ok: false, firstBreak: { seq: deployment.seq } });
    } finally {
      await db.query('UPDATE audit_log SET action = ? WHERE seq = ?', ['process.deploy', deployment.seq]);
      await db.query(appendOnlyTrigger('UPDATE', sqlite));
    }
    expect((await api('GET', '/api/audit/verify', { token: auditor })).body.ok).toBe(true);
    await expect(db.query('UPDATE audit_log SET action = ? WHERE seq = ?', ['tampered', deployment.seq])).rejects.toThrow(
      /append-only/,
    );
  });
});

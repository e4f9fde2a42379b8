import { randomUUID } from 'node:crypto';
import { api, CLIENT_ADDRESS, eventually, login } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

interface AuditItem {
  actor: string | null;
  unitCode: string | null;
  ip: string | null;
  action: string;
  outcome: string;
  resourceType: string | null;
  resourceId: string | null;
  detail: Record<string, any> | null;
}

/** Entries are written once each response is sent: wait for the one a test caused. */
async function findEntry(query: string, match: (item: AuditItem) => boolean): Promise<AuditItem> {
  const token = await login('auditor');
  return eventually(
    async () => {
      const response = await api<{ items: AuditItem[] }>('GET', `/api/audit?maxResults=200&${query}`, { token });
      return response.body.items.find(match);
    },
    { what: `audit entry ${query}` },
  );
}

/** What the audit log records of people's requests: who, from where, what, and how it ended. */
describe('the audit trail of requests', () => {
  it('records sign-ins that fail and succeed, with the name typed and the address', async () => {
    const nobody = `nobody.${randomUUID().slice(0, 6)}`;
    await api('POST', '/api/auth/login', { body: { username: nobody, password: 'Wrong#2026x' } });
    const failed = await findEntry(`action=auth.login&actor=${nobody}`, () => true);
    expect(failed).toMatchObject({ outcome: 'failure', ip: CLIENT_ADDRESS, detail: { reason: 'unknown-user' } });

    const signedIn = await api('POST', '/api/auth/login', { body: { username: 'donghu.room2', password: 'Demo@2026' } });
    expect(signedIn.status).toBe(200);
    const success = await findEntry('action=auth.login&actor=donghu.room2&outcome=success', (e) => e.ip === CLIENT_ADDRESS);
    expect(success).toMatchObject({ unitCode: '990102-handling-room-2', resourceType: 'session' });
    expect(JSON.stringify(success)).not.toContain('Demo@2026');
  });

  it('records an attempt to read another unit’s petition by id as a denied access to that petition', async () => {
    const petition = await register();
    expect((await api('GET', `/api/petitions/${petition.id}`, { token: await login('qingshan.registrar') })).status).toBe(404);
    const denied = await findEntry(`action=access.denied&resourceId=${petition.id}`, (e) => e.actor === 'qingshan.registrar');
    expect(denied).toMatchObject({
      outcome: 'denied',
      unitCode: '990121-petition-office',
      ip: CLIENT_ADDRESS,
      resourceType: 'petition',
      detail: { method: 'GET', path: '/api/petitions/:id', status: 404 },
    });
  });

  it('records refusals by role', async () => {
    expect((await api('GET', '/api/admin/users', { token: await login('auditor') })).status).toBe(403);
    await findEntry('action=access.denied&actor=auditor', (e) => e.detail?.path === '/api/admin/users' && e.detail?.status === 403);
  });

  it('records each change to a petition or task and each read of a case, with whether personal data was shown', async () => {
    const petition = await register();
    await findEntry(`action=petition.create&resourceId=${petition.id}`, (e) => e.actor === 'donghu.registrar' && e.outcome === 'success');

    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('donghu.room1') })).status).toBe(200);
    await findEntry(`action=task.claim&resourceId=${task.id}`, (e) => e.actor === 'donghu.room1' && e.outcome === 'success');
    const refused = await api('POST', `/api/tasks/${task.id}/complete`, { token: await login('donghu.room1'), body: { decision: 'nonsense' } });
    expect(refused.status).toBe(400);
    await findEntry(`action=task.complete&resourceId=${task.id}`, (e) => e.outcome === 'failure' && e.detail?.status === 400);

    await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.supervisor') });
    const reads = [
      await findEntry(`action=petition.read&resourceId=${petition.id}`, (e) => e.actor === 'donghu.room1'),
      await findEntry(`action=petition.read&resourceId=${petition.id}`, (e) => e.actor === 'donghu.supervisor'),
    ];
    expect(reads.map((e) => e.detail?.personalData)).toEqual(['clear', 'masked']);
  });

  it('records account administration', async () => {
    const username = `t.${randomUUID().slice(0, 8)}`;
    const created = await api('POST', '/api/admin/users', {
      token: await login('sysadmin'),
      body: { username, displayName: '审计测试', unitCode: '990102-handling-room-2', password: 'Strong#2026x' },
    });
    expect(created.status).toBe(201);
    await api('PUT', `/api/admin/users/${username}/roles`, { token: await login('secadmin'), body: { roles: ['handler'] } });
    await findEntry('action=user.create&actor=sysadmin', (e) => e.detail?.username === username);
    const granted = await findEntry(`action=user.roles&resourceId=${username}`, () => true);
    expect(granted).toMatchObject({ actor: 'secadmin', outcome: 'success', detail: { roles: ['handler'] } });
    expect(JSON.stringify(granted)).not.toContain('Strong#2026x');
  });
});

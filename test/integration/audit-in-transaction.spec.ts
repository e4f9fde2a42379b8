import { randomUUID } from 'node:crypto';
import { api, CLIENT_ADDRESS, eventually, login } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

/**
 * Changes made through the API are recorded in the same transaction as the change (issue #11: a
 * process killed between the business commit and the audit entry lost the entry). Each change has
 * exactly one entry — the audit trail does not write a second one after the answer — and a refused
 * change still has its failure entry.
 */
describe('audit entries written with the change they record', () => {
  async function entries(query: string, count: number) {
    const token = await login('auditor');
    return eventually(
      async () => {
        const found = await api('GET', `/api/audit?maxResults=200&${query}`, { token });
        return found.body.items.length >= count ? found.body.items : undefined;
      },
      { what: `${count} audit entries for ${query}` },
    );
  }

  it('records a petition, a claim and a completion once each, with who and from where', async () => {
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('donghu.room1') })).status).toBe(200);
    const done = await api('POST', `/api/tasks/${task.id}/complete`, { token: await login('donghu.room1'), body: { decision: 'accept' } });
    expect(done.status).toBe(204);

    const [created] = await entries(`action=petition.create&resourceId=${petition.id}`, 1);
    expect(created).toMatchObject({ actor: 'donghu.registrar', unitCode: '990102-petition-office', outcome: 'success', resourceType: 'petition' });
    expect(created.ip).toMatch(/^10\./);
    for (const action of ['task.claim', 'task.complete']) {
      const found = await entries(`action=${action}&resourceId=${task.id}`, 1);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ actor: 'donghu.room1', outcome: 'success', detail: { method: 'POST' } });
    }
  });

  it('records an administrator’s calendar change once, and a refused one as a failure', async () => {
    // A year of its own (hostile-input.spec.ts sends 2099), and only this file's entries (its client address).
    const year = 2080 + Math.floor(Math.random() * 10);
    const token = await login('sysadmin');
    const name = `测试假日${randomUUID().slice(0, 4)}`;
    expect((await api('PUT', `/api/admin/calendar/${year}`, { token, body: { days: [{ date: `${year}-01-02`, workday: false, name }] } })).status).toBe(200);
    const refused = await api('PUT', `/api/admin/calendar/${year}`, { token, body: { days: [{ date: `${year}-13-45`, workday: false, name }] } });
    expect(refused.status).toBe(400);
    const found = (await entries(`action=calendar.load&resourceId=${year}`, 2)).filter((e: { ip: string }) => e.ip === CLIENT_ADDRESS);
    expect(found.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['failure', 'success']);
  });
});

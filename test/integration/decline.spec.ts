import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, login } from '../support/harness';
import { complete, register, waitForProcessEnd, waitForTask } from '../support/petitions';

describe('declining a petition (不予受理, Art. 23)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it('needs a reason, in the language of the person who forgot it', async () => {
    const created = await register();
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    const zh = await api('POST', `/api/tasks/${task.id}/complete`, {
      token: await login('donghu.room1'),
      body: { decision: 'decline' },
      lang: 'zh-CN,zh;q=0.9',
    });
    expect(zh.status).toBe(400);
    expect(zh.body.errors).toEqual([{ field: 'reason', code: 'reasonRequired', message: '理由不能为空：除受理外，其他决定都要说明理由' }]);
    const en = await complete('donghu.room1', task.id, { decision: 'decline', reason: '' });
    expect(en.status).toBe(400);
    expect(en.body.message).toBe('Reason is required for every decision except accept');
  });

  it('notifies the petitioner with the reason and ends without handling', async () => {
    const created = await register();
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    const reason = '该事项已经人民法院受理，应通过诉讼途径解决。';
    expect((await complete('donghu.room1', task.id, { decision: 'decline', reason })).status).toBe(204);

    await waitForProcessEnd(created.processInstanceId);
    // the unit-handling instance ended at its decline end event, and nothing was handled
    const called = await engine<{ id: string }[]>('GET', `/history/process-instance?superProcessInstanceId=${created.processInstanceId}`);
    expect(called).toHaveLength(1);
    const steps = await engine<{ activityId: string }[]>('GET', `/history/activity-instance?processInstanceId=${called[0].id}`);
    const ids = steps.map((s) => s.activityId);
    expect(ids).toEqual(expect.arrayContaining(['accept-decision', 'notify-decline', 'handling-declined']));
    expect(ids).not.toContain('handle-petition');
    const parentSteps = await engine<{ activityId: string }[]>(
      'GET',
      `/history/activity-instance?processInstanceId=${created.processInstanceId}`,
    );
    expect(parentSteps.map((s) => s.activityId)).not.toContain('notify-reply');

    const petition = await api('GET', `/api/petitions/${created.id}`, { token: await login('donghu.room1') });
    expect(petition.body).toMatchObject({ status: 'closed', decision: 'decline', declineReason: reason, replyOutcome: null });
    expect(petition.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'received',
      'registered',
      'routed',
      'declined',
      'notified',
      'publicized',
      'assessed',
      'closed',
    ]);
    const notices = await db.query<{ kind: string; body: string }>('SELECT "kind", "body" FROM "notification" WHERE "petitionId" = ?', [
      created.id,
    ]);
    expect(notices).toHaveLength(1);
    expect(notices[0].kind).toBe('decline');
    expect(notices[0].body).toContain(reason);

    const progress = await api('GET', `/api/public/progress?number=${created.number}&code=${created.queryCode}`);
    expect(progress.body.result.result).toBe('declined');
    expect(progress.body.timeline.map((e: { step: string }) => e.step)).toContain('declined');
  });
});

import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, login } from '../support/harness';
import { complete, letWindowsLapse, petitionInput, register, waitForTask } from '../support/petitions';
import { calendarDaysAfter } from '../support/statutory-calendar';
import { sec } from '../support/statutory-clock';

/** When the petition's timeline says `kind` happened: the moment a step's clock starts. */
async function momentOf(petitionId: string, kind: string, who = 'donghu.room1'): Promise<number> {
  const view = await api('GET', `/api/petitions/${petitionId}`, { token: await login(who) });
  return Date.parse(view.body.timeline.find((e: { kind: string }) => e.kind === kind).at);
}

/**
 * One petition from the registrar's desk to the petitioner's notice, through the real engine,
 * the real workers and the real database.
 */
describe('a petition from registration to reply', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it('reaches the acceptance task of the competent unit, carrying no personal data in the engine', async () => {
    // given a county-level complaint registered at the 东湖区 front desk
    const created = await register();
    expect(created.number).toMatch(/^XF-990102-\d{4}-\d{6}$/);
    expect(created.queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created.processInstanceId).toBeTruthy();

    // then routing.dmn sends it to the county's first handling room, where it waits for a decision
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    expect(task.petition?.number).toBe(created.number);
    // due 15 days after the handling room received it (Art. 23), at 24:00 China time of the last day
    expect(sec(task.due!)).toBe(sec(calendarDaysAfter(await momentOf(created.id, 'routed'), 15)));

    // and the engine offers the task to that unit only
    const links = await engine<{ groupId: string; type: string }[]>('GET', `/task/${task.id}/identity-links`);
    expect(links).toEqual([expect.objectContaining({ type: 'candidate', groupId: '990102-handling-room-1' })]);
    const otherUnit = await api('GET', '/api/tasks?maxResults=200', { token: await login('qingshan.room1') });
    expect(otherUnit.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);

    // and the process went through register → decide → assign in the county lane
    const activities = await engine<{ activityId: string }[]>(
      'GET',
      `/history/activity-instance?processInstanceId=${created.processInstanceId}&sortBy=startTime&sortOrder=asc`,
    );
    expect(activities.map((a) => a.activityId)).toEqual(
      expect.arrayContaining(['petition-received', 'register-petition', 'decide-competence', 'assign-competent-unit', 'handle-at-county']),
    );

    // and no process variable holds the petitioner's name, ID number or phone
    const variables = await engine<{ name: string; value: unknown }[]>(
      'GET',
      `/history/variable-instance?processInstanceIdIn=${created.processInstanceId}`,
    );
    const values = JSON.stringify(variables.map((v) => v.value));
    for (const secret of ['张三', '11010519491231002X', '13800138000']) expect(values).not.toContain(secret);
    expect(Object.fromEntries(variables.map((v) => [v.name, v.value]))).toMatchObject({
      petitionId: created.id,
      competentLevel: 'county',
      unitKind: 'handling-room',
      competentUnitCode: '990102-handling-room-1',
    });

    // and the database holds the record with its personal data encrypted
    const [row] = await db.query<{ status: string; competentUnitCode: string; queryCodeHash: string }>(
      'SELECT "status", "competentUnitCode", "queryCodeHash" FROM "petition" WHERE "id" = ?',
      [created.id],
    );
    expect(row).toMatchObject({ status: 'awaiting-acceptance', competentUnitCode: '990102-handling-room-1' });
    expect(row.queryCodeHash).not.toContain(created.queryCode.replace(/-/g, ''));
    const [person] = await db.query<Record<string, string>>('SELECT * FROM "petitioner" WHERE "petitionId" = ?', [created.id]);
    expect(JSON.stringify(person)).not.toContain('11010519491231002X');
    expect(JSON.stringify(person)).not.toContain('13800138000');
    expect(person.idNumberCipher).toMatch(/^v1\./);
  });

  it('is accepted, handled and replied to, then the petitioner is notified and the result published', async () => {
    const created = await register({ subject: '拖欠工资（联系人电话13912345678）', matterScope: 'county' });
    const handler = 'donghu.room1';

    // when the handler claims and accepts it
    const decision = await waitForTask(handler, created.id, 'accept-decision');
    const claimed = await api('POST', `/api/tasks/${decision.id}/claim`, { token: await login(handler) });
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBe(handler);
    expect((await complete(handler, decision.id, { decision: 'accept' })).status).toBe(204);

    // then the handling step is due 60 days after acceptance
    const handling = await waitForTask(handler, created.id, 'handle-petition');
    const acceptedAt = await momentOf(created.id, 'accepted');
    expect(sec(handling.due!)).toBe(sec(calendarDaysAfter(acceptedAt, 60)));
    expect((await complete(handler, handling.id, { findings: '经现场核实，欠薪属实。' })).status).toBe(204);

    // when the unit replies with support
    const reply = await waitForTask(handler, created.id, 'reply-petition');
    expect((await complete(handler, reply.id, { replyOutcome: 'support', replyText: '责令用人单位十日内支付。' })).status).toBe(204);

    // then the process runs notify → publicize → assess, and once the rating and review windows
    // lapse unused (Art. 35) the matter is concluded and the process ends
    await letWindowsLapse(created.processInstanceId);
    const petition = await api('GET', `/api/petitions/${created.id}`, { token: await login(handler) });
    expect(petition.status).toBe(200);
    expect(petition.body).toMatchObject({
      status: 'concluded',
      conclusionGround: 'review-lapsed',
      decision: 'accept',
      replyOutcome: 'support',
      currentUnit: { code: '990102-handling-room-1' },
      receivingUnit: { code: '990102-petition-office' },
      // the handler of the unit holding the case needs the person in full; a supervisor does not
      petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '柳岸小区3号楼', masked: false }],
    });
    const supervised = await api('GET', `/api/petitions/${created.id}`, { token: await login('donghu.supervisor') });
    expect(supervised.body.petitioners).toEqual([{ name: '张*', idNumber: '1101**********002X', phone: '138****8000', address: '柳岸小区3号****', masked: true }]);
    expect(petition.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'received',
      'registered',
      'routed',
      'claimed',
      'accepted',
      'handled',
      'replied',
      'served',
      'notified',
      'publicized',
      'assessed',
      'rating-lapsed',
      'concluded',
      'publicized',
    ]);
    const handlingDue = calendarDaysAfter(acceptedAt, 60).toISOString();
    expect(petition.body.deadlines).toEqual([
      expect.objectContaining({ name: 'acceptance', days: 15, article: '信访工作条例 第二十三条', metAt: expect.any(String) }),
      expect.objectContaining({ name: 'handling', days: 60, dueAt: handlingDue, article: '信访工作条例 第三十四条', metAt: expect.any(String) }),
      // accepted without a committed date: the unit is held to the legal deadline itself
      expect.objectContaining({ name: 'committed', dueAt: handlingDue, metAt: expect.any(String) }),
    ]);
    const routedAt = Date.parse(petition.body.timeline.find((e: { kind: string }) => e.kind === 'routed').at);
    expect(petition.body.deadlines[0].dueAt).toBe(calendarDaysAfter(routedAt, 15).toISOString());

    // and one notice per petitioner waits in the outbox
    const notices = await db.query<{ kind: string; channel: string; body: string }>(
      'SELECT "kind", "channel", "body" FROM "notification" WHERE "petitionId" = ?',
      [created.id],
    );
    expect(notices.map((n) => [n.kind, n.channel]).sort()).toEqual([
      ['accept', 'sms'],
      ['reply', 'sms'],
    ]);
    const replyNotice = notices.find((n) => n.kind === 'reply')!;
    expect(replyNotice.body).toContain(created.number);
    expect(replyNotice.body).toContain('支持');
    // with the reply's own words, which the petitioner also reads on the public page
    expect(replyNotice.body).toContain('责令用人单位十日内支付。');
    const publicPage = await api('GET', `/api/public/progress?number=${created.number}&code=${created.queryCode}`);
    expect(publicPage.body.afterReply.replyText).toBe('责令用人单位十日内支付。');

    // and every unit that touched it has its facts recorded for assessment: the petition office that
    // received and routed it, the room that accepted it in time and replied on time
    const facts = await db.query<{ metric: string; met: number | boolean; unitCode: string }>(
      'SELECT "metric", "met", "unitCode" FROM "assessment_fact" WHERE "petitionId" = ? ORDER BY "metric"',
      [created.id],
    );
    // and, the windows having lapsed, the reply unrated for both and the matter resolved the first time
    expect(facts.map((f) => [f.metric, Boolean(f.met), f.unitCode])).toEqual([
      ['accepted', true, '990102-handling-room-1'],
      ['concluded', true, '990102-handling-room-1'],
      ['office-rating-lapsed', true, '990102-petition-office'],
      ['on-time-closure', true, '990102-handling-room-1'],
      ['rating-lapsed', true, '990102-handling-room-1'],
      ['received', true, '990102-petition-office'],
      ['routed', true, '990102-petition-office'],
      ['timely-acceptance', true, '990102-handling-room-1'],
    ]);
    // and the case's last step sums them up on the timeline
    expect(petition.body.timeline.find((e: { kind: string }) => e.kind === 'assessed')?.data).toEqual({
      units: { '990102-petition-office': { facts: 2, missed: [] }, '990102-handling-room-1': { facts: 3, missed: [] } },
    });

    // and the petitioner sees a redacted public record with the query code, without signing in
    const progress = await api('GET', `/api/public/progress?number=${created.number}&code=${created.queryCode.toLowerCase()}`);
    expect(progress.status).toBe(200);
    expect(progress.body.status).toBe('concluded');
    expect(progress.body.result).toMatchObject({ result: 'support', summary: '拖欠工资（联系人电话139****5678）' });
    const published = JSON.stringify(progress.body);
    for (const secret of ['张三', '11010519491231002X', '13800138000', '13912345678', '欠薪属实', 'donghu.room1']) {
      expect(published).not.toContain(secret);
    }
    expect(progress.body.timeline.map((e: { step: string }) => e.step)).toEqual([
      'received',
      'registered',
      'routed',
      'accepted',
      'replied',
      'served',
      'notified',
      'rating-lapsed',
      'concluded',
    ]);
  });

  it('refuses the public record to a wrong query code without revealing whether the number exists', async () => {
    const created = await register();
    const wrong = await api('GET', `/api/public/progress?number=${created.number}&code=AAAA-BBBB-CCCC`, { lang: 'zh-CN' });
    const unknown = await api('GET', `/api/public/progress?number=XF-990102-1999-000001&code=${created.queryCode}`, {
      lang: 'zh-CN',
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).toContain('查询码');
  });

  it('routes a township matter to the township mediation office and a city complaint to a city department', async () => {
    const township = await register({ matterScope: 'township' });
    const city = await register({ matterScope: 'city' }, 'city.registrar');
    await waitForTask('dhjd.handler', township.id, 'accept-decision');
    await waitForTask('city.housing', city.id, 'accept-decision');
    const instances = await engine<{ activityId: string }[]>(
      'GET',
      `/history/activity-instance?processInstanceId=${city.processInstanceId}&activityType=callActivity`,
    );
    expect(instances.map((a) => a.activityId)).toEqual(['handle-at-city']);
  });

  it('keeps another unit from reading or completing the petition', async () => {
    const created = await register();
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    const outsider = await login('qingshan.room1');
    expect((await api('GET', `/api/petitions/${created.id}`, { token: outsider })).status).toBe(404);
    expect((await api('POST', `/api/tasks/${task.id}/complete`, { token: outsider, body: { decision: 'accept' } })).status).toBe(404);
    expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: outsider })).status).toBe(404);
    // the registering unit still follows its case (first-handler responsibility)
    expect((await api('GET', `/api/petitions/${created.id}`, { token: await login('donghu.registrar') })).status).toBe(200);
  });

  it('lets only the claimant complete a claimed task', async () => {
    const created = await register();
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('donghu.room1') });
    const colleague = await complete('donghu.room1.head', task.id, { decision: 'accept' });
    expect(colleague.status).toBe(409);
    expect(colleague.body.message).toContain('donghu.room1');
  });

  it('answers a petition with the wrong form for its step with the fields that are missing', async () => {
    const created = await register();
    const task = await waitForTask('donghu.room1', created.id, 'accept-decision');
    const response = await api('POST', `/api/tasks/${task.id}/complete`, {
      token: await login('donghu.room1'),
      body: { replyOutcome: 'support' },
      lang: 'zh-CN',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decision', 'replyOutcome']);
    // nothing was recorded and the task is still open
    const still = await waitForTask('donghu.room1', created.id, 'accept-decision');
    expect(still.id).toBe(task.id);
  });

  it('shows a collective petition with up to five representatives', async () => {
    const input = petitionInput({
      personCount: 12,
      petitioners: [
        { name: '李四', idNumber: '990102198001010010' },
        { name: '王五', idNumber: '990102198001010029' },
      ],
    });
    const response = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: input });
    expect(response.status).toBe(201);
    const petition = await api('GET', `/api/petitions/${response.body.id}`, { token: await login('donghu.registrar') });
    expect(petition.body).toMatchObject({ collective: true, personCount: 12 });
    expect(petition.body.petitioners).toHaveLength(2);
  });
});

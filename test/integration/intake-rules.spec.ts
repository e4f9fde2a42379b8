import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login } from '../support/harness';
import { complete, letWindowsLapse, petitionInput, waitForProcessEnd, waitForTask } from '../support/petitions';
import { chainOf, runScenario } from '../support/scenarios';

/** Intake rules applied at registration (信访工作条例 第二十条、第二十九条、第三十六条). */
describe('intake rules', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  const person = (idNumber: string) => [{ name: '赵六', idNumber, phone: '13900001111' }];

  it('records the same matter from the same petitioner on the open case instead of opening a second one', async () => {
    const token = await login('donghu.registrar');
    const input = petitionInput({ petitioners: person('990102198001010010') });
    const first = await api('POST', '/api/petitions', { token, body: input });
    expect(first.status).toBe(201);
    // the same person comes back to the city bureau with the same matter, worded with other spaces and punctuation
    const again = await api('POST', '/api/petitions', {
      token: await login('city.registrar'),
      body: { ...input, subject: ` ${String(input.subject).replace('（', '(').replace('）', ')')} ` },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeat: 'recorded-on-open-case', id: first.body.id, number: first.body.number });
    const instances = await engine<unknown[]>('GET', `/process-instance?businessKey=${first.body.number}&processDefinitionKey=petition`);
    expect(instances).toHaveLength(1);
    const view = await api('GET', `/api/petitions/${first.body.id}`, { token });
    const repeats = view.body.timeline.filter((e: { kind: string }) => e.kind === 'repeat');
    expect(repeats).toEqual([expect.objectContaining({ unit: expect.objectContaining({ code: '990100-petition-office' }) })]);
  });

  it('answers the same facts and reasons after the case concluded with "not accepted again"', async () => {
    const token = await login('donghu.registrar');
    const input = petitionInput({ petitioners: person('990102198001010029') });
    const first = await api('POST', '/api/petitions', { token, body: input });
    const task = await waitForTask('donghu.room1', first.body.id, 'accept-decision');
    await complete('donghu.room1', task.id, { decision: 'accept' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', first.body.id, 'handle-petition')).id, { findings: '已核实' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', first.body.id, 'reply-petition')).id, {
      replyOutcome: 'explain',
      replyText: '已作解释说明',
    });
    // no review was asked for within 30 days of the reply: the matter is concluded (Art. 35)
    await letWindowsLapse(first.body.processInstanceId);

    const again = await api('POST', '/api/petitions', { token, body: input });
    expect(again.status).toBe(201);
    expect(again.body.repeatOf).toBe(first.body.number);
    await waitForProcessEnd(again.body.processInstanceId);
    const view = await api('GET', `/api/petitions/${again.body.id}`, { token });
    expect(view.body).toMatchObject({ status: 'closed', decision: 'refuse-concluded', repeatOf: first.body.number });
    expect(view.body.handOvers).toEqual([]);
    const [notice] = await db.query<{ kind: string; body: string }>('SELECT "kind", "body" FROM "notification" WHERE "petitionId" = ?', [
      again.body.id,
    ]);
    expect(notice.kind).toBe('refuse-concluded');
    expect(notice.body).toContain(first.body.number);
    expect(notice.body).toContain('不再受理');
    // no unit was asked to handle it
    const handled = await engine<unknown[]>('GET', `/history/process-instance?superProcessInstanceId=${again.body.processInstanceId}`);
    expect(handled).toEqual([]);
  });

  it('takes a petition the registrar names as a repeat only if it is this petitioner’s', async () => {
    const token = await login('donghu.registrar');
    const other = await api('POST', '/api/petitions', { token, body: petitionInput() });
    const response = await api('POST', '/api/petitions', {
      token,
      lang: 'zh-CN',
      body: petitionInput({ petitioners: person('990102197512310037'), repeatOf: other.body.number }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'repeatOf', message: `原信访事项编号「${other.body.number}」不存在，或不是这位信访人的信访事项` }),
    ]);
  });

  it('records a level-skipping visit, tells the petitioner where to go, and still routes the matter (Art. 20)', async () => {
    // a township matter brought in person to the city bureau: two levels above the competent one
    const result = await runScenario({
      rule: 'level skip',
      registrar: 'city.registrar',
      petition: { channel: 'visit', matterScope: 'township', regionCode: '990102001002' },
      chain: ['route 990100-petition-office → 990102001-petition-office'],
      outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
    });
    expect(chainOf(result.petition)).toEqual(['route 990100-petition-office → 990102001-petition-office']);
    expect(result.petition.levelSkip).toBe(true);
    const notices = await eventually(
      async () => {
        const rows = await db.query<{ kind: string; body: string }>('SELECT "kind", "body" FROM "notification" WHERE "petitionId" = ?', [result.id]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the level-skip notice' },
    );
    expect(notices[0].kind).toBe('level-skip');
    expect(notices[0].body).toContain('东湖街道信访调处室');
    expect(notices[0].body).toContain('第二十条');

    // a visit to the level directly above the competent one is not a skip
    const county = await runScenario({
      rule: 'one level up',
      registrar: 'donghu.registrar',
      petition: { channel: 'visit', matterScope: 'township', regionCode: '990102001002' },
      chain: [],
      outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
    });
    expect(county.petition.levelSkip).toBe(false);
  });

  it('reports a collective petition to the leaders of its level and the level above at once, and keeps at most 5 representatives', async () => {
    const representatives = ['990102198001010010', '990102198001010029', '990102197512310037'].map((idNumber, i) => ({
      name: `代表${i + 1}`,
      idNumber,
    }));
    const result = await runScenario({
      rule: 'collective',
      registrar: 'donghu.registrar',
      petition: { personCount: 30, petitioners: representatives },
      chain: ['route 990102-petition-office → 990102-handling-room-1'],
      outcome: { waitsAt: { by: 'donghu.room1', step: 'accept-decision' } },
    });
    const reports = await eventually(
      async () => {
        const view = await api('GET', `/api/petitions/${result.id}`, { token: await login('donghu.registrar') });
        return view.body.directReports.length === 2 ? view.body.directReports : undefined;
      },
      { what: 'the direct reports' },
    );
    expect(reports.map((r: { to: { code: string } }) => r.to.code).sort()).toEqual(['990100-leadership', '990102-leadership']);
    expect(result.petition).toMatchObject({ collective: true, personCount: 30 });
    expect(result.petition.petitioners).toHaveLength(3);
    // in parallel: the handling path did not wait for the report
    const activities = await engine<{ activityId: string }[]>('GET', `/history/activity-instance?processInstanceId=${result.processInstanceId}`);
    expect(activities.map((a) => a.activityId)).toEqual(expect.arrayContaining(['report-to-leaders', 'leaders-informed', 'handle-at-county']));
  });

  it('shows an accusation’s content to the discipline inspection unit handling it and to nobody else (Art. 29)', async () => {
    const secret = '举报东湖区第一办理室某工作人员收受好处费';
    const result = await runScenario({
      rule: 'accusation',
      registrar: 'donghu.registrar',
      petition: { category: 'accusation', matterScope: 'county', subject: `举报（${Date.now()}）`, content: secret },
      chain: ['route 990102-petition-office → 990102-discipline'],
      outcome: { waitsAt: { by: 'donghu.discipline', step: 'accept-decision' } },
    });
    const discipline = await api('GET', `/api/petitions/${result.id}`, { token: await login('donghu.discipline') });
    expect(discipline.body.content).toBe(secret);
    // the registering front desk follows the case but cannot read it
    expect(JSON.stringify(result.petition)).not.toContain(secret);
    expect(result.petition.content).toContain('仅限承办的纪检监察机关查看');
    // the accused unit cannot even see that it exists
    expect((await api('GET', `/api/petitions/${result.id}`, { token: await login('donghu.room1') })).status).toBe(404);
    // nor does the public record carry it
    const task = await waitForTask('donghu.discipline', result.id, 'accept-decision');
    await complete('donghu.discipline', task.id, { decision: 'decline', reason: '线索不具体' });
    await waitForProcessEnd(result.processInstanceId);
    const progress = await api('GET', `/api/public/progress?number=${result.number}&code=${result.queryCode}`);
    expect(progress.body.result.summary).toBeNull();
    expect(JSON.stringify(progress.body)).not.toContain('举报');
  });
});

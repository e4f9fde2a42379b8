import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login } from '../support/harness';
import { complete, register, Registered, waitForTask } from '../support/petitions';
import { calendarDaysAfter, workingDaysAfter, workingDaysBefore } from '../support/statutory-calendar';
import { dbTime, fireTimer as fire, halfway, sec, timersOf } from '../support/statutory-clock';

/** When the timeline says `kind` happened: the moment a step's clock starts. */
const momentOf = (view: { timeline: { kind: string; at: string }[] }, kind: string) => Date.parse(view.timeline.find((e) => e.kind === kind)!.at);


async function supervisionOf(petition: Registered, count: number) {
  const token = await login('donghu.registrar');
  return eventually(
    async () => {
      const view = await api('GET', `/api/petitions/${petition.id}`, { token });
      return view.body.supervision.length >= count ? view.body : undefined;
    },
    { what: `${count} supervision record(s) on ${petition.number}` },
  );
}

describe('the statutory clock of a task', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it('reminds before the deadline, issues a supervision notice at it and a disciplinary recommendation after the grace period', async () => {
    // given a complaint waiting for acceptance at 东湖区第一办理室
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');

    // and the petition shows the task's deadline with the article it comes from (once the worker
    // that routed it has updated the task index)
    const shown = await eventually(
      async () => {
        const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
        return view.body.taskDeadlines.length > 0 ? view : undefined;
      },
      { what: 'the task deadline on the petition' },
    );
    expect(shown.body.taskDeadlines).toEqual([
      {
        step: 'accept-decision',
        unit: { code: '990102-handling-room-1', name: expect.any(String) },
        dueAt: expect.any(String),
        limit: 'acceptance',
        days: 15,
        unitOfDays: 'calendar-days',
        article: '信访工作条例 第二十三条',
      },
    ]);
    // due 15 days after the competent unit received it (Art. 23), at 24:00 China time of the last day
    const routedAt = momentOf(shown.body, 'routed');
    const due = calendarDaysAfter(routedAt, 15);
    expect(sec(task.due!)).toBe(sec(due));
    expect(sec(shown.body.taskDeadlines[0].dueAt)).toBe(sec(due));
    expect(sec(shown.body.deadlines.find((d: { name: string }) => d.name === 'acceptance').dueAt)).toBe(sec(due));

    // then three timers watch the task: a reminder 2 working days before the deadline (in the second
    // half of a 15-day period), the supervision notice at it, the recommendation 5 working days after
    const timers = await timersOf(task.id);
    const remind = timers.get('accept-decision-remind-timer')!;
    const supervise = timers.get('accept-decision-supervise-timer')!;
    const discipline = timers.get('accept-decision-discipline-timer')!;
    const remindAt = workingDaysBefore(due, 2);
    expect(remindAt.getTime()).toBeGreaterThan(halfway(routedAt, due).getTime());
    expect(sec(remind.dueDate)).toBe(sec(remindAt));
    expect(sec(supervise.dueDate)).toBe(sec(due));
    expect(sec(discipline.dueDate)).toBe(sec(workingDaysAfter(due, 5)));

    // when the task is left untouched until the reminder is due
    await fire(remind);
    let view = await supervisionOf(petition, 1);
    expect(view.supervision[0]).toMatchObject({
      kind: 'reminder',
      step: 'accept-decision',
      clock: 'accept',
      unit: { code: '990102-handling-room-1' },
      issuedBy: { code: '990102-handling-room-1' },
      recipients: expect.arrayContaining(['donghu.room1']),
      feedbackDueAt: null,
    });
    expect(sec(view.supervision[0].dueAt)).toBe(sec(task.due!));

    // and until its deadline: the petition office a level up supervises, with a feedback deadline
    await fire(supervise);
    view = await supervisionOf(petition, 2);
    const notice = view.supervision[1];
    expect(notice).toMatchObject({
      kind: 'supervision',
      unit: { code: '990102-handling-room-1' },
      issuedBy: { code: '990100-petition-office' },
      addressedTo: { code: '990102-handling-room-1' },
      recipients: expect.arrayContaining(['donghu.room1', 'donghu.room1.head']),
    });
    // the unit reports back within 5 working days of the notice (Art. 39)
    expect(sec(notice.feedbackDueAt)).toBe(sec(workingDaysAfter(Date.parse(notice.issuedAt), 5)));
    expect(sec(notice.dueAt)).toBe(sec(due));

    // and past the grace period: a disciplinary recommendation to the body with management authority
    await fire(discipline);
    view = await supervisionOf(petition, 3);
    expect(view.supervision[2]).toMatchObject({ kind: 'discipline', addressedTo: { code: '990102-petition-office' }, feedbackDueAt: null });
    expect(sec(view.supervision[2].dueAt)).toBe(sec(due));

    // each is on the timeline, and the task itself is still open for the unit
    const kinds = view.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['reminded', 'supervised', 'discipline-recommended']));
    expect(view.timeline.find((e: { kind: string }) => e.kind === 'discipline-recommended').note).toContain('第四十条');
    const open = await api('GET', `/api/tasks/${task.id}`, { token: await login('donghu.room1') });
    expect(open.status).toBe(200);

    // and each counts against the unit in its assessment
    const facts = await db.query<{ metric: string; met: number | boolean }>(
      'SELECT "metric", "met" FROM "assessment_fact" WHERE "petitionId" = ? AND "unitCode" = ? ORDER BY "metric"',
      [petition.id, '990102-handling-room-1'],
    );
    expect(facts.map((f) => [f.metric, Boolean(f.met)])).toEqual([
      ['discipline-recommended', false],
      ['reminded', false],
      ['supervised', false],
    ]);
  });

  it('stops when the task is done, and starts again on the next step’s deadline; one deadline is reminded once', async () => {
    // given a petition whose acceptance was reminded
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    await fire((await timersOf(accept.id)).get('accept-decision-remind-timer')!);
    await supervisionOf(petition, 1);

    // when the unit accepts it, the acceptance timers go and the handling period's come: 60 days from
    // acceptance (Art. 34), reminded 2 working days before, recommended 5 working days after
    expect((await complete('donghu.room1', accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await waitForTask('donghu.room1', petition.id, 'handle-petition');
    const acceptedAt = momentOf((await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') })).body, 'accepted');
    const due = calendarDaysAfter(acceptedAt, 60);
    expect(sec(handle.due!)).toBe(sec(due));
    const timers = await timersOf(handle.id);
    expect([...timers.keys()].sort()).toEqual([
      'handle-petition-discipline-timer',
      'handle-petition-remind-timer',
      'handle-petition-supervise-timer',
    ]);
    expect(sec(timers.get('handle-petition-remind-timer')!.dueDate)).toBe(sec(workingDaysBefore(due, 2)));
    expect(sec(timers.get('handle-petition-supervise-timer')!.dueDate)).toBe(sec(due));
    expect(sec(timers.get('handle-petition-discipline-timer')!.dueDate)).toBe(sec(workingDaysAfter(due, 5)));

    // and the handling period reminded during investigation is not reminded again at the reply
    await fire(timers.get('handle-petition-remind-timer')!);
    await supervisionOf(petition, 2);
    expect((await complete('donghu.room1', handle.id, { findings: '已核实' })).status).toBe(204);
    const reply = await waitForTask('donghu.room1', petition.id, 'reply-petition');
    expect(reply.due).toBe(handle.due);
    await fire((await timersOf(reply.id)).get('reply-petition-remind-timer')!);
    // the second firing is handled (its external task completes) but records nothing new
    await eventually(async () => {
      const pending = await engine<unknown[]>('GET', `/external-task?processInstanceId=${(await engine<{ processInstanceId: string }>('GET', `/task/${reply.id}`)).processInstanceId}&topicName=petition-deadline`);
      return pending.length === 0;
    }, { what: 'the reminder worker to finish' });
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.registrar') });
    expect(view.body.supervision.map((s: { kind: string; clock: string }) => `${s.kind}:${s.clock}`)).toEqual(['reminder:accept', 'reminder:handle']);
  });
});

describe('supervision by hand, and the unit’s answer', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  it('lets a supervisor send a supervision notice about a task in their region, which the unit answers once', async () => {
    // given a task at 东湖区第一办理室
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');

    // which the county's supervisor finds in the overdue report (a 15-day window shows it)
    await eventually(
      async () => {
        const found = await api('GET', '/api/reports/overdue?window=16&maxResults=500', { token: await login('donghu.supervisor') });
        return found.body.items.some((i: { taskId: string }) => i.taskId === task.id);
      },
      { what: 'the task in the overdue report' },
    );

    // only a supervisor sends one, and the county's supervisor can
    const outside = await api('POST', '/api/supervision', { token: await login('qingshan.registrar'), body: { taskId: task.id, kind: 'supervision' } });
    expect(outside.status).toBe(403);
    const sent = await api('POST', '/api/supervision', {
      token: await login('donghu.supervisor'),
      body: { taskId: task.id, kind: 'supervision', note: '群众反映强烈，请加快办理' },
    });
    expect(sent.status).toBe(201);
    // feedback is due within 5 working days of the notice (Art. 39)
    expect(sec(sent.body.feedbackDueAt)).toBe(sec(workingDaysAfter(Date.parse(sent.body.issuedAt), 5)));

    // the unit sees it among its notices awaiting feedback
    const waiting = await api('GET', '/api/supervision?awaitingFeedback=true&maxResults=200', { token: await login('donghu.room1.head') });
    const notice = waiting.body.items.find((s: { id: string }) => s.id === sent.body.id);
    expect(notice).toMatchObject({
      kind: 'supervision',
      petition: { id: petition.id, number: petition.number },
      unit: { code: '990102-handling-room-1' },
      issuedBy: { code: '990102-petition-office' },
      issuer: 'donghu.supervisor',
      feedback: null,
    });
    // and the unit head finds it in the inbox, linked to the task
    const inbox = await api('GET', '/api/inbox?pageSize=100', { token: await login('donghu.room1.head') });
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'supervision', petitionId: petition.id, taskId: task.id, title: expect.stringContaining(petition.number) })]),
    );
    // another unit neither sees nor answers it
    const other = await api('GET', '/api/supervision?maxResults=200', { token: await login('donghu.room2') });
    expect(other.body.items.some((s: { id: string }) => s.id === sent.body.id)).toBe(false);
    expect((await api('POST', `/api/supervision/${sent.body.id}/feedback`, { token: await login('donghu.room2'), body: { text: '不是我们的' } })).status).toBe(404);

    // the unit answers, once
    const answer = await api('POST', `/api/supervision/${sent.body.id}/feedback`, {
      token: await login('donghu.room1'),
      body: { text: '已约谈信访人，预计五日内作出受理决定' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.late).toBe(false);
    const twice = await api('POST', `/api/supervision/${sent.body.id}/feedback`, { token: await login('donghu.room1'), body: { text: '再次反馈' }, lang: 'zh-CN' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('该督办通知已反馈');

    // and the supervisor sees the answer, as does the case's timeline
    const answered = await api('GET', '/api/supervision?awaitingFeedback=false&kind=supervision&maxResults=200', { token: await login('donghu.supervisor') });
    expect(answered.body.items.find((s: { id: string }) => s.id === sent.body.id).feedback).toMatchObject({ text: '已约谈信访人，预计五日内作出受理决定', by: 'donghu.room1' });
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    expect(view.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['supervised', 'supervision-feedback']));
  });

  it('counts an answer after the feedback deadline as late, and one before it as on time', async () => {
    // given two supervision notices about a task at 东湖区第一办理室
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const send = () =>
      eventually(
        async () => {
          // the supervisor finds the task once the task index has it
          const sent = await api('POST', '/api/supervision', { token: await login('donghu.supervisor'), body: { taskId: task.id, kind: 'supervision' } });
          return sent.status === 201 ? (sent.body as { id: string }) : undefined;
        },
        { what: 'a supervision notice about the task' },
      );
    const overdue = await send();
    const timely = await send();

    // when one's feedback deadline passed a minute ago and the other's is ten minutes away (moved in
    // the records: the clock is the stack's, shared by every test)
    const now = Date.now();
    await db.query('UPDATE "supervision_record" SET "feedbackDueAt" = ? WHERE "id" = ?', [dbTime(now - 60_000), overdue.id]);
    await db.query('UPDATE "supervision_record" SET "feedbackDueAt" = ? WHERE "id" = ?', [dbTime(now + 600_000), timely.id]);

    // then the unit's answer to the first is late, to the second on time, on the answer and the timeline
    const answer = async (id: string) => api('POST', `/api/supervision/${id}/feedback`, { token: await login('donghu.room1'), body: { text: '已督促办理' } });
    const late = await answer(overdue.id);
    const onTime = await answer(timely.id);
    expect([late.status, late.body.late]).toEqual([200, true]);
    expect([onTime.status, onTime.body.late]).toEqual([200, false]);
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    const answers = view.body.timeline.filter((e: { kind: string }) => e.kind === 'supervision-feedback');
    expect(answers.map((e: { data: { recordId: string; late: boolean } }) => [e.data.recordId, e.data.late])).toEqual([
      [overdue.id, true],
      [timely.id, false],
    ]);
  });
});

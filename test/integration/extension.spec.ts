import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, login, toSecond as sec } from '../support/harness';
import { complete, register, Registered, TaskItem, waitForTask } from '../support/petitions';
import { workingDaysAfter } from '../support/statutory-calendar';

const DAY = 86_400_000;

async function timerDue(taskId: string, activityId: string): Promise<number> {
  const task = await engine<{ processInstanceId: string; processDefinitionId: string }>('GET', `/task/${taskId}`);
  const jobs = await engine<{ jobDefinitionId: string; dueDate: string }[]>('GET', `/job?processInstanceId=${task.processInstanceId}&timers=true`);
  const definitions = await engine<{ id: string; activityId: string }[]>('GET', `/job-definition?processDefinitionId=${task.processDefinitionId}`);
  const wanted = definitions.find((d) => d.activityId === activityId)!.id;
  return Date.parse(jobs.find((j) => j.jobDefinitionId === wanted)!.dueDate);
}

/** An accepted petition being investigated at 东湖区第一办理室. */
async function beingHandled(): Promise<{ petition: Registered; handle: TaskItem }> {
  const petition = await register();
  const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
  expect((await complete('donghu.room1', accept.id, { decision: 'accept' })).status).toBe(204);
  return { petition, handle: await waitForTask('donghu.room1', petition.id, 'handle-petition') };
}

const handlingDeadline = async (petition: Registered) =>
  (await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') })).body.deadlines.find(
    (d: { name: string }) => d.name === 'handling',
  );

describe('extending the handling period (Art. 34)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it('is asked by the handler, approved by the unit head, moves every downstream deadline, once, and tells the petitioner why', async () => {
    // given a matter under investigation, 60 days to go
    const { petition, handle } = await beingHandled();
    const before = await handlingDeadline(petition);
    expect(before.days).toBe(60);

    // when the handler asks for 20 more days
    const reason = '涉及多个部门，需补充调取维修基金使用记录';
    const asked = await api('POST', `/api/tasks/${handle.id}/extension`, { token: await login('donghu.room1'), body: { days: 20, reason } });
    expect(asked.status).toBe(201);
    const again = await api('POST', `/api/tasks/${handle.id}/extension`, { token: await login('donghu.room1'), body: { days: 5, reason: '再延' }, lang: 'zh-CN' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('已有一份延期申请等待单位负责人审批');

    // then the unit head, not the handler, gets the approval
    const approval = await waitForTask('donghu.room1.head', petition.id, 'approve-extension');
    const handlerList = await api('GET', '/api/tasks?maxResults=200', { token: await login('donghu.room1') });
    expect(handlerList.body.items.some((t: { id: string }) => t.id === approval.id)).toBe(false);
    const page = await api('GET', `/api/tasks/${approval.id}`, { token: await login('donghu.room1.head') });
    expect(page.body.options.request).toMatchObject({ days: 20, reason, requestedBy: 'donghu.room1' });
    expect((await complete('donghu.room1.head', approval.id, { approved: true })).status).toBe(204);

    // and the handling deadline moves by 20 days: on the petition, the open task and its timers
    const after = await handlingDeadline(petition);
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBe(20 * DAY);
    expect(after).toMatchObject({ days: 80, article: '信访工作条例 第三十四条' });
    const moved = await api('GET', `/api/tasks/${handle.id}`, { token: await login('donghu.room1') });
    expect(sec(moved.body.due)).toBe(sec(after.dueAt));
    expect(sec(await timerDue(handle.id, 'handle-petition-supervise-timer'))).toBe(sec(after.dueAt));
    expect(await timerDue(handle.id, 'handle-petition-discipline-timer')).toBeGreaterThan(Date.parse(after.dueAt));

    // and downstream: the reply task that follows is due by the extended deadline too
    expect((await complete('donghu.room1', handle.id, { findings: '已核实' })).status).toBe(204);
    const reply = await waitForTask('donghu.room1', petition.id, 'reply-petition');
    expect(sec(reply.due!)).toBe(sec(after.dueAt));
    expect(sec(await timerDue(reply.id, 'reply-petition-supervise-timer'))).toBe(sec(after.dueAt));

    // and the petitioner is told, with the reason
    const notices = await db.query<{ kind: string; body: string }>('SELECT "kind", "body" FROM "notification" WHERE "petitionId" = ?', [petition.id]);
    expect(notices.find((n) => n.kind === 'extension')?.body).toContain(reason);

    // and a second extension is refused
    const second = await api('POST', `/api/tasks/${reply.id}/extension`, { token: await login('donghu.room1'), body: { days: 10, reason: '仍需时间' }, lang: 'zh-CN' });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('不得再次延期');
  });

  it('moves nothing when the unit head refuses, and refuses more than 30 days outright', async () => {
    const { petition, handle } = await beingHandled();
    const before = await handlingDeadline(petition);
    const tooLong = await api('POST', `/api/tasks/${handle.id}/extension`, { token: await login('donghu.room1'), body: { days: 31, reason: '复杂' } });
    expect(tooLong.status).toBe(400);

    expect((await api('POST', `/api/tasks/${handle.id}/extension`, { token: await login('donghu.room1'), body: { days: 30, reason: '复杂' } })).status).toBe(201);
    const approval = await waitForTask('donghu.room1.head', petition.id, 'approve-extension');
    const noReason = await complete('donghu.room1.head', approval.id, { approved: false });
    expect(noReason.status).toBe(400);
    expect((await complete('donghu.room1.head', approval.id, { approved: false, reason: '调查工作量可在期限内完成' })).status).toBe(204);

    expect(await handlingDeadline(petition)).toEqual(before);
    const task = await api('GET', `/api/tasks/${handle.id}`, { token: await login('donghu.room1') });
    expect(sec(task.body.due)).toBe(sec(before.dueAt));
    expect(sec(await timerDue(handle.id, 'handle-petition-supervise-timer'))).toBe(sec(before.dueAt));
    const timeline = (await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') })).body.timeline;
    expect(timeline.find((e: { kind: string }) => e.kind === 'extension-refused').note).toBe('调查工作量可在期限内完成');
  });

  it('is only for a matter being handled', async () => {
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const early = await api('POST', `/api/tasks/${accept.id}/extension`, { token: await login('donghu.room1'), body: { days: 10, reason: '复杂' } });
    expect(early.status).toBe(409);
    expect((await api('POST', `/api/tasks/${accept.id}/extension`, { token: await login('qingshan.room1'), body: { days: 10, reason: '复杂' } })).status).toBe(404);
  });
});

describe('accepting with a committed date, or into the simplified path', () => {
  it('shows the committed date with the deadlines and on the public page, never past the legal deadline', async () => {
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const tooLate = await api('POST', `/api/tasks/${accept.id}/complete`, {
      token: await login('donghu.room1'),
      body: { decision: 'accept', committedDate: new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10) },
      lang: 'zh-CN',
    });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.message).toMatch(/^承诺办理日期须在今天之后，且不晚于法定期限 \d{4}-\d{2}-\d{2}$/);

    const committedDate = new Date(Date.now() + 30 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await complete('donghu.room1', accept.id, { decision: 'accept', committedDate })).status).toBe(204);
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    const committed = view.body.deadlines.find((d: { name: string }) => d.name === 'committed');
    expect(committed.dueAt).toBe(new Date(`${committedDate}T23:59:59.999+08:00`).toISOString());
    expect(committed.article).toContain('第三十四条');
    const progress = await api('GET', `/api/public/progress?number=${petition.number}&code=${petition.queryCode}`);
    expect(progress.body.committedDate).toBe(committed.dueAt);
    expect(progress.body.deadlines.map((d: { name: string }) => d.name)).toEqual(['acceptance', 'handling', 'committed']);
  });

  it('gives a first-time matter in the simplified path 10 working days', async () => {
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    expect((await complete('donghu.room1', accept.id, { decision: 'accept', simplified: true })).status).toBe(204);
    const handle = await waitForTask('donghu.room1', petition.id, 'handle-petition');
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    const simplified = view.body.deadlines.find((d: { name: string }) => d.name === 'simplified');
    expect(simplified).toMatchObject({ days: 10, article: '本市信访事项简易办理规定' });
    expect(sec(handle.due!)).toBe(sec(simplified.dueAt));
    // 10 working days from the day after acceptance, by the State Council's schedule, to 24:00 China time
    const accepted = view.body.timeline.find((e: { kind: string }) => e.kind === 'accepted');
    expect(simplified.dueAt).toBe(workingDaysAfter(Date.parse(accepted.at), 10).toISOString());
  });
});

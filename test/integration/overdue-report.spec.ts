import { api, engine, eventually, login } from '../support/harness';
import { register, Registered } from '../support/petitions';

const DAY = 86_400_000;

interface EngineTask {
  id: string;
  taskDefinitionKey: string;
  [field: string]: unknown;
}

/** The petition's open task at `step`, straight from the engine (whoever it is offered to). */
async function openTask(petition: Registered, step: string): Promise<EngineTask> {
  return eventually(
    async () => (await engine<EngineTask[]>('GET', `/task?processInstanceBusinessKey=${petition.number}`)).find((t) => t.taskDefinitionKey === step),
    { what: `${step} of ${petition.number}` },
  );
}

/**
 * Moves a task's due date in the engine, as if its deadline had come closer (the clock is not moved:
 * the rest of the suite shares it), then has the unit claim it through the API, which updates the
 * report's copy of the task.
 */
const MEMBER_OF: Record<string, string> = {
  '990102-handling-room-1': 'donghu.room1',
  '990100-petition-office': 'city.handler',
  '990100-dept-housing': 'city.housing',
};

async function dueIn(petition: Registered, step: string, days: number): Promise<string> {
  const task = await openTask(petition, step);
  const [link] = (await engine<{ groupId: string; type: string }[]>('GET', `/task/${task.id}/identity-links`)).filter((l) => l.type === 'candidate');
  const claimer = MEMBER_OF[link.groupId];
  const full = await engine<Record<string, unknown>>('GET', `/task/${task.id}`);
  const due = new Date(Date.now() + days * DAY).toISOString().replace('Z', '+0000');
  const fields = ['name', 'description', 'assignee', 'owner', 'delegationState', 'followUp', 'priority', 'parentTaskId', 'caseInstanceId', 'tenantId'];
  await engine('PUT', `/task/${task.id}`, { ...Object.fromEntries(fields.map((f) => [f, full[f] ?? null])), due });
  expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login(claimer) })).status).toBe(200);
  return task.id;
}

async function report(who: string, query = '') {
  const response = await api('GET', `/api/reports/overdue?maxResults=500${query}`, { token: await login(who) });
  expect(response.status).toBe(200);
  return response.body;
}

const ids = (body: { items: { taskId: string }[] }) => body.items.map((i) => i.taskId);

describe('the overdue report', () => {
  let late: string;
  let soon: string;
  let elsewhere: string;
  let lateByOneDay: string;

  beforeAll(async () => {
    // given, at 东湖区第一办理室, a task 3 days overdue, one overdue by a day, and one due tomorrow;
    // and, at the city, one 2 days overdue
    const [a, b, c] = [await register(), await register(), await register()];
    const city = await register({ matterScope: 'city', regionCode: '990121100201' }, 'city.registrar');
    late = await dueIn(a, 'accept-decision', -3);
    lateByOneDay = await dueIn(c, 'accept-decision', -1);
    soon = await dueIn(b, 'accept-decision', 1);
    elsewhere = await dueIn(city, 'accept-decision', -2);
  });

  it('lists a county supervisor’s overdue and near-due tasks, most overdue first, and nothing above or beside the county', async () => {
    const body = await report('donghu.supervisor');
    const mine = body.items.filter((i: { taskId: string }) => [late, lateByOneDay, soon].includes(i.taskId));
    expect(mine.map((i: { taskId: string }) => i.taskId)).toEqual([late, lateByOneDay, soon]);
    expect(mine[0]).toMatchObject({ step: 'accept-decision', unit: { code: '990102-handling-room-1' }, level: 'county', daysOverdue: 3, assignee: 'donghu.room1' });
    expect(mine[2].daysOverdue).toBe(-1);
    expect(ids(body)).not.toContain(elsewhere);
    expect(body.scope).toEqual({ unitCode: null, regionCode: '990102' });
    // the counts agree with the list
    const room1 = body.byUnit.find((u: { unit: { code: string } }) => u.unit.code === '990102-handling-room-1');
    expect(room1.overdue).toBeGreaterThanOrEqual(2);
    expect(room1.nearDue).toBeGreaterThanOrEqual(1);
    expect(body.totals.overdue + body.totals.nearDue).toBe(body.total);
    expect(body.byLevel.reduce((n: number, l: { overdue: number }) => n + l.overdue, 0)).toBe(body.totals.overdue);
  });

  it('shows the city supervisor every county', async () => {
    const body = await report('city.supervisor');
    expect(ids(body)).toEqual(expect.arrayContaining([late, soon, elsewhere]));
  });

  it('filters by level, unit, step, days overdue and window', async () => {
    const county = ids(await report('city.supervisor', '&level=county'));
    expect(county).toContain(late);
    expect(county).not.toContain(elsewhere);
    expect(ids(await report('city.supervisor', '&level=city'))).toContain(elsewhere);
    expect(ids(await report('city.supervisor', '&level=township'))).not.toContain(late);
    expect(ids(await report('city.supervisor', '&unitCode=990102-handling-room-1'))).not.toContain(elsewhere);
    expect(ids(await report('donghu.supervisor', '&step=accept-decision'))).toContain(late);
    expect(ids(await report('donghu.supervisor', '&step=handle-petition'))).not.toContain(late);
    const twoDays = ids(await report('city.supervisor', '&minDaysOverdue=2'));
    expect(twoDays).toEqual(expect.arrayContaining([late, elsewhere]));
    expect(twoDays).not.toContain(lateByOneDay);
    expect(twoDays).not.toContain(soon);
    expect(ids(await report('donghu.supervisor', '&window=0'))).not.toContain(soon);
  });

  it('gives a unit head their own unit, and nobody else the report', async () => {
    const body = await report('donghu.room1.head');
    expect(ids(body)).toEqual(expect.arrayContaining([late, soon]));
    expect(body.byUnit.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['990102-handling-room-1']);
    for (const who of ['donghu.room1', 'donghu.registrar', 'auditor', 'sysadmin']) {
      expect((await api('GET', '/api/reports/overdue', { token: await login(who) })).status).toBe(403);
    }
  });

  it('catches up with changes made in the engine directly when reconciled', async () => {
    // given a task moved in the engine behind the API's back
    const task = await engine<Record<string, unknown>>('GET', `/task/${soon}`);
    const fields = ['name', 'description', 'assignee', 'owner', 'delegationState', 'followUp', 'priority', 'parentTaskId', 'caseInstanceId', 'tenantId'];
    const due = new Date(Date.now() - 5 * DAY).toISOString().replace('Z', '+0000');
    await engine('PUT', `/task/${soon}`, { ...Object.fromEntries(fields.map((f) => [f, task[f] ?? null])), due });
    expect((await report('donghu.supervisor')).items.find((i: { taskId: string }) => i.taskId === soon).daysOverdue).toBe(-1);
    // when the system administrator reconciles (it also runs on a schedule)
    expect((await api('POST', '/api/admin/task-index/reconcile', { token: await login('donghu.supervisor') })).status).toBe(403);
    const reconciled = await api('POST', '/api/admin/task-index/reconcile', { token: await login('sysadmin') });
    expect(reconciled.status).toBe(200);
    expect(reconciled.body.changed).toBeGreaterThanOrEqual(1);
    // then the report has it as the engine does
    expect((await report('donghu.supervisor')).items.find((i: { taskId: string }) => i.taskId === soon).daysOverdue).toBe(5);
  });

  it('drops a task once it is done', async () => {
    expect((await api('POST', `/api/tasks/${late}/complete`, { token: await login('donghu.room1'), body: { decision: 'accept' } })).status).toBe(204);
    expect(ids(await report('donghu.supervisor'))).not.toContain(late);
  });
});

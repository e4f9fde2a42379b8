import { api, engine, eventually, login } from '../support/harness';
import { complete, petitionInput, register, Registered, TaskItem, waitForTask } from '../support/petitions';

/**
 * Who may do what, role by role, against the real API: every row is one signed-in demo user trying
 * one action on one resource. Allowed rows expect the success status; refused reads of a record
 * expect 404 (its existence is not revealed), refused actions 403, and no session 401.
 */

type Row = [who: string | null, expected: number];

let complaint: Registered; // a 东湖区 complaint, waiting for acceptance at 东湖区第一办理室
let accusation: Registered; // an accusation, with 东湖区纪委监委
let task: TaskItem; // the complaint's acceptance task
const SECRET = '举报内容：某科室负责人收受好处费（矩阵测试）';

beforeAll(async () => {
  complaint = await register();
  accusation = await register({ category: 'accusation', subject: `举报（矩阵${Date.now()}）`, content: SECRET });
  task = await waitForTask('donghu.room1', complaint.id, 'accept-decision');
  await waitForTask('donghu.discipline', accusation.id, 'accept-decision');
});

async function call(who: string | null, method: string, path: string, body?: unknown) {
  return api(method, path, { token: who ? await login(who) : undefined, body });
}

describe('reading a petition by id', () => {
  const rows: Row[] = [
    ['donghu.registrar', 200], // the unit where it came in (first-handler responsibility)
    ['donghu.room1', 200], // the unit handling it
    ['donghu.room1.head', 200],
    ['donghu.supervisor', 200], // its county's supervisor
    ['city.supervisor', 200], // the city's supervisor sees everything below
    ['donghu.room2', 404], // another unit of the same county
    ['qingshan.room1', 404], // another county: guessing the id (IDOR) reveals nothing
    ['qingshan.registrar', 404],
    ['dhjd.handler', 404], // the township below, which never held it
    ['city.housing', 404],
    ['admin', 404], // process administrators design flows, they do not read cases
    ['sysadmin', 404], // nor do the three administrators
    ['secadmin', 404],
    ['auditor', 404],
    [null, 401],
  ];
  it.each(rows)('%s → %i', async (who, expected) => {
    const response = await call(who, 'GET', `/api/petitions/${complaint.id}`);
    expect(response.status).toBe(expected);
    if (expected === 404) expect(JSON.stringify(response.body)).not.toContain(complaint.number);
  });

  it('answers a refused id exactly like an id that does not exist', async () => {
    const refused = await call('qingshan.room1', 'GET', `/api/petitions/${complaint.id}`);
    const missing = await call('qingshan.room1', 'GET', '/api/petitions/00000000-0000-4000-8000-000000000000');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(missing.body);
  });
});

describe('listing petitions', () => {
  const rows: [string, boolean][] = [
    ['donghu.registrar', true],
    ['donghu.room1', true],
    ['donghu.supervisor', true],
    ['city.supervisor', true],
    ['donghu.room2', false],
    ['qingshan.room1', false],
    ['qingshan.registrar', false],
    ['sysadmin', false],
    ['auditor', false],
  ];
  it.each(rows)('%s sees it: %s', async (who, visible) => {
    const response = await call(who, 'GET', `/api/petitions?number=${complaint.number}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { id: string }) => p.id).includes(complaint.id)).toBe(visible);
  });
});

describe('reading accusation content (Art. 29)', () => {
  const rows: [string, number, boolean][] = [
    ['donghu.discipline', 200, true],
    ['donghu.registrar', 200, false], // registered it, follows it, cannot read it
    ['donghu.supervisor', 200, false],
    ['city.supervisor', 200, false],
    ['donghu.room1', 404, false], // the accused unit cannot even see it exists
    ['qingshan.discipline', 404, false], // discipline inspection, but not the unit handling it
  ];
  it.each(rows)('%s → %i, content shown: %s', async (who, expected, shown) => {
    const response = await call(who, 'GET', `/api/petitions/${accusation.id}`);
    expect(response.status).toBe(expected);
    expect(JSON.stringify(response.body).includes(SECRET)).toBe(shown);
    if (expected === 200) {
      const listed = await call(who, 'GET', `/api/petitions?number=${accusation.number}`);
      expect(JSON.stringify(listed.body).includes(accusation.number)).toBe(true);
      expect(JSON.stringify(listed.body).includes('矩阵')).toBe(shown);
    }
  });
});

describe('reading one petition of another region as a supervisor', () => {
  // A 青山县 complaint waiting for acceptance. Its task is looked up in the engine, not in a unit's
  // list: org-admin.spec.ts closes 青山县第一办理室 while this file runs, and the task may sit there.
  let elsewhere: Registered;
  let elsewhereTask: { id: string };
  beforeAll(async () => {
    elsewhere = await register({ regionCode: '990121100201' }, 'qingshan.registrar');
    elsewhereTask = await eventually(
      async () =>
        (await engine<{ id: string; taskDefinitionKey: string }[]>('GET', `/task?processInstanceBusinessKey=${elsewhere.number}`)).find(
          (t) => t.taskDefinitionKey === 'accept-decision',
        ),
      { what: `the acceptance task of ${elsewhere.number}` },
    );
  });

  const rows: Row[] = [
    ['donghu.supervisor', 404], // 东湖区's supervisor: 青山县 is not in their region
    ['city.supervisor', 200], // the city contains both counties
    ['qingshan.registrar', 200], // the unit where it came in
  ];
  it.each(rows)('%s → %i for the case and its path, and lists it only when allowed', async (who, expected) => {
    const read = await call(who, 'GET', `/api/petitions/${elsewhere.id}`);
    expect(read.status).toBe(expected);
    if (expected === 404) expect(JSON.stringify(read.body)).not.toContain(elsewhere.number);
    expect((await call(who, 'GET', `/api/petitions/${elsewhere.id}/path`)).status).toBe(expected);
    const listed = await call(who, 'GET', `/api/petitions?number=${elsewhere.number}`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual(expected === 200 ? [elsewhere.id] : []);
  });

  it.each(['donghu.supervisor', 'city.supervisor'])('%s cannot open one of its tasks (404)', async (who) => {
    expect((await call(who, 'GET', `/api/tasks/${elsewhereTask.id}`)).status).toBe(404);
  });
});

describe('a second discipline inspection unit (青山县纪委监委)', () => {
  it('neither reads, lists nor opens the tasks of an accusation 东湖区纪委监委 handles', async () => {
    const handling = await waitForTask('donghu.discipline', accusation.id, 'accept-decision');
    const read = await call('qingshan.discipline', 'GET', `/api/petitions/${accusation.id}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(SECRET);
    expect((await call('qingshan.discipline', 'GET', `/api/petitions/${accusation.id}/path`)).status).toBe(404);
    expect((await call('qingshan.discipline', 'GET', `/api/petitions?number=${accusation.number}`)).body.items).toEqual([]);
    const tasks = await call('qingshan.discipline', 'GET', '/api/tasks?maxResults=200');
    expect(tasks.body.items.some((t: { id: string }) => t.id === handling.id)).toBe(false);
    expect((await call('qingshan.discipline', 'GET', `/api/tasks/${handling.id}`)).status).toBe(404);
  });

  it('reads an accusation while it handles it, and no longer once it has passed it to another', async () => {
    // given an accusation about 青山县, with 青山县纪委监委
    const secret = `举报内容：某所长违规发放补贴（矩阵转交${Date.now()}）`;
    const marker = `矩阵移送${Date.now()}`;
    const passed = await register({ category: 'accusation', regionCode: '990121100201', subject: `举报（${marker}）`, content: secret }, 'qingshan.registrar');
    const first = await waitForTask('qingshan.discipline', passed.id, 'accept-decision');
    expect(first.petition?.subject).toContain(marker);
    expect(JSON.stringify((await call('qingshan.discipline', 'GET', `/api/petitions/${passed.id}`)).body)).toContain(secret);

    // when it transfers it to 东湖区纪委监委
    const transfer = { decision: 'transfer', targetUnitCode: '990102-discipline', reason: '被举报人属东湖区管辖' };
    expect((await complete('qingshan.discipline', first.id, transfer)).status).toBe(204);
    const next = await waitForTask('donghu.discipline', passed.id, 'accept-decision');

    // then 东湖区纪委监委 reads it, and 青山县纪委监委 still follows the case but reads neither subject nor content
    expect(next.petition?.subject).toContain(marker);
    expect(JSON.stringify((await call('donghu.discipline', 'GET', `/api/petitions/${passed.id}`)).body)).toContain(secret);
    const former = await call('qingshan.discipline', 'GET', `/api/petitions/${passed.id}`);
    expect(former.status).toBe(200);
    expect(JSON.stringify(former.body)).not.toContain(secret);
    expect(JSON.stringify(former.body)).not.toContain(marker);
    const listed = await call('qingshan.discipline', 'GET', `/api/petitions?number=${passed.number}`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([passed.id]);
    expect(JSON.stringify(listed.body)).not.toContain(marker);
  });
});

describe('an accusation held by a unit that is not discipline inspection (Art. 29)', () => {
  const secret = `举报内容：物业经理侵占维修基金（矩阵转办${Date.now()}）`;
  const marker = `矩阵转办${Date.now()}`;
  let held: Registered;
  let heldTask: TaskItem;
  beforeAll(async () => {
    // 东湖区纪委监委 transfers it to 东湖区第一办理室, which now holds it
    held = await register({ category: 'accusation', subject: `举报（${marker}）`, content: secret });
    const first = await waitForTask('donghu.discipline', held.id, 'accept-decision');
    const transfer = { decision: 'transfer', targetUnitCode: '990102-handling-room-1', reason: '反映的主要是物业服务问题' };
    expect((await complete('donghu.discipline', first.id, transfer)).status).toBe(204);
    heldTask = await waitForTask('donghu.room1', held.id, 'accept-decision');
  });

  it('shows the holding unit its case without subject or content', async () => {
    const view = await call('donghu.room1', 'GET', `/api/petitions/${held.id}`);
    expect(view.status).toBe(200);
    expect(view.body.currentUnit.code).toBe('990102-handling-room-1');
    expect(JSON.stringify(view.body)).not.toContain(secret);
    expect(JSON.stringify(view.body)).not.toContain(marker);
  });

  it('lists it for the holding unit without its subject', async () => {
    const listed = await call('donghu.room1', 'GET', `/api/petitions?number=${held.number}`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([held.id]);
    expect(JSON.stringify(listed.body)).not.toContain(marker);
  });

  it('offers the holding unit its task without the subject, in the task list and on the task page', async () => {
    const tasks = await call('donghu.room1', 'GET', '/api/tasks?maxResults=200');
    const item = tasks.body.items.find((t: { id: string }) => t.id === heldTask.id);
    expect(item.petition).toMatchObject({ id: held.id, number: held.number, category: 'accusation' });
    expect(JSON.stringify(item)).not.toContain(marker);
    const page = await call('donghu.room1', 'GET', `/api/tasks/${heldTask.id}`);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain(marker);
    expect(JSON.stringify(page.body)).not.toContain(secret);
  });
});

describe('tasks offered to a unit', () => {
  const listRows: [string, boolean][] = [
    ['donghu.room1', true],
    ['donghu.room1.head', true],
    ['donghu.room2', false],
    ['qingshan.room1', false],
    ['donghu.registrar', false],
    ['donghu.supervisor', false],
    ['auditor', false],
  ];
  it.each(listRows)('%s has it in the task list: %s', async (who, listed) => {
    const response = await call(who, 'GET', '/api/tasks?maxResults=200');
    expect(response.status).toBe(200);
    expect(response.body.items.some((t: { id: string }) => t.id === task.id)).toBe(listed);
  });

  const refused = ['donghu.room2', 'qingshan.room1', 'donghu.registrar', 'donghu.supervisor', 'city.supervisor', 'sysadmin'];
  it.each(refused)('%s cannot open, claim or complete it (404)', async (who) => {
    expect((await call(who, 'GET', `/api/tasks/${task.id}`)).status).toBe(404);
    expect((await call(who, 'POST', `/api/tasks/${task.id}/claim`)).status).toBe(404);
    expect((await call(who, 'POST', `/api/tasks/${task.id}/complete`, { decision: 'accept' })).status).toBe(404);
    // the desk (办件台): nor see its page or the unit's people, put it back, hand it on or delegate it
    expect((await call(who, 'GET', `/api/tasks/${task.id}/page`)).status).toBe(404);
    expect((await call(who, 'GET', `/api/tasks/${task.id}/colleagues`)).status).toBe(404);
    expect((await call(who, 'POST', `/api/tasks/${task.id}/unclaim`)).status).toBe(404);
    expect((await call(who, 'POST', `/api/tasks/${task.id}/assign`, { username: 'donghu.room1' })).status).toBe(404);
    expect((await call(who, 'POST', `/api/tasks/${task.id}/delegate`, { username: 'donghu.room1' })).status).toBe(404);
  });

  it('stays untouched by those attempts, and its own unit claims it', async () => {
    const mine = await call('donghu.room1', 'GET', `/api/tasks/${task.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.assignee).toBeNull();
    const claimed = await call('donghu.room1', 'POST', `/api/tasks/${task.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBe('donghu.room1');
  });
});

describe('registering a petition', () => {
  const rows: Row[] = [
    ['donghu.registrar', 201],
    ['dhsq.agent', 201],
    ['donghu.room1', 403],
    ['donghu.supervisor', 403],
    ['admin', 403],
    ['sysadmin', 403],
    ['secadmin', 403],
    ['auditor', 403],
    [null, 401],
  ];
  it.each(rows)('%s → %i', async (who, expected) => {
    const regionCode = who === 'dhsq.agent' ? '990102001001' : '990102001002';
    const response = await call(who, 'POST', '/api/petitions', petitionInput({ regionCode, channel: who === 'dhsq.agent' ? 'agent' : 'visit' }));
    expect(response.status).toBe(expected);
  });
});

describe('administration, split between three administrators', () => {
  const rows: [string, string | null, string, number][] = [
    ['organisation', 'sysadmin', 'GET /api/admin/org/units', 200],
    ['organisation', 'secadmin', 'GET /api/admin/org/units', 403],
    ['organisation', 'auditor', 'GET /api/admin/org/units', 403],
    ['organisation', 'admin', 'GET /api/admin/org/units', 403],
    ['organisation', 'donghu.room1', 'GET /api/admin/org/units', 403],
    ['organisation import template', 'sysadmin', 'GET /api/admin/org-import/template', 200],
    ['organisation import template', 'secadmin', 'GET /api/admin/org-import/template', 403],
    ['organisation import template', 'auditor', 'GET /api/admin/org-import/template', 403],
    ['organisation import template', 'donghu.room1', 'GET /api/admin/org-import/template', 403],
    ['organisation import template', null, 'GET /api/admin/org-import/template', 401],
    ['organisation import', 'secadmin', 'POST /api/admin/org-import', 403],
    ['organisation import', 'auditor', 'POST /api/admin/org-import', 403],
    ['organisation import', 'admin', 'POST /api/admin/org-import', 403],
    ['organisation import', 'city.head', 'POST /api/admin/org-import', 403],
    ['organisation import', null, 'POST /api/admin/org-import', 401],
    ['accounts', 'sysadmin', 'GET /api/admin/users', 200],
    ['accounts', 'secadmin', 'GET /api/admin/users', 200],
    ['accounts', 'auditor', 'GET /api/admin/users', 403],
    ['accounts', 'city.head', 'GET /api/admin/users', 403],
    ['creating accounts', 'secadmin', 'POST /api/admin/users', 403],
    ['creating accounts', 'auditor', 'POST /api/admin/users', 403],
    ['granting roles', 'sysadmin', 'PUT /api/admin/users/donghu.room2/roles', 403],
    ['granting roles', 'auditor', 'PUT /api/admin/users/donghu.room2/roles', 403],
    ['unlocking', 'sysadmin', 'POST /api/admin/users/donghu.room2/unlock', 403],
    ['deploying processes', 'sysadmin', 'POST /api/processes/deploy', 403],
    ['deploying processes', 'donghu.room1', 'POST /api/processes/deploy', 403],
    ['audit log', 'auditor', 'GET /api/audit', 200],
    ['audit log', 'sysadmin', 'GET /api/audit', 403],
    ['audit log', 'secadmin', 'GET /api/audit', 403],
    ['audit log', 'admin', 'GET /api/audit', 403],
    ['audit log', 'city.supervisor', 'GET /api/audit', 403],
    ['audit log', null, 'GET /api/audit', 401],
    ['audit verification', 'auditor', 'GET /api/audit/verify', 200],
    ['audit verification', 'secadmin', 'GET /api/audit/verify', 403],
  ];
  it.each(rows)('%s: %s → %s is %i', async (_what, who, route, expected) => {
    const [method, path] = route.split(' ');
    const body = method === 'GET' ? undefined : method === 'PUT' ? { roles: ['handler'] } : {};
    expect((await call(who, method, path, body)).status).toBe(expected);
  });

  it('lets the security administrator grant roles, but not to themself, and keeps administrator roles apart', async () => {
    expect((await call('secadmin', 'PUT', '/api/admin/users/donghu.room2/roles', { roles: ['handler'] })).status).toBe(200);
    expect((await call('secadmin', 'PUT', '/api/admin/users/secadmin/roles', { roles: ['security-admin', 'auditor'] })).status).toBe(403);
    const combined = await api('PUT', '/api/admin/users/donghu.room2/roles', {
      token: await login('secadmin'),
      body: { roles: ['handler', 'auditor'] },
      lang: 'zh-CN',
    });
    expect(combined.status).toBe(400);
    expect(combined.body.message).toContain('三类角色须分别授予不同人员');
  });
});

describe('the public progress page', () => {
  it('needs no sign-in but the query code', async () => {
    expect((await api('GET', `/api/public/progress?number=${complaint.number}&code=${complaint.queryCode}`)).status).toBe(200);
    expect((await api('GET', `/api/public/progress?number=${complaint.number}&code=AAAA-AAAA-AAAA`)).status).toBe(404);
  });
});

describe('approving for a unit', () => {
  it('is for the unit head: a handler of the same unit neither sees nor completes the review of a completion report', async () => {
    // given a case the county's first room assigned down to the township, which has replied
    const assigned = await register();
    const accept = await waitForTask('donghu.room1', assigned.id, 'accept-decision');
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const body = { decision: 'assign-down', targetUnitCode: '990102001-petition-office', reason: '请街道就地化解', dueDate: due };
    expect((await complete('donghu.room1', accept.id, body)).status).toBe(204);
    for (const [step, form] of [
      ['accept-decision', { decision: 'accept' }],
      ['handle-petition', { findings: '已现场核实' }],
      ['reply-petition', { replyOutcome: 'support', replyText: '责成物业维修' }],
    ] as const) {
      const next = await waitForTask('dhjd.handler', assigned.id, step);
      expect((await complete('dhjd.handler', next.id, form)).status).toBe(204);
    }
    const review = await waitForTask('donghu.room1.head', assigned.id, 'review-completion-report');

    // then the handler cannot act on it
    const handlerList = await call('donghu.room1', 'GET', '/api/tasks?maxResults=200');
    expect(handlerList.body.items.some((t: { id: string }) => t.id === review.id)).toBe(false);
    expect((await complete('donghu.room1', review.id, { approved: true })).status).toBe(404);
    // and the head can
    expect((await complete('donghu.room1.head', review.id, { approved: true })).status).toBe(204);
  });
});

describe('deadlines, supervision and reports', () => {
  const rows: [string | null, string, number][] = [
    ['donghu.supervisor', 'GET /api/reports/overdue', 200],
    ['city.supervisor', 'GET /api/reports/overdue', 200],
    ['donghu.room1.head', 'GET /api/reports/overdue', 200],
    ['donghu.room1', 'GET /api/reports/overdue', 403],
    ['donghu.registrar', 'GET /api/reports/overdue', 403],
    ['auditor', 'GET /api/reports/overdue', 403],
    ['sysadmin', 'GET /api/reports/overdue', 403],
    [null, 'GET /api/reports/overdue', 401],
    ['donghu.supervisor', 'GET /api/reports/overdue.xlsx', 200],
    ['donghu.room1.head', 'GET /api/reports/overdue.xlsx', 200],
    ['donghu.room1', 'GET /api/reports/overdue.xlsx', 403],
    ['donghu.registrar', 'GET /api/reports/overdue.xlsx', 403],
    ['auditor', 'GET /api/reports/overdue.xlsx', 403],
    ['sysadmin', 'GET /api/reports/overdue.xlsx', 403],
    [null, 'GET /api/reports/overdue.xlsx', 401],
    ['donghu.supervisor', 'GET /api/reports/annual?year=2025', 200],
    ['city.supervisor', 'GET /api/reports/annual?year=2025&regionCode=990121', 200],
    ['donghu.supervisor', 'GET /api/reports/annual?year=2025&regionCode=990121', 404], // another county: not in reach
    ['donghu.supervisor', 'GET /api/reports/annual?year=2100', 400], // a future year
    ['donghu.room1.head', 'GET /api/reports/annual?year=2025', 403],
    ['donghu.room1', 'GET /api/reports/annual?year=2025', 403],
    ['auditor', 'GET /api/reports/annual?year=2025', 403],
    [null, 'GET /api/reports/annual?year=2025', 401],
    ['donghu.supervisor', 'GET /api/reports/annual.pdf?year=2025', 200],
    ['qingshan.supervisor', 'GET /api/reports/annual.pdf?year=2025&regionCode=990102', 404],
    ['donghu.room1.head', 'GET /api/reports/annual.pdf?year=2025', 403],
    [null, 'GET /api/reports/annual.pdf?year=2025', 401],
    ['donghu.supervisor', 'GET /api/reports/annual.xlsx?year=2025', 200],
    ['donghu.registrar', 'GET /api/reports/annual.xlsx?year=2025', 403],
    [null, 'GET /api/reports/annual.xlsx?year=2025', 401],
    ['donghu.supervisor', 'GET /api/kpis?from=2026-01&to=2026-12', 200],
    ['city.supervisor', 'GET /api/kpis?from=2026-01&to=2026-12', 200],
    ['donghu.room1.head', 'GET /api/kpis?from=2026-01&to=2026-12&unitCode=990102-handling-room-1', 200],
    ['donghu.room1.head', 'GET /api/kpis?from=2026-01&to=2026-12&unitCode=990102-handling-room-2', 404],
    ['donghu.room1', 'GET /api/kpis?from=2026-01&to=2026-12', 403],
    ['donghu.registrar', 'GET /api/kpis?from=2026-01&to=2026-12', 403],
    ['auditor', 'GET /api/kpis?from=2026-01&to=2026-12', 403],
    [null, 'GET /api/kpis?from=2026-01&to=2026-12', 401],
    ['city.supervisor', 'GET /api/scores?period=2026-01&level=county', 200],
    ['donghu.supervisor', 'GET /api/scores?period=2026-01&level=township', 200],
    ['donghu.supervisor', 'GET /api/scores?period=2026-01&level=county', 403],
    ['donghu.supervisor', 'GET /api/scores?period=2026-01&level=county&regionCode=990100', 404],
    ['donghu.room1.head', 'GET /api/scores?period=2026-01&level=county', 200],
    ['donghu.room1', 'GET /api/scores?period=2026-01&level=county', 403],
    ['auditor', 'GET /api/scores?period=2026-01&level=county', 403],
    [null, 'GET /api/scores?period=2026-01&level=county', 401],
    ['donghu.supervisor', 'GET /api/scores/export?period=2026-01&level=township', 200],
    ['donghu.room1', 'GET /api/scores/export?period=2026-01&level=township', 403],
    ['donghu.room1', 'POST /api/scores/close', 403],
    ['admin', 'POST /api/scores/close', 403],
    ['auditor', 'POST /api/scores/close', 403],
    [null, 'POST /api/scores/close', 401],
    ['city.supervisor', 'GET /api/kpis?from=2026-01&to=2026-12&by=region', 200],
    ['donghu.supervisor', 'GET /api/kpis?from=2026-01&to=2026-12&by=region&regionCode=990100', 404],
    ['donghu.room1.head', 'GET /api/kpis?from=2026-01&to=2026-12&by=tier', 403],
    ['donghu.room1.head', 'GET /api/kpis/trend?from=2026-01&to=2026-12', 200],
    ['donghu.room1.head', 'GET /api/kpis/trend?from=2026-01&to=2026-12&unitCode=990102-handling-room-2', 404],
    ['donghu.room1', 'GET /api/kpis/trend?from=2026-01&to=2026-12', 403],
    ['donghu.supervisor', 'GET /api/kpis/cases?from=2026-01&to=2026-12&regionCode=990102&metric=accepted', 200],
    ['qingshan.supervisor', 'GET /api/kpis/cases?from=2026-01&to=2026-12&regionCode=990102&metric=accepted', 404],
    ['donghu.registrar', 'GET /api/kpis/cases?from=2026-01&to=2026-12&metric=accepted', 403],
    ['donghu.supervisor', 'GET /api/kpis/export?from=2026-01&to=2026-12', 200],
    ['donghu.room1', 'GET /api/kpis/export?from=2026-01&to=2026-12', 403],
    [null, 'GET /api/kpis/export?from=2026-01&to=2026-12', 401],
    ['donghu.supervisor', 'GET /api/kpis/cases/export?from=2026-01&to=2026-12&metric=accepted', 200],
    ['donghu.room1', 'GET /api/kpis/cases/export?from=2026-01&to=2026-12&metric=accepted', 403],
    ['donghu.supervisor', 'GET /api/supervision', 200],
    ['donghu.room1', 'GET /api/supervision', 200],
    ['donghu.registrar', 'GET /api/supervision', 403],
    ['auditor', 'GET /api/supervision', 403],
    ['donghu.room1', 'POST /api/supervision', 403],
    ['donghu.room1', 'GET /api/calendar/2026', 200],
    [null, 'GET /api/calendar/2026', 401],
    ['donghu.supervisor', 'PUT /api/admin/calendar/2040', 403],
    ['secadmin', 'PUT /api/admin/calendar/2040', 403],
    ['sysadmin', 'PUT /api/admin/calendar/2040', 200],
    ['admin', 'POST /api/admin/task-index/reconcile', 403],
    ['sysadmin', 'POST /api/admin/task-index/reconcile', 200],
  ];
  it.each(rows)('%s: %s → %i', async (who, route, expected) => {
    const [method, path] = route.split(' ');
    const body = method === 'PUT' ? { days: [] } : method === 'POST' && path === '/api/supervision' ? { taskId: 'x', kind: 'reminder' } : undefined;
    expect((await call(who, method, path, body)).status).toBe(expected);
  });
});

describe('the public notice board and a supervisor’s say over it', () => {
  it('is read without signing in; taking down, withholding and restoring are for a supervisor whose region holds the matter', async () => {
    const reason = '矩阵测试：撤下公示';
    const takedown = { petitionId: complaint.id, reason };
    const rows: [string | null, string, unknown, number][] = [
      [null, 'GET /api/public/board?regionCode=990102', undefined, 200],
      [null, 'GET /api/public/board/regions', undefined, 200],
      [null, 'GET /api/public/board/figures', undefined, 200],
      ['donghu.room1', 'GET /api/public/board?section=results', undefined, 200],
      [null, 'POST /api/board/takedowns', takedown, 401],
      ['donghu.room1', 'POST /api/board/takedowns', takedown, 403],
      ['donghu.room1.head', 'POST /api/board/takedowns', takedown, 403],
      ['donghu.registrar', 'POST /api/board/takedowns', takedown, 403],
      ['auditor', 'POST /api/board/takedowns', takedown, 403],
      ['sysadmin', 'POST /api/board/takedowns', takedown, 403],
      ['qingshan.supervisor', 'POST /api/board/takedowns', takedown, 404], // another county: not in reach
      ['donghu.supervisor', 'POST /api/board/takedowns', takedown, 201],
      ['city.supervisor', 'POST /api/board/takedowns', takedown, 200], // the same exclusion, already in force
      ['donghu.room1', 'POST /api/board/withholdings', takedown, 403],
      ['qingshan.supervisor', 'POST /api/board/withholdings', takedown, 404],
      [null, 'GET /api/board/exclusions', undefined, 401],
      ['donghu.room1', 'GET /api/board/exclusions', undefined, 403],
      ['auditor', 'GET /api/board/exclusions', undefined, 403],
      ['donghu.supervisor', 'GET /api/board/exclusions', undefined, 200],
      [null, `DELETE /api/board/exclusions/${complaint.id}`, { reason }, 401],
      ['donghu.room1', `DELETE /api/board/exclusions/${complaint.id}`, { reason }, 403],
      ['qingshan.supervisor', `DELETE /api/board/exclusions/${complaint.id}`, { reason }, 404],
      ['city.supervisor', `DELETE /api/board/exclusions/${complaint.id}`, { reason: '矩阵测试：恢复公示' }, 200],
    ];
    const answers = [];
    for (const [who, route, body, expected] of rows) {
      const [method, path] = route.split(' ');
      answers.push([who, route, (await call(who, method, path, body)).status, expected]);
    }
    expect(answers.filter(([, , status, expected]) => status !== expected)).toEqual([]);
  });
});

describe('attachments (附件) of a petition', () => {
  // A 1×1 PNG; every upload sends it anew.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const form = (stage: string) => {
    const data = new FormData();
    data.append('stage', stage);
    data.append('file', new Blob([png], { type: 'image/png' }), '矩阵测试.png');
    return data;
  };

  it('are added by those who took the case in (materials) or work on it, read by those who may read it and its content', async () => {
    const seeded = await call('donghu.registrar', 'POST', `/api/petitions/${complaint.id}/attachments`, form('materials'));
    expect(seeded.status).toBe(201);
    const onComplaint = seeded.body[0].id as string;
    const secret = await call('donghu.registrar', 'POST', `/api/petitions/${accusation.id}/attachments`, form('materials'));
    expect(secret.status).toBe(201);
    const onAccusation = secret.body[0].id as string;

    const rows: [string | null, string, string | undefined, number][] = [
      [null, `POST /api/petitions/${complaint.id}/attachments`, 'materials', 401],
      ['donghu.registrar', `POST /api/petitions/${complaint.id}/attachments`, 'evidence', 403], // the desk adds the materials only
      ['donghu.room1', `POST /api/petitions/${complaint.id}/attachments`, 'evidence', 201], // the unit holding it
      ['donghu.room1.head', `POST /api/petitions/${complaint.id}/attachments`, 'reply', 201],
      ['donghu.supervisor', `POST /api/petitions/${complaint.id}/attachments`, 'materials', 403], // reads it, does not work on it
      ['donghu.room2', `POST /api/petitions/${complaint.id}/attachments`, 'materials', 404],
      ['qingshan.room1', `POST /api/petitions/${complaint.id}/attachments`, 'materials', 404],
      ['sysadmin', `POST /api/petitions/${complaint.id}/attachments`, 'materials', 404],
      [null, `GET /api/petitions/${complaint.id}/attachments`, undefined, 401],
      ['donghu.registrar', `GET /api/petitions/${complaint.id}/attachments`, undefined, 200],
      ['donghu.room1', `GET /api/petitions/${complaint.id}/attachments`, undefined, 200],
      ['city.supervisor', `GET /api/petitions/${complaint.id}/attachments`, undefined, 200],
      ['donghu.room2', `GET /api/petitions/${complaint.id}/attachments`, undefined, 404],
      ['qingshan.room1', `GET /api/petitions/${complaint.id}/attachments`, undefined, 404],
      ['auditor', `GET /api/petitions/${complaint.id}/attachments`, undefined, 404],
      ['donghu.discipline', `GET /api/petitions/${accusation.id}/attachments`, undefined, 200],
      ['donghu.registrar', `GET /api/petitions/${accusation.id}/attachments`, undefined, 403], // follows it, may not read its content
      ['donghu.room1', `GET /api/petitions/${accusation.id}/attachments`, undefined, 404],
      [null, `GET /api/attachments/${onComplaint}/content`, undefined, 401],
      ['donghu.room1', `GET /api/attachments/${onComplaint}/content`, undefined, 200],
      ['donghu.supervisor', `GET /api/attachments/${onComplaint}/content`, undefined, 200],
      ['donghu.room2', `GET /api/attachments/${onComplaint}/content`, undefined, 404],
      ['qingshan.room1', `GET /api/attachments/${onComplaint}/content`, undefined, 404],
      ['admin', `GET /api/attachments/${onComplaint}/content`, undefined, 404],
      ['donghu.discipline', `GET /api/attachments/${onAccusation}/content`, undefined, 200],
      ['donghu.registrar', `GET /api/attachments/${onAccusation}/content`, undefined, 404],
      ['city.supervisor', `GET /api/attachments/${onAccusation}/content`, undefined, 404],
      ['qingshan.discipline', `GET /api/attachments/${onAccusation}/content`, undefined, 404],
    ];
    const answers = [];
    for (const [who, route, stage, expected] of rows) {
      const [method, path] = route.split(' ');
      answers.push([who, route, stage, (await call(who, method, path, stage ? form(stage) : undefined)).status, expected]);
    }
    expect(answers.filter(([, , , status, expected]) => status !== expected)).toEqual([]);
  });
});

describe('the liveness and readiness probes', () => {
  // Open to everyone, as /api/health is: a load balancer or an orchestrator asks without signing in.
  // They tell whether the process can serve (and why not), nothing about any case. Metrics are not on
  // this port at all (METRICS_PORT, see test/integration/metrics.spec.ts).
  const rows: [string | null, string, number][] = [
    [null, 'GET /api/health/live', 200],
    [null, 'GET /api/health/ready', 200],
    ['donghu.room1', 'GET /api/health/live', 200],
    ['sysadmin', 'GET /api/health/ready', 200],
    [null, 'POST /api/health/ready', 404],
    [null, 'GET /api/metrics', 404],
  ];
  it.each(rows)('%s: %s → %i', async (who, route, expected) => {
    const [method, path] = route.split(' ');
    expect((await call(who, method, path)).status).toBe(expected);
  });
});

import { randomUUID } from 'node:crypto';
import { api, engine, eventually, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';

// 办件台 (issue #16 part 3): who holds a unit's case and how it changes hands.
const ROOM = '990102-handling-room-1';
const HANDLER = 'donghu.room1';
const HEAD = 'donghu.room1.head';
const PASSWORD = 'Desk#2026-strong';

type Person = { username: string; name: string };
type Item = {
  id: string;
  step: string;
  assignee: string | null;
  assignedTo: Person | null;
  owner: Person | null;
  state: string;
  receivedAt: string;
  due: string | null;
  petitioner: string | null;
  petition: { id: string; number: string; subject: string } | null;
};

const tokens = new Map<string, string>();
async function tokenOf(username: string): Promise<string> {
  // Demo accounts through the harness (one session each: signing in again would end the harness's).
  if (!username.startsWith('desk.')) return login(username);
  if (tokens.has(username)) return tokens.get(username)!;
  const response = await api('POST', '/api/auth/login', { body: { username, password: PASSWORD } });
  expect(response.status).toBe(200);
  tokens.set(username, response.body.accessToken);
  return response.body.accessToken;
}

const call = async (method: string, username: string, path: string, body?: unknown) =>
  api(method, path, { token: await tokenOf(username), body, lang: 'en' });

/** A second handler in room 1, made for this file (the demo room has one handler and its head). */
async function colleague(): Promise<string> {
  const username = `desk.${randomUUID().slice(0, 8)}`;
  const created = await api('POST', '/api/admin/users', {
    token: await login('sysadmin'),
    body: { username, displayName: '第一办理室经办人 周敏', unitCode: ROOM, password: PASSWORD },
  });
  expect(created.status).toBe(201);
  const granted = await api('PUT', `/api/admin/users/${username}/roles`, { token: await login('secadmin'), body: { roles: ['handler'] } });
  expect(granted.status).toBe(200);
  return username;
}

async function tasksOf(username: string, query = ''): Promise<{ total: number; items: Item[] }> {
  const response = await call('GET', username, `/api/tasks?maxResults=200&${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** The open task of the petition at `step`, as the engine has it (assignee included). */
async function engineTask(petitionNumber: string, step: string) {
  return eventually(
    async () => (await engine<{ id: string; assignee: string | null; owner: string | null }[]>('POST', '/task', { processInstanceBusinessKey: petitionNumber, taskDefinitionKey: step }))[0],
    { what: `${step} of ${petitionNumber}` },
  );
}

describe('the desk: the claimer keeps the case at the unit', () => {
  it('a handler who accepts a case handles and replies to it without claiming again', async () => {
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    expect((await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`)).status).toBe(200);
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);

    // the next step is the handler's, not the pool's
    const handle = await engineTask(petition.number, 'handle-petition');
    expect(handle.assignee).toBe(HANDLER);
    const mine = await tasksOf(HANDLER, 'filter=mine');
    const listed = mine.items.find((t) => t.id === handle.id)!;
    expect(listed).toMatchObject({ state: 'claimed', assignee: HANDLER, assignedTo: { username: HANDLER, name: '东湖区第一办理室经办人 刘洋' } });
    expect((await tasksOf(HANDLER, 'filter=unclaimed')).items.some((t) => t.id === handle.id)).toBe(false);

    expect((await complete(HANDLER, handle.id, { findings: '经调查，道路破损属实，已联系养护单位。' })).status).toBe(204);
    const reply = await engineTask(petition.number, 'reply-petition');
    expect(reply.assignee).toBe(HANDLER);

    // the reply step shows what the investigation found
    const detail = await call('GET', HANDLER, `/api/tasks/${reply.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.context.findings).toBe('经调查，道路破损属实，已联系养护单位。');
    // the handler of the holding unit sees where the petitioner lives
    expect(detail.body.context.addresses.length).toBeGreaterThan(0);
    // the head of another unit does not reach the task at all
    expect((await call('GET', 'donghu.room2', `/api/tasks/${reply.id}`)).status).toBe(404);
  });

  it('unclaim puts the task and the case back in the pool: the next step is unassigned', async () => {
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`);
    const released = await call('POST', HANDLER, `/api/tasks/${accept.id}/unclaim`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ assignee: null, state: 'unclaimed' });
    expect((await tasksOf(HANDLER, 'filter=unclaimed')).items.some((t) => t.id === accept.id)).toBe(true);
    // unclaiming a task nobody holds is refused
    expect((await call('POST', HANDLER, `/api/tasks/${accept.id}/unclaim`)).status).toBe(409);

    await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`);
    const handleAfter = await (async () => {
      expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
      return engineTask(petition.number, 'handle-petition');
    })();
    expect(handleAfter.assignee).toBe(HANDLER);
    // released at the handle step, the reply step that follows goes to the pool
    expect((await call('POST', HANDLER, `/api/tasks/${handleAfter.id}/unclaim`)).status).toBe(200);
    expect((await complete(HANDLER, handleAfter.id, { findings: '核实完毕' })).status).toBe(204);
    // completing claims for the completer, who then keeps the case again
    expect((await engineTask(petition.number, 'reply-petition')).assignee).toBe(HANDLER);
  });

  it('the head reassigns; a handler may not; another unit cannot touch the task', async () => {
    const other = await colleague();
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`);

    // a handler cannot reassign
    const refused = await call('POST', HANDLER, `/api/tasks/${accept.id}/assign`, { username: other });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('unit head');
    // another unit's handler neither unclaims nor assigns (the task is not theirs to see)
    expect((await call('POST', 'donghu.room2', `/api/tasks/${accept.id}/unclaim`)).status).toBe(404);
    expect((await call('POST', 'donghu.room2', `/api/tasks/${accept.id}/assign`, { username: other })).status).toBe(404);
    // a colleague who holds nothing cannot put it back
    expect((await call('POST', other, `/api/tasks/${accept.id}/unclaim`)).status).toBe(403);
    // the head cannot hand it to someone outside the unit, nor to nobody
    expect((await call('POST', HEAD, `/api/tasks/${accept.id}/assign`, { username: 'donghu.room2' })).status).toBe(400);
    expect((await call('POST', HEAD, `/api/tasks/${accept.id}/assign`, {})).status).toBe(400);

    // the colleague list offers the unit's people who may do the step
    const people = await call('GET', HEAD, `/api/tasks/${accept.id}/colleagues`);
    expect(people.status).toBe(200);
    expect(people.body.map((p: Person) => p.username)).toEqual(expect.arrayContaining([HANDLER, HEAD, other]));
    expect(people.body.map((p: Person) => p.username)).not.toContain('donghu.room2');

    const assigned = await call('POST', HEAD, `/api/tasks/${accept.id}/assign`, { username: other });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedTo).toEqual({ username: other, name: '第一办理室经办人 周敏' });
    expect((await engineTask(petition.number, 'accept-decision')).assignee).toBe(other);
    // the former holder cannot complete it any more; the new one can, and keeps the case
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(409);
    expect((await call('POST', other, `/api/tasks/${accept.id}/complete`, { decision: 'accept' })).status).toBe(204);
    expect((await engineTask(petition.number, 'handle-petition')).assignee).toBe(other);
    // the head may put another's task back in the pool
    const handle = await engineTask(petition.number, 'handle-petition');
    expect((await call('POST', HEAD, `/api/tasks/${handle.id}/unclaim`)).status).toBe(200);
    expect((await engineTask(petition.number, 'handle-petition')).assignee).toBeNull();
  });

  it('a delegated task comes back to its owner when the delegate is done; the owner completes the step', async () => {
    const other = await colleague();
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`);
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await engineTask(petition.number, 'handle-petition');

    // only the holder delegates
    expect((await call('POST', other, `/api/tasks/${handle.id}/delegate`, { username: HEAD })).status).toBe(403);
    expect((await call('POST', HANDLER, `/api/tasks/${handle.id}/delegate`, { username: HANDLER })).status).toBe(400);
    const delegated = await call('POST', HANDLER, `/api/tasks/${handle.id}/delegate`, { username: other });
    expect(delegated.status).toBe(200);
    expect(delegated.body).toMatchObject({ state: 'delegated', assignee: other, owner: { username: HANDLER } });
    const listed = (await tasksOf(other, 'filter=mine')).items.find((t) => t.id === handle.id)!;
    expect(listed).toMatchObject({ state: 'delegated', owner: { username: HANDLER, name: '东湖区第一办理室经办人 刘洋' } });

    // the owner cannot complete while the delegate has it
    expect((await complete(HANDLER, handle.id, { findings: '抢先' })).status).toBe(409);
    // the delegate's completion hands it back instead of ending the step
    const resolved = await call('POST', other, `/api/tasks/${handle.id}/complete`, { findings: '受托核实：情况属实' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'returned', owner: { username: HANDLER } });
    expect(resolved.body.message).toContain('东湖区第一办理室经办人 刘洋');
    const back = await engine<{ assignee: string; owner: string; delegationState: string }>('GET', `/task/${handle.id}`);
    expect(back).toMatchObject({ assignee: HANDLER, owner: HANDLER, delegationState: 'RESOLVED' });
    // and the owner completes the step
    expect((await complete(HANDLER, handle.id, { findings: '情况属实，已整改' })).status).toBe(204);
    expect((await engineTask(petition.number, 'reply-petition')).assignee).toBe(HANDLER);
  });
});

describe('the desk: finding, ordering, done and approvals', () => {
  it('finds by any part of the number or subject words, sorts by due and received, and names people', async () => {
    const subject = `桥梁${randomUUID().slice(0, 6)} 护栏松动`;
    const [a, b] = [await register({ subject }), await register()];
    const taskA = await waitForTask(HANDLER, a.id, 'accept-decision');
    const taskB = await waitForTask(HANDLER, b.id, 'accept-decision');

    const byPart = await tasksOf(HANDLER, `q=${encodeURIComponent(a.number.slice(-6))}`);
    expect(byPart.items.map((t) => t.id)).toContain(taskA.id);
    expect(byPart.items.map((t) => t.id)).not.toContain(taskB.id);
    const bySubject = await tasksOf(HANDLER, `q=${encodeURIComponent(subject.split(' ')[0] + ' 护栏')}`);
    expect(bySubject.items.map((t) => t.id)).toEqual([taskA.id]);
    expect((await tasksOf(HANDLER, `q=${encodeURIComponent('不存在的事项zzz')}`)).items).toEqual([]);

    const item = bySubject.items[0];
    expect(item.receivedAt).toEqual(expect.any(String));
    expect(item.due).toEqual(expect.any(String));
    expect(item.petitioner).toEqual(expect.any(String));
    expect(item.state).toBe('unclaimed');

    // received: oldest arrival first, -received newest first (the engine keeps whole seconds on
    // MariaDB: tasks of the same second may come in either order)
    const at = (items: Item[]) => items.map((t) => Date.parse(t.receivedAt));
    const oldest = (await tasksOf(HANDLER, 'sort=received')).items;
    expect(at(oldest)).toEqual([...at(oldest)].sort((x, y) => x - y));
    expect(oldest.map((t) => t.id)).toEqual(expect.arrayContaining([taskA.id, taskB.id]));
    const newest = (await tasksOf(HANDLER, 'sort=-received')).items;
    expect(at(newest)).toEqual([...at(newest)].sort((x, y) => y - x));
    expect(at(newest)[0]).toBeGreaterThan(at(newest)[at(newest).length - 1]);
    const due = (await tasksOf(HANDLER, 'sort=-due')).items.map((t) => t.due ?? '');
    expect(due).toEqual([...due].sort().reverse());
    expect((await call('GET', HANDLER, '/api/tasks?sort=sideways')).status).toBe(400);
  });

  it('已办 lists what the caller completed, newest first, and approvals wait for the head', async () => {
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);

    // newest first; the engine keeps whole seconds on MariaDB, and other spec files complete this
    // handler's tasks at the same time, so the step is found among the newest rather than at [0]
    const done = await call('GET', HANDLER, '/api/tasks/done?maxResults=50');
    expect(done.status).toBe(200);
    const items = done.body.items as { id: string; completedAt: string }[];
    const mine = items.find((t) => t.id === accept.id);
    expect(mine).toMatchObject({ step: 'accept-decision', petition: { id: petition.id, number: petition.number } });
    expect(mine?.completedAt).toEqual(expect.any(String));
    const completedAt = items.map((t) => Date.parse(t.completedAt));
    expect(completedAt).toEqual([...completedAt].sort((x, y) => y - x));
    expect(done.body.total).toBeGreaterThanOrEqual(1);
    // another person's 已办 does not hold it
    const others = await call('GET', 'donghu.room2', '/api/tasks/done?maxResults=200');
    expect(others.body.items.map((t: { id: string }) => t.id)).not.toContain(accept.id);

    // the handler asks for an extension: the head sees it waiting for approval, the handler's task says so
    const handle = await engineTask(petition.number, 'handle-petition');
    const asked = await call('POST', HANDLER, `/api/tasks/${handle.id}/extension`, { days: 10, reason: '需现场复核' });
    expect(asked.status).toBe(201);
    const approval = await eventually(
      async () => (await tasksOf(HEAD, 'awaiting=approval')).items.find((t) => t.petition?.id === petition.id),
      { what: 'the extension approval' },
    );
    expect(approval.step).toBe('approve-extension');
    expect(approval.assignee).toBeNull();
    expect((await tasksOf(HANDLER, 'awaiting=approval')).items).toEqual([]);
    const waiting = await eventually(
      async () => (await tasksOf(HANDLER, 'filter=mine')).items.find((t) => t.id === handle.id && t.state === 'awaiting-approval'),
      { what: 'the handling task waiting for approval' },
    );
    expect(waiting).toBeTruthy();

    // the head's comment is kept as the decision's note, the handler's reason beside it
    expect((await complete(HEAD, approval.id, { approved: true, reason: '同意，抓紧办理' })).status).toBe(204);
    const timeline = await call('GET', HANDLER, `/api/petitions/${petition.id}`);
    const events = (timeline.body.events ?? timeline.body.timeline ?? []) as { kind: string; note: string | null; data?: Record<string, unknown> }[];
    const approved = events.find((e) => e.kind === 'extension-approved');
    expect(approved?.note).toBe('同意，抓紧办理');
    expect(approved?.data?.requestReason).toBe('需现场复核');
    // the approval did not take the case from its handler
    expect((await engineTask(petition.number, 'handle-petition')).assignee).toBe(HANDLER);
  });
});

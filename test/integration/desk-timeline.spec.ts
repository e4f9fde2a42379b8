import { randomUUID } from 'node:crypto';
import { api, engine, eventually, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';

// The desk's hand-overs on the case's timeline, by name, and the delegate's input kept for the owner.
const ROOM = '990102-handling-room-1';
const HANDLER = 'donghu.room1';
const HANDLER_NAME = '东湖区第一办理室经办人 刘洋';
const HEAD = 'donghu.room1.head';
const HEAD_NAME = '东湖区第一办理室主任 马骏';
const PASSWORD = 'Desk#2026-strong';
const COLLEAGUE_NAME = '第一办理室经办人 赵六';

type Entry = {
  kind: string;
  actor: string;
  by: { username: string; name: string | null } | null;
  data: Record<string, unknown> | null;
  params: Record<string, string | number | boolean>;
};

let colleagueToken = '';
async function tokenOf(username: string): Promise<string> {
  if (!username.startsWith('desk.')) return login(username);
  if (!colleagueToken) {
    const response = await api('POST', '/api/auth/login', { body: { username, password: PASSWORD } });
    expect(response.status).toBe(200);
    colleagueToken = response.body.accessToken;
  }
  return colleagueToken;
}

const call = async (method: string, username: string, path: string, body?: unknown) =>
  api(method, path, { token: await tokenOf(username), body, lang: 'en' });

/** A second handler in room 1 (the demo room has one handler and its head). */
async function colleague(): Promise<string> {
  const username = `desk.${randomUUID().slice(0, 8)}`;
  const created = await api('POST', '/api/admin/users', {
    token: await login('sysadmin'),
    body: { username, displayName: COLLEAGUE_NAME, unitCode: ROOM, password: PASSWORD },
  });
  expect(created.status).toBe(201);
  const granted = await api('PUT', `/api/admin/users/${username}/roles`, { token: await login('secadmin'), body: { roles: ['handler'] } });
  expect(granted.status).toBe(200);
  return username;
}

async function engineTask(petitionNumber: string, step: string) {
  return eventually(
    async () => (await engine<{ id: string; assignee: string | null }[]>('POST', '/task', { processInstanceBusinessKey: petitionNumber, taskDefinitionKey: step }))[0],
    { what: `${step} of ${petitionNumber}` },
  );
}

const DESK_KINDS = ['task-unclaimed', 'task-reassigned', 'task-delegated', 'delegation-resolved'];

async function deskEntries(petitionId: string): Promise<Entry[]> {
  const response = await call('GET', HANDLER, `/api/petitions/${petitionId}`);
  expect(response.status).toBe(200);
  return (response.body.timeline as Entry[]).filter((e) => DESK_KINDS.includes(e.kind));
}

describe('the desk on the case timeline', () => {
  let other: string;
  beforeAll(async () => {
    other = await colleague();
  });

  it('reassign, unclaim, delegate and the return are on the timeline with names, once each however often retried', async () => {
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    expect((await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`)).status).toBe(200);
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await engineTask(petition.number, 'handle-petition');
    expect(handle.assignee).toBe(HANDLER);

    // 改派 by the head, sent twice: the second changed nothing and writes nothing
    expect((await call('POST', HEAD, `/api/tasks/${handle.id}/assign`, { username: other })).status).toBe(200);
    expect((await call('POST', HEAD, `/api/tasks/${handle.id}/assign`, { username: other })).status).toBe(200);
    // 退回任务池 by the colleague; the retry is refused and writes nothing
    expect((await call('POST', other, `/api/tasks/${handle.id}/unclaim`)).status).toBe(200);
    expect((await call('POST', other, `/api/tasks/${handle.id}/unclaim`)).status).toBe(409);
    // 委托 by the handler, who claims it again; a second delegation is refused
    expect((await call('POST', HANDLER, `/api/tasks/${handle.id}/claim`)).status).toBe(200);
    expect((await call('POST', HANDLER, `/api/tasks/${handle.id}/delegate`, { username: other })).status).toBe(200);
    expect((await call('POST', HANDLER, `/api/tasks/${handle.id}/delegate`, { username: other })).status).toBe(403);
    // the delegate's work goes back; sent again, it is no longer theirs
    expect((await call('POST', other, `/api/tasks/${handle.id}/complete`, { findings: '受托核实：路面破损约三平方米' })).status).toBe(200);
    expect((await call('POST', other, `/api/tasks/${handle.id}/complete`, { findings: '受托核实：路面破损约三平方米' })).status).toBe(409);

    const entries = await deskEntries(petition.id);
    expect(entries.map((e) => [e.kind, e.by])).toEqual([
      ['task-reassigned', { username: HEAD, name: HEAD_NAME }],
      ['task-unclaimed', { username: other, name: COLLEAGUE_NAME }],
      ['task-delegated', { username: HANDLER, name: HANDLER_NAME }],
      ['delegation-resolved', { username: other, name: COLLEAGUE_NAME }],
    ]);
    const [reassigned, unclaimed, delegated, resolved] = entries;
    expect(reassigned.params).toMatchObject({ step: 'handle-petition', assignee: other, assigneeName: COLLEAGUE_NAME, holder: HANDLER, holderName: HANDLER_NAME });
    expect(unclaimed.params).toMatchObject({ step: 'handle-petition', holder: other, holderName: COLLEAGUE_NAME });
    expect(delegated.params).toMatchObject({ step: 'handle-petition', delegate: other, delegateName: COLLEAGUE_NAME });
    expect(resolved.params).toMatchObject({ step: 'handle-petition', owner: HANDLER, ownerName: HANDLER_NAME });
    // what the delegate wrote is for the owner's task page, not for every reader of the timeline
    expect(JSON.stringify(entries)).not.toContain('路面破损');

    // the audit log keeps its entries as before: one per request that changed something
    const audit = await api('GET', `/api/audit?resourceId=${handle.id}&maxResults=50`, { token: await login('auditor') });
    expect(audit.status).toBe(200);
    const actions = (audit.body.items as { action: string; outcome: string }[]).filter((a) => a.outcome === 'success').map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['task.assign', 'task.unclaim', 'task.delegate', 'task.complete']));
  });

  it('the owner finds the delegate’s input in the returned task and completes the step with it', async () => {
    const petition = await register();
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    expect((await call('POST', HANDLER, `/api/tasks/${accept.id}/claim`)).status).toBe(200);
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await engineTask(petition.number, 'handle-petition');

    // nothing to take over before a delegate handed anything back
    expect((await call('GET', HANDLER, `/api/tasks/${handle.id}`)).body.delegateInput).toBeNull();
    expect((await call('POST', HANDLER, `/api/tasks/${handle.id}/delegate`, { username: other })).status).toBe(200);
    const findings = '受托核实：井盖缺失，已设置围挡，建议更换。';
    expect((await call('POST', other, `/api/tasks/${handle.id}/complete`, { findings })).status).toBe(200);

    // the owner's task page: who did it, and what they entered in the step's form
    const page = await call('GET', HANDLER, `/api/tasks/${handle.id}/page`);
    expect(page.status).toBe(200);
    expect(page.body.task.delegateInput).toEqual({ by: { username: other, name: COLLEAGUE_NAME }, at: expect.any(String), values: { findings } });
    // the engine does not carry what people wrote
    const variables = await engine<unknown[]>('GET', `/task/${handle.id}/localVariables`);
    expect(JSON.stringify(variables)).not.toContain('井盖');

    // the owner completes with it, and the case records the delegate's findings
    expect((await complete(HANDLER, handle.id, page.body.task.delegateInput.values)).status).toBe(204);
    const reply = await engineTask(petition.number, 'reply-petition');
    const detail = await call('GET', HANDLER, `/api/tasks/${reply.id}`);
    expect(detail.body.context.findings).toBe(findings);
  });
});

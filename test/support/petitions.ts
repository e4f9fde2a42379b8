import { randomUUID } from 'node:crypto';
import { api, eventually, engine, login } from './harness';
import { fireTimer, type TimerJob } from './statutory-clock';
import { checkCharacter } from '../../src/common/resident-id';

let matters = 0;

/**
 * A valid registration; tests change one thing at a time. Each call is a different matter (the
 * subject differs), so that repeat detection only fires where a test asks for it.
 */
export function petitionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'visit',
    category: 'complaint',
    matterScope: 'county',
    subject: `小区外墙脱落无人维修（${randomUUID().slice(0, 8)}-${++matters}）`,
    content: '柳岸小区3号楼外墙瓷砖多次脱落，砸坏车辆，物业和社区均未处理。',
    regionCode: '990102001002',
    personCount: 1,
    petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000', address: '柳岸小区3号楼' }],
    ...overrides,
  };
}

export interface Registered {
  id: string;
  number: string;
  queryCode: string;
  processInstanceId: string;
}

export async function register(overrides: Record<string, unknown> = {}, registrar = 'donghu.registrar'): Promise<Registered> {
  const response = await api('POST', '/api/petitions', { token: await login(registrar), body: petitionInput(overrides) });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Registered;
}

export interface TaskItem {
  id: string;
  step: string;
  due: string | null;
  assignee: string | null;
  petition: { id: string; number: string; subject: string } | null;
}

/** Waits until the unit's task list shows the petition at `step`. */
export async function waitForTask(username: string, petitionId: string, step: string): Promise<TaskItem> {
  const token = await login(username);
  return eventually(
    async () => {
      const response = await api('GET', '/api/tasks?maxResults=200', { token });
      return (response.body.items as TaskItem[]).find((t) => t.petition?.id === petitionId && t.step === step);
    },
    { what: `${step} task of ${petitionId} for ${username}` },
  );
}

export async function complete(username: string, taskId: string, body: Record<string, unknown>) {
  return api('POST', `/api/tasks/${taskId}/complete`, { token: await login(username), body });
}

export async function waitForProcessEnd(processInstanceId: string) {
  return eventually(
    async () => {
      const instance = await engine<{ state: string }>('GET', `/history/process-instance/${processInstanceId}`);
      return instance.state === 'COMPLETED' ? instance : undefined;
    },
    { what: `process ${processInstanceId} to complete` },
  );
}

/** The timer job a process instance (or one it called) waits on at `activityId`, once it is there. */
export async function timerAt(processInstanceId: string, activityId: string): Promise<TimerJob> {
  return eventually(
    async () => {
      const definitions = await engine<{ id: string; activityId: string }[]>('GET', `/job-definition?activityIdIn=${activityId}`);
      const ids = new Set(definitions.map((d) => d.id));
      const jobs = await engine<{ id: string; dueDate: string; jobDefinitionId: string }[]>('GET', `/job?processInstanceId=${processInstanceId}&timers=true`);
      const job = jobs.find((j) => ids.has(j.jobDefinitionId));
      return job ? { id: job.id, dueDate: job.dueDate, activityId } : undefined;
    },
    { what: `timer ${activityId} in ${processInstanceId}` },
  );
}

/**
 * After a reply: the rating window and then the review window end unused, as their timers would
 * fire 30 days after service; the matter is concluded and the process ends.
 */
export async function letWindowsLapse(processInstanceId: string): Promise<void> {
  await fireTimer(await timerAt(processInstanceId, 'rating-window-closed'));
  await fireTimer(await timerAt(processInstanceId, 'review-window-closed'));
  await waitForProcessEnd(processInstanceId);
}

let people = 0;
const sequenceOffset = Math.floor(Math.random() * 1000);
/**
 * A petitioner nobody else in this run uses (a valid ID number with its check character), so that
 * "the same matter" means the calling test's matter only.
 */
export function freshPetitioner(name = '钱七'): Record<string, string>[] {
  // Every spec file counts from one in its own worker, so the counter alone repeats across files
  // sharing the database; the random birth date (60 years x 336 days) and the random sequence
  // offset make two files' petitioners collide about once in ten million draws, not once in thirty.
  const year = String(1940 + Math.floor(Math.random() * 60));
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const sequence = String((sequenceOffset + ++people) % 1000).padStart(3, '0');
  const first17 = `990102${year}${month}${day}${sequence}`;
  return [{ name, idNumber: first17 + checkCharacter(first17), phone: '13900002222' }];
}

/**
 * A complaint 东湖区第一办理室 transfers to 第二办理室, which returns it; 第一办理室 then accepts it a day
 * after its acceptance limit (time moved in the records by `moveAcceptDue`). Assessment tests count
 * what each room did.
 */
export async function transferredReturnedAndAcceptedLate(moveAcceptDue: (petitionId: string, dueAt: Date) => Promise<unknown>): Promise<Registered> {
  const petition = await register();
  await complete('donghu.room1', (await waitForTask('donghu.room1', petition.id, 'accept-decision')).id, {
    decision: 'transfer',
    targetUnitCode: '990102-handling-room-2',
    reason: '属劳动社保类事项',
  });
  await complete('donghu.room2', (await waitForTask('donghu.room2', petition.id, 'accept-decision')).id, { decision: 'return', reason: '不属本室职责' });
  const back = await waitForTask('donghu.room1', petition.id, 'accept-decision');
  await moveAcceptDue(petition.id, new Date(Date.now() - 86_400_000));
  const accepted = await complete('donghu.room1', back.id, { decision: 'accept' });
  if (accepted.status !== 204) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return petition;
}

/** Registers a matter, has the unit accept, handle and reply; answers once the windows are open. */
export async function replied(input: Record<string, unknown>, handler = 'donghu.room1'): Promise<Registered & { input: Record<string, unknown> }> {
  const created = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: input });
  if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
  const { id } = created.body;
  await complete(handler, (await waitForTask(handler, id, 'accept-decision')).id, { decision: 'accept' });
  await complete(handler, (await waitForTask(handler, id, 'handle-petition')).id, { findings: '已核实' });
  const reply = await complete(handler, (await waitForTask(handler, id, 'reply-petition')).id, {
    replyOutcome: 'explain',
    replyText: '经核实，已向您解释相关政策。',
    serviceMethod: 'post',
  });
  if (reply.status !== 204) throw new Error(`reply: ${reply.status} ${JSON.stringify(reply.body)}`);
  await timerAt(created.body.processInstanceId, 'review-window-closed');
  return { ...created.body, input };
}

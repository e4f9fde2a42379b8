import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy } from '../../access/access-policy';
import type { Principal } from '../../auth/principal';
import { User } from '../../auth/user.entity';
import { LocalizedHttpError } from '../../common/errors';
import { PetitionRepository } from '../../petitions/petition.repository';
import { WITHHELD_CONTENT } from '../../access/access-policy';
import { TaskIndexService } from '../index/task-index.service';
import { CamundaRestClient, EngineTask } from '../../camunda/camunda-rest.client';
import { Clock } from '../../clocks/clock';
import { Transactions } from '../../database/transactions';
import { PetitionEvent } from '../../petitions/petition-event.entity';
import type { EventKind } from '../../petitions/petition.types';
import { recordEvent } from '../../petitions/timeline';

/** Someone named in a task answer: the username and the name people know them by. */
export interface PersonRef {
  username: string;
  name: string;
}

/** The steps a unit's case handler does one after the other; the handler keeps them (caseHandler). */
export const HANDLER_STEPS = ['accept-decision', 'handle-petition', 'reply-petition'];
/** The unit process's variable its handling steps are assigned to (processes/unit-handling.bpmn). */
export const CASE_HANDLER = 'caseHandler';
/** The steps that wait for the unit head's decision (待审批). */
export const APPROVAL_STEPS = ['approve-extension', 'review-completion-report'];

/** The timeline entry a delegate's return writes; it also keeps what the delegate entered in the step's form. */
export const DELEGATION_RESOLVED: EventKind = 'delegation-resolved';

/** What a delegate entered in the step's form before handing the task back: the owner's form starts from it. */
export interface DelegateInput {
  by: PersonRef;
  at: string;
  /** The form as the delegate sent it; null when the caller may not read the case's content. */
  values: Record<string, unknown> | null;
}

/** The engine and the workers act as "system". */
const SYSTEM: PersonRef = { username: 'system', name: '系统' };

/**
 * 办件台: who holds a unit's task and how it changes hands — put back in the pool, handed to a
 * colleague by the head, delegated with return — and what the caller has done (已办).
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly engine: CamundaRestClient,
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly petitions: PetitionRepository,
    private readonly index: TaskIndexService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** `{ username, name }` for each username (unknown accounts keep their username as name). */
  async people(usernames: (string | null | undefined)[]): Promise<Map<string, PersonRef>> {
    const wanted = [...new Set(usernames.filter((u): u is string => !!u && u !== SYSTEM.username))];
    const users = wanted.length
      ? await this.dataSource.getRepository(User).find({ select: { username: true, displayName: true }, where: { username: In(wanted) } })
      : [];
    const byName = new Map<string, PersonRef>(users.map((u) => [u.username, { username: u.username, name: u.displayName }]));
    for (const u of wanted) if (!byName.has(u)) byName.set(u, { username: u, name: u });
    byName.set(SYSTEM.username, SYSTEM);
    return byName;
  }

  /** The active colleagues of the caller's unit whose roles let them do the task's step. */
  async colleagues(principal: Principal, step: string): Promise<PersonRef[]> {
    const users = await this.dataSource.getRepository(User).find({
      select: { username: true, displayName: true, roles: true, active: true },
      where: { unitCode: principal.unitCode, active: true },
      order: { username: 'ASC' },
    });
    return users.filter((u) => this.access.rolesActOn(u.roles, step)).map((u) => ({ username: u.username, name: u.displayName }));
  }

  /** 退回任务池: the task and the remembered case handler are released. */
  async unclaim(principal: Principal, task: EngineTask, petitionId: string): Promise<void> {
    if (!task.assignee) throw notClaimed();
    if (!this.access.releasesTask(principal, task.owner ?? task.assignee)) throw onlyHolderOrHead();
    if (task.delegationState === 'PENDING') throw delegationPending();
    await this.engine.setAssignee(task.id, null);
    if (HANDLER_STEPS.includes(task.taskDefinitionKey)) await this.engine.setProcessVariable(task.processInstanceId, CASE_HANDLER, null);
    // A retry finds the task unclaimed and is refused above: one entry per release.
    await this.record(principal, petitionId, 'task-unclaimed', task, { holder: task.assignee });
    await this.index.syncPetition(petitionId);
  }

  /** 改派: the unit head hands the task (and the case, for handling steps) to a colleague. */
  async assign(principal: Principal, task: EngineTask, petitionId: string, username: string): Promise<PersonRef> {
    if (!this.access.reassignsTasks(principal)) throw onlyHead();
    if (task.delegationState === 'PENDING') throw delegationPending();
    const colleague = await this.colleague(principal, task.taskDefinitionKey, username);
    await this.engine.setAssignee(task.id, colleague.username);
    if (HANDLER_STEPS.includes(task.taskDefinitionKey)) await this.engine.setProcessVariable(task.processInstanceId, CASE_HANDLER, colleague.username);
    // Handing it to the person who holds it already (a retried request) changed nothing to tell.
    if (task.assignee !== colleague.username) {
      await this.record(principal, petitionId, 'task-reassigned', task, { assignee: colleague.username, holder: task.assignee });
    }
    await this.index.syncPetition(petitionId);
    return colleague;
  }

  /** 委托: the holder hands the task to a colleague who does it and hands it back (Camunda delegation). */
  async delegate(principal: Principal, task: EngineTask, petitionId: string, username: string): Promise<PersonRef> {
    if (!this.access.delegatesTask(principal, task.assignee, task.delegationState === 'PENDING')) throw onlyHolder();
    if (username === principal.username) throw notYourself();
    const colleague = await this.colleague(principal, task.taskDefinitionKey, username);
    await this.engine.delegateTask(task.id, colleague.username);
    // A retry finds the delegation pending and is refused above.
    await this.record(principal, petitionId, 'task-delegated', task, { delegate: colleague.username });
    await this.index.syncPetition(petitionId);
    return colleague;
  }

  /**
   * The delegate has done the task and hands it back to its owner (Camunda refuses to complete a
   * pending delegation). What they entered in the step's form is kept with the timeline entry, not in
   * the engine (it carries ids, never what people wrote): the owner's form starts from it.
   */
  async handBack(principal: Principal, task: EngineTask & { owner: string }, petitionId: string, input: Record<string, unknown>): Promise<PersonRef> {
    await this.engine.resolveTask(task.id);
    // A retry finds the task back with its owner and is refused before it gets here.
    await this.record(principal, petitionId, DELEGATION_RESOLVED, task, { owner: task.owner, input });
    await this.index.syncPetition(petitionId);
    return (await this.people([task.owner])).get(task.owner)!;
  }

  /** The last input a delegate handed this task back with, if any. */
  async delegateInput(task: EngineTask, petitionId: string, showContent: boolean): Promise<DelegateInput | null> {
    // A task never delegated has nothing to look for (the common case: no query).
    if (!task.delegationState) return null;
    const returns = await this.dataSource.manager.find(PetitionEvent, {
      where: { petitionId, kind: DELEGATION_RESOLVED },
      order: { occurredAt: 'DESC' },
    });
    const last = returns.find((e) => e.data?.taskId === task.id);
    if (!last) return null;
    const by = (await this.people([last.actor])).get(last.actor)!;
    const input = last.data?.input;
    const values = showContent && input && typeof input === 'object' ? (input as Record<string, unknown>) : null;
    return { by, at: last.occurredAt.toISOString(), values };
  }

  /** 已办: the tasks the caller completed, newest first, with their petitions. */
  async done(principal: Principal, firstResult: number, maxResults: number) {
    const [tasks, { count }] = await Promise.all([
      this.engine.completedTasks(principal.username, firstResult, maxResults),
      this.engine.completedTaskCount(principal.username),
    ]);
    const petitionIdOf = await this.engine.historicVariableValues(tasks.map((t) => t.processInstanceId), 'petitionId');
    const petitions = await this.petitions.byIds([...new Set(petitionIdOf.values())]);
    const items = await Promise.all(tasks.map(async (task) => {
      const petition = petitions.get(petitionIdOf.get(task.processInstanceId) ?? '');
      return {
        id: task.id,
        name: task.name,
        step: task.taskDefinitionKey,
        completedAt: task.endTime,
        petition: petition
          ? {
              id: petition.id,
              number: petition.number,
              subject: (await this.access.canReadContent(principal, petition)) ? petition.subject : WITHHELD_CONTENT,
              status: petition.status,
            }
          : null,
      };
    }));
    return { total: count, items };
  }

  /**
   * A hand-over on the case's timeline, after the engine took it (no engine call inside a
   * transaction). The audit entry stays the route's own.
   */
  private async record(principal: Principal, petitionId: string, kind: EventKind, task: EngineTask, data: Record<string, unknown>): Promise<void> {
    await this.tx.write((manager) =>
      recordEvent(manager, {
        petitionId,
        kind,
        occurredAt: this.clock.now(),
        unitCode: principal.unitCode,
        actor: principal.username,
        data: { step: task.taskDefinitionKey, taskId: task.id, ...data },
      }),
    );
  }

  private async colleague(principal: Principal, step: string, username: string): Promise<PersonRef> {
    const found = (await this.colleagues(principal, step)).find((c) => c.username === username);
    if (!found) throw notAColleague(username);
    return found;
  }
}


function notClaimed() {
  return new LocalizedHttpError(409, { 'zh-CN': '该任务尚未签收，已在任务池中', en: 'This task is not claimed; it is already in the pool' });
}
function onlyHolderOrHead() {
  return new LocalizedHttpError(403, { 'zh-CN': '只有签收人或本单位负责人可以退回该任务', en: 'Only the person holding this task or the unit head can put it back in the pool' });
}
function onlyHead() {
  return new LocalizedHttpError(403, { 'zh-CN': '只有本单位负责人可以改派任务', en: 'Only the unit head can reassign a task' });
}
function onlyHolder() {
  return new LocalizedHttpError(403, { 'zh-CN': '只有签收人可以委托该任务（已委托的任务不能再次委托）', en: 'Only the person holding this task can delegate it (a delegated task cannot be delegated again)' });
}
function notYourself() {
  return new LocalizedHttpError(400, { 'zh-CN': '不能委托给自己', en: 'You cannot delegate a task to yourself' });
}
function delegationPending() {
  return new LocalizedHttpError(409, { 'zh-CN': '该任务已委托他人办理，待其办理后退回', en: 'This task is delegated; it returns once the delegate has done it' });
}
function notAColleague(username: string) {
  return new LocalizedHttpError(400, {
    'zh-CN': `${username} 不是本单位可办理此环节的人员`,
    en: `${username} is not a person of your unit who may do this step`,
  });
}

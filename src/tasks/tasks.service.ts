import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { taskNotFound } from '../access/access-denied';
import { AccessPolicy, WITHHELD_CONTENT } from '../access/access-policy';
import type { Principal } from '../auth/principal';
import { CamundaError, CamundaRestClient, EngineTask, IdentityLink, isEngineId } from '../camunda/camunda-rest.client';
import { Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError, problemsFrom, ValidationFailedException } from '../common/errors';
import { Transactions } from '../database/transactions';
import { AuditLog } from '../audit/audit-log.service';
import { OrgService } from '../org/org.service';
import { PetitionRepository } from '../petitions/petition.repository';
import { recordEvent } from '../petitions/timeline';
import { CompletionOutcome, TaskCompletions } from './completion/task-completions';
import { TaskIndexService } from './index/task-index.service';
import { OpenTask } from './index/open-task.entity';
import { Petitioner } from '../petitions/petitioner.entity';
import { maskName } from '../crypto/masking';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import type { Petition } from '../petitions/petition.entity';
import { APPROVAL_STEPS, CASE_HANDLER, DeskService, HANDLER_STEPS, PersonRef } from './desk/desk.service';

export interface TaskView {
  id: string;
  name: string | null;
  step: string;
  created: string;
  due: string | null;
  assignee: string | null;
  unit: { code: string; name: string };
  petition: { id: string; number: string; subject: string; category: string; status: string; receivedAt: string } | null;
  /** When the task reached the unit (the engine created it). */
  receivedAt: string;
  /** The first petitioner's name, masked unless the caller's work needs it (AccessPolicy.seesPersonalData). */
  petitioner: string | null;
  /** Who holds the task now, by name. */
  assignedTo: PersonRef | null;
  /** Who delegated it and gets it back (委托), while the delegation is pending. */
  owner: PersonRef | null;
  /** unclaimed | claimed | delegated | awaiting-approval (an extension request waits for the unit head). */
  state: TaskState;
}

export type TaskState = 'unclaimed' | 'claimed' | 'delegated' | 'awaiting-approval';
export type TaskSort = 'due' | '-due' | 'received' | '-received';

const SORTINGS: Record<TaskSort, { sortBy: string; sortOrder: 'asc' | 'desc' }[]> = {
  due: [{ sortBy: 'dueDate', sortOrder: 'asc' }, { sortBy: 'created', sortOrder: 'asc' }],
  '-due': [{ sortBy: 'dueDate', sortOrder: 'desc' }, { sortBy: 'created', sortOrder: 'desc' }],
  received: [{ sortBy: 'created', sortOrder: 'asc' }],
  '-received': [{ sortBy: 'created', sortOrder: 'desc' }],
};


@Injectable()
export class TasksService {
  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly petitions: PetitionRepository,
    private readonly org: OrgService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly index: TaskIndexService,
    private readonly audit: AuditLog,
    private readonly completions: TaskCompletions,
    private readonly desk: DeskService,
    private readonly cipher: PersonalDataCipher,
  ) {}


  /** One task of the caller's unit, with what its step lets the caller choose. */
  async findOne(principal: Principal, taskId: string) {
    const task = await this.offeredTask(principal, taskId);
    const [view] = await this.views(principal, [task]);
    const step = this.completions.stepOf(task.taskDefinitionKey);
    const petition = await this.petitions.require(undefined, view.petition?.id ?? (await this.petitionIdOf(task)));
    const [options, context, delegateInput] = await Promise.all([
      step.options ? step.options({ manager: this.dataSource.manager, principal, petition, now: this.clock.now() }) : {},
      this.caseContext(principal, petition),
      task.delegationState ? this.access.canReadContent(principal, petition).then((readable) => this.desk.delegateInput(task, petition.id, readable)) : null,
    ]);
    return { ...view, options, context, delegateInput };
  }

  /**
   * What the person doing the step needs from the case besides its form: what the investigation found
   * (the reply is written from it), and where the petitioners live for those who may see personal data.
   */
  private async caseContext(principal: Principal, petition: Petition) {
    const readable = await this.access.canReadContent(principal, petition);
    const inClear = this.access.seesPersonalData(principal, petition);
    const petitioners = inClear
      ? await this.dataSource.getRepository(Petitioner).find({
          select: { name: true, addressCipher: true, position: true },
          where: { petitionId: petition.id },
          order: { position: 'ASC' },
        })
      : [];
    return {
      findings: readable ? petition.findings : null,
      addresses: petitioners.map((p) => ({ name: p.name, address: p.addressCipher ? this.cipher.decrypt(p.addressCipher) : null })),
    };
  }

  /**
   * Open tasks offered to the caller's unit, of the kinds the caller's roles act on; `mine` narrows to
   * those the caller has claimed.
   */
  async list(
    principal: Principal,
    filter: 'all' | 'mine' | 'unclaimed',
    firstResult: number,
    maxResults: number,
    narrow: { step?: string; number?: string; q?: string; sort?: TaskSort; awaiting?: 'approval' } = {},
  ) {
    const allowed: string[] = this.access.stepsFor(principal);
    // A step the caller's roles do not act on lists nothing, exactly like one with no tasks.
    let steps = narrow.step ? allowed.filter((s) => s === narrow.step) : allowed;
    if (narrow.awaiting === 'approval') steps = steps.filter((s) => APPROVAL_STEPS.includes(s));
    if (steps.length === 0) return { total: 0, items: [] };
    const query: Record<string, unknown> = {
      candidateGroup: principal.unitCode,
      taskDefinitionKeyIn: steps,
      includeAssignedTasks: filter !== 'unclaimed',
      sorting: SORTINGS[narrow.sort ?? 'due'],
    };
    if (filter === 'mine') query.assignee = principal.username;
    if (filter === 'unclaimed') query.unassigned = true;
    // The process instance's business key is the petition number.
    if (narrow.number) query.processInstanceBusinessKey = narrow.number;
    if (narrow.q) {
      const numbers = await this.numbersMatching(principal, narrow.q);
      if (numbers.length === 0) return { total: 0, items: [] };
      query.processInstanceBusinessKeyIn = numbers;
    }
    const [tasks, { count }] = await Promise.all([
      this.camunda.queryTasks(query, firstResult, maxResults),
      this.camunda.countTasks(query),
    ]);
    return { total: count, items: await this.views(principal, tasks) };
  }

  /**
   * The numbers of the petitions with open tasks at the caller's unit whose number contains `q`, or
   * whose subject holds every word of it (a subject the caller may not read is not searched).
   */
  private async numbersMatching(principal: Principal, q: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(OpenTask).find({
      select: { petitionId: true },
      where: { unitCode: principal.unitCode },
    });
    const petitions = await this.petitions.byIds([...new Set(rows.map((r) => r.petitionId))]);
    const needle = q.trim().toUpperCase();
    const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const numbers: string[] = [];
    for (const petition of petitions.values()) {
      if (petition.number.toUpperCase().includes(needle)) {
        numbers.push(petition.number);
      } else if (words.length > 0 && (await this.access.canReadContent(principal, petition))) {
        const subject = petition.subject.toLowerCase();
        if (words.every((w) => subject.includes(w))) numbers.push(petition.number);
      }
    }
    return numbers.slice(0, 500);
  }

  async claim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = await this.offeredTask(principal, taskId);
    if (task.assignee && task.assignee !== principal.username) throw claimedByOther(task.assignee);
    if (!task.assignee) {
      await this.camunda.claimTask(taskId, principal.username);
      await this.rememberCaseHandler(principal, task);
      const petitionId = await this.petitionIdOf(task);
      await this.tx.write(async (manager) => {
        await recordEvent(manager, {
          petitionId,
          kind: 'claimed',
          occurredAt: this.clock.now(),
          unitCode: principal.unitCode,
          actor: principal.username,
          data: { step: task.taskDefinitionKey },
        });
        await this.audit.recordRequest(manager);
      });
    }
    await this.index.syncPetition(await this.petitionIdOf(task));
    const [view] = await this.views(principal, [{ ...task, assignee: principal.username }]);
    return view;
  }

  /**
   * The person who claims or completes a handling step at a unit keeps the case's next handling steps
   * there (the diagram assigns them to `caseHandler`); someone who may not handle it (a registrar
   * deciding acceptance) leaves them to the unit's pool.
   */
  private async rememberCaseHandler(principal: Principal, task: EngineTask): Promise<void> {
    if (!HANDLER_STEPS.includes(task.taskDefinitionKey)) return;
    const handles = this.access.mayActOn(principal, 'handle-petition');
    await this.camunda.setProcessVariable(task.processInstanceId, CASE_HANDLER, handles ? principal.username : null);
  }

  /** 退回任务池 */
  async unclaim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = await this.offeredTask(principal, taskId);
    const petitionId = await this.petitionIdOf(task);
    await this.desk.unclaim(principal, task, petitionId);
    const [view] = await this.views(principal, [{ ...task, assignee: null }]);
    return view;
  }

  /** 改派 (unit head) */
  async assign(principal: Principal, taskId: string, username: string): Promise<TaskView> {
    const task = await this.offeredTask(principal, taskId);
    const colleague = await this.desk.assign(principal, task, await this.petitionIdOf(task), username);
    const [view] = await this.views(principal, [{ ...task, assignee: colleague.username }]);
    return view;
  }

  /** 委托: the colleague does it and it comes back to the caller. */
  async delegate(principal: Principal, taskId: string, username: string): Promise<TaskView> {
    const task = await this.offeredTask(principal, taskId);
    const colleague = await this.desk.delegate(principal, task, await this.petitionIdOf(task), username);
    const [view] = await this.views(principal, [{ ...task, assignee: colleague.username, owner: principal.username, delegationState: 'PENDING' }]);
    return view;
  }

  /** The colleagues of the caller's unit who may do this task's step (for 委托 / 改派). */
  async colleagues(principal: Principal, taskId: string): Promise<PersonRef[]> {
    const task = await this.offeredTask(principal, taskId);
    return this.desk.colleagues(principal, task.taskDefinitionKey);
  }

  /**
   * Validates the step's form and completes the task: the engine first, then the step's records,
   * never an engine call inside a database transaction (TaskCompletions says how the two are kept
   * together). 'recording' when the engine took it but the records follow later.
   */
  async complete(
    principal: Principal,
    taskId: string,
    body: Record<string, unknown>,
  ): Promise<CompletionOutcome | { status: 'returned'; owner: PersonRef }> {
    const task = await this.offeredTask(principal, taskId);
    if (task.assignee && task.assignee !== principal.username) throw claimedByOther(task.assignee);
    const step = this.completions.stepOf(task.taskDefinitionKey);
    const form = plainToInstance(step.form, body ?? {});
    const errors = await validate(form, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new ValidationFailedException(remapContexts(problemsFrom(errors)));
    const petitionId = await this.petitionIdOf(task);
    // A delegate does the work and hands it back (Camunda refuses to complete a pending delegation):
    // the owner completes the step.
    if (task.delegationState === 'PENDING' && task.owner) {
      const owner = await this.desk.handBack(principal, { ...task, owner: task.owner }, petitionId, body ?? {});
      return { status: 'returned', owner };
    }
    await this.rememberCaseHandler(principal, task);
    return this.completions.complete(principal, task, petitionId, form);
  }

  /**
   * The task, if it is open, offered to the caller's unit and of a kind the caller's roles act on;
   * otherwise a 404 that reveals nothing.
   */
  async offeredTask(principal: Principal, taskId: string): Promise<EngineTask> {
    // An id the engine cannot have issued is not found, without asking it (it answers some with a 500).
    if (!isEngineId(taskId)) throw taskNotFound(taskId);
    let task: EngineTask;
    let links: IdentityLink[];
    try {
      // One after the other: in parallel, whichever failed first decided the answer.
      task = await this.camunda.task(taskId);
      links = await this.camunda.identityLinks(taskId);
    } catch (error) {
      // Unknown, or completed a moment ago.
      if (error instanceof CamundaError && error.status === 404) throw taskNotFound(taskId);
      throw error;
    }
    const offered = links.some((link) => link.type === 'candidate' && link.groupId === principal.unitCode);
    if (!offered || !this.access.mayActOn(principal, task.taskDefinitionKey)) throw taskNotFound(taskId);
    return task;
  }

  async petitionIdOf(task: EngineTask): Promise<string> {
    const [variable] = await this.camunda.variableInstances({
      processInstanceIdIn: [task.processInstanceId],
      variableName: Var.petitionId,
    });
    if (!variable) throw new Error(`Task ${task.id} belongs to no petition`);
    return String(variable.value);
  }

  /**
   * Task rows for people: the petition (from the task index where it has the task, the engine
   * otherwise), names instead of usernames, the masked petitioner, and the task's state. A fixed
   * number of queries however many tasks.
   */
  private async views(principal: Principal, tasks: EngineTask[]): Promise<TaskView[]> {
    if (tasks.length === 0) return [];
    const indexed = await this.dataSource.getRepository(OpenTask).find({
      select: { taskId: true, petitionId: true },
      where: { taskId: In(tasks.map((t) => t.id)) },
    });
    const petitionIdOfTask = new Map(indexed.map((r) => [r.taskId, r.petitionId]));
    const missing = [...new Set(tasks.filter((t) => !petitionIdOfTask.has(t.id)).map((t) => t.processInstanceId))];
    if (missing.length > 0) {
      const variables = await this.camunda.variableInstances({ processInstanceIdIn: missing, variableName: Var.petitionId });
      const byInstance = new Map(variables.map((v) => [v.processInstanceId, String(v.value)]));
      for (const t of tasks) if (!petitionIdOfTask.has(t.id) && byInstance.has(t.processInstanceId)) petitionIdOfTask.set(t.id, byInstance.get(t.processInstanceId)!);
    }
    const petitionIds = [...new Set(petitionIdOfTask.values())];
    const [petitions, unit, people, petitioners, approvals] = await Promise.all([
      this.petitions.byIds(petitionIds),
      this.org.unit(principal.unitCode),
      this.desk.people(tasks.flatMap((t) => [t.assignee, t.owner])),
      petitionIds.length
        ? this.dataSource.getRepository(Petitioner).find({ select: { petitionId: true, name: true, position: true }, where: { petitionId: In(petitionIds) } })
        : Promise.resolve([] as Petitioner[]),
      petitionIds.length
        ? this.dataSource.getRepository(OpenTask).find({ select: { petitionId: true }, where: { petitionId: In(petitionIds), step: 'approve-extension' } })
        : Promise.resolve([] as OpenTask[]),
    ]);
    const firstPetitioner = new Map<string, Petitioner>();
    for (const p of petitioners) {
      const known = firstPetitioner.get(p.petitionId);
      if (!known || p.position < known.position) firstPetitioner.set(p.petitionId, p);
    }
    const awaitingApproval = new Set(approvals.map((r) => r.petitionId));
    return Promise.all(tasks.map(async (task) => {
      const petition = petitions.get(petitionIdOfTask.get(task.id) ?? '');
      const delegated = task.delegationState === 'PENDING';
      const first = petition ? firstPetitioner.get(petition.id) : undefined;
      const state: TaskState = delegated
        ? 'delegated'
        : petition && awaitingApproval.has(petition.id) && HANDLER_STEPS.includes(task.taskDefinitionKey)
          ? 'awaiting-approval'
          : task.assignee
            ? 'claimed'
            : 'unclaimed';
      return {
        id: task.id,
        name: task.name,
        step: task.taskDefinitionKey,
        created: task.created,
        receivedAt: task.created,
        due: task.due,
        assignee: task.assignee,
        assignedTo: task.assignee ? people.get(task.assignee) ?? null : null,
        owner: delegated && task.owner ? people.get(task.owner) ?? null : null,
        state,
        unit: { code: principal.unitCode, name: unit?.name ?? principal.unitCode },
        petitioner: first && petition ? (this.access.seesPersonalData(principal, petition) ? first.name : maskName(first.name)) : null,
        petition: petition
          ? {
              id: petition.id,
              number: petition.number,
              // Art. 29: the access policy decides who reads an accusation (its subject included)
              subject: (await this.access.canReadContent(principal, petition)) ? petition.subject : WITHHELD_CONTENT,
              category: petition.category,
              status: petition.status,
              receivedAt: petition.receivedAt.toISOString(),
            }
          : null,
      };
    }));
  }
}

function claimedByOther(assignee: string): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `该任务已由 ${assignee} 签收，不能由您办理`,
    en: `This task is claimed by ${assignee}; you cannot complete it`,
  });
}

/** A constraint can name its own message code through its validation context. */
function remapContexts(problems: ReturnType<typeof problemsFrom>) {
  return problems.map((p) => (typeof p.params?.code === 'string' ? { ...p, code: p.params.code } : p));
}

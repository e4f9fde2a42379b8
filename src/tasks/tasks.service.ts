import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
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

export interface TaskView {
  id: string;
  name: string | null;
  step: string;
  created: string;
  due: string | null;
  assignee: string | null;
  unit: { code: string; name: string };
  petition: { id: string; number: string; subject: string; category: string; status: string } | null;
}


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
  ) {}


  /** One task of the caller's unit, with what its step lets the caller choose. */
  async findOne(principal: Principal, taskId: string) {
    const task = await this.offeredTask(principal, taskId);
    const [view] = await this.views(principal, [task]);
    const step = this.completions.stepOf(task.taskDefinitionKey);
    const petition = await this.petitions.require(undefined, await this.petitionIdOf(task));
    const options = step.options
      ? await step.options({ manager: this.dataSource.manager, principal, petition, now: this.clock.now() })
      : {};
    return { ...view, options };
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
    narrow: { step?: string; number?: string } = {},
  ) {
    const allowed: string[] = this.access.stepsFor(principal);
    // A step the caller's roles do not act on lists nothing, exactly like one with no tasks.
    const steps = narrow.step ? allowed.filter((s) => s === narrow.step) : allowed;
    if (steps.length === 0) return { total: 0, items: [] };
    const query: Record<string, unknown> = {
      candidateGroup: principal.unitCode,
      taskDefinitionKeyIn: steps,
      includeAssignedTasks: filter !== 'unclaimed',
      sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }, { sortBy: 'created', sortOrder: 'asc' }],
    };
    if (filter === 'mine') query.assignee = principal.username;
    if (filter === 'unclaimed') query.unassigned = true;
    // The process instance's business key is the petition number.
    if (narrow.number) query.processInstanceBusinessKey = narrow.number;
    const [tasks, { count }] = await Promise.all([
      this.camunda.queryTasks(query, firstResult, maxResults),
      this.camunda.countTasks(query),
    ]);
    return { total: count, items: await this.views(principal, tasks) };
  }

  async claim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = await this.offeredTask(principal, taskId);
    if (task.assignee && task.assignee !== principal.username) throw claimedByOther(task.assignee);
    if (!task.assignee) {
      await this.camunda.claimTask(taskId, principal.username);
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
   * Validates the step's form and completes the task: the engine first, then the step's records,
   * never an engine call inside a database transaction (TaskCompletions says how the two are kept
   * together). 'recording' when the engine took it but the records follow later.
   */
  async complete(principal: Principal, taskId: string, body: Record<string, unknown>): Promise<CompletionOutcome> {
    const task = await this.offeredTask(principal, taskId);
    if (task.assignee && task.assignee !== principal.username) throw claimedByOther(task.assignee);
    const step = this.completions.stepOf(task.taskDefinitionKey);
    const form = plainToInstance(step.form, body ?? {});
    const errors = await validate(form, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new ValidationFailedException(remapContexts(problemsFrom(errors)));
    return this.completions.complete(principal, task, await this.petitionIdOf(task), form);
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

  private async views(principal: Principal, tasks: EngineTask[]): Promise<TaskView[]> {
    if (tasks.length === 0) return [];
    const variables = await this.camunda.variableInstances({
      processInstanceIdIn: [...new Set(tasks.map((t) => t.processInstanceId))],
      variableName: Var.petitionId,
    });
    const petitionIdByInstance = new Map(variables.map((v) => [v.processInstanceId, String(v.value)]));
    const petitions = await this.petitions.byIds([...petitionIdByInstance.values()]);
    const unit = await this.org.unit(principal.unitCode);
    return Promise.all(tasks.map(async (task) => {
      const petition = petitions.get(petitionIdByInstance.get(task.processInstanceId) ?? '');
      return {
        id: task.id,
        name: task.name,
        step: task.taskDefinitionKey,
        created: task.created,
        due: task.due,
        assignee: task.assignee,
        unit: { code: principal.unitCode, name: unit?.name ?? principal.unitCode },
        petition: petition
          ? {
              id: petition.id,
              number: petition.number,
              // Art. 29: the access policy decides who reads an accusation (its subject included)
              subject: (await this.access.canReadContent(principal, petition)) ? petition.subject : WITHHELD_CONTENT,
              category: petition.category,
              status: petition.status,
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

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../auth/principal';
import { CamundaError, CamundaRestClient, EngineTask } from '../../camunda/camunda-rest.client';
import type { PlainValue } from '../../camunda/camunda-variables';
import { Clock } from '../../clocks/clock';
import { outageOf } from '../../common/outage';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/errors';
import { Transactions } from '../../database/transactions';
import { LocalizedHttpError } from '../../common/errors';
import { PetitionRepository } from '../../petitions/petition.repository';
import { PeriodicJobs } from '../../scheduling/periodic-jobs';
import { TaskIndexService } from '../index/task-index.service';
import { TASK_STEPS, TaskStep } from '../steps/task-step';
import { TaskCompletion } from '../../petitions/lifecycle/task-completion.entity';

/** How a completion ended for the person who asked. */
export type CompletionOutcome = 'completed' | 'recording';

/** Younger intents belong to a request still under way. */
const SETTLED_MS = 30_000;

const BEING_COMPLETED = new LocalizedHttpError(409, {
  'zh-CN': '该任务正在办理提交中，请稍后刷新查看',
  en: 'This task is being completed; refresh in a moment',
});

/** Thrown to roll back the planning transaction, carrying what it worked out. */
class Planned {
  constructor(readonly variables: Record<string, PlainValue>) {}
}

/**
 * Completes user tasks without an engine call inside a database transaction (issue #12). The order is
 * explicit:
 *
 * 1. plan — the step runs against the current records in a transaction that is rolled back: the form
 *    is checked against the state of the petition and the engine variables are worked out;
 * 2. intent — a `task_completion` row says the completion is under way;
 * 3. engine — the task is completed with those variables; if the engine refuses, the intent is
 *    removed and nothing has changed anywhere;
 * 4. records — the step runs again for real, with its audit entry, and the intent is removed in the
 *    same transaction.
 *
 * If the process dies, or the database fails, between 3 and 4, the intent stays behind; the recovery
 * (once per cluster, every REPAIR_SWEEP_SECONDS) asks the engine what became of the task: completed,
 * it writes the step's records; still open, it drops the intent.
 */
@Injectable()
export class TaskCompletions implements OnApplicationBootstrap {
  private readonly logger = new Logger(TaskCompletions.name);

  constructor(
    private readonly tx: Transactions,
    private readonly dataSource: DataSource,
    private readonly camunda: CamundaRestClient,
    private readonly petitions: PetitionRepository,
    private readonly audit: AuditLog,
    private readonly index: TaskIndexService,
    private readonly clock: Clock,
    private readonly jobs: PeriodicJobs,
    @Inject(TASK_STEPS) private readonly steps: TaskStep[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every('task-completion-recovery', this.config.repairSweepSeconds * 1000, () => this.recover());
  }

  stepOf(taskDefinitionKey: string): TaskStep {
    const step = this.steps.find((s) => (s.keys as string[]).includes(taskDefinitionKey));
    if (!step) throw new Error(`No step handles user task ${taskDefinitionKey}`);
    return step;
  }

  async complete(principal: Principal, task: EngineTask, petitionId: string, form: object): Promise<CompletionOutcome> {
    const step = this.stepOf(task.taskDefinitionKey);
    const now = this.clock.now();
    // 1. plan
    const variables = await this.plan(step, principal, task, petitionId, form, now);
    // 2. intent
    const intent: TaskCompletion = {
      taskId: task.id,
      petitionId,
      processInstanceId: task.processInstanceId,
      step: task.taskDefinitionKey,
      form: { ...form },
      principal,
      createdAt: now,
    };
    try {
      // simple-json columns are serialized by the driver; the insert's typing does not know that.
      await this.tx.write((manager) => manager.insert(TaskCompletion, intent as never));
    } catch (error) {
      if (isUniqueViolation(error)) throw BEING_COMPLETED;
      throw error;
    }
    // 3. engine
    try {
      if (!task.assignee) await this.camunda.claimTask(task.id, principal.username);
      await this.camunda.completeTask(task.id, variables);
    } catch (error) {
      // No answer: whether the engine completed it is unknown; the recovery will find out.
      if (!outageOf(error)) await this.forget(task.id);
      throw error;
    }
    // 4. records
    try {
      await this.record(intent, step, task);
      return 'completed';
    } catch (error) {
      this.logger.error(`Task ${task.id} completed in the engine; its records will be written by the recovery: ${String(error)}`);
      return 'recording';
    }
  }

  /** Completions left half-way: settled by what the engine says became of each task. */
  async recover(): Promise<number> {
    const settled = new Date(this.clock.now().getTime() - SETTLED_MS);
    const left = await this.dataSource.manager.find(TaskCompletion, { where: { createdAt: LessThan(settled) }, take: 100 });
    let recorded = 0;
    for (const intent of left) {
      const fate = await this.fateOf(intent.taskId);
      if (fate === 'open') {
        // The engine never completed it: nothing happened, and the person may try again.
        await this.forget(intent.taskId);
      } else if (fate === 'completed') {
        await this.record(intent, this.stepOf(intent.step), null);
        recorded++;
      } else {
        this.logger.warn(`Task ${intent.taskId} ended without being completed; its completion is dropped`);
        await this.forget(intent.taskId);
      }
    }
    return recorded;
  }

  /** The step's records, its audit entry and the end of the intent, in one transaction; then the engine-side follow-ups. */
  private async record(intent: TaskCompletion, step: TaskStep, task: EngineTask | null): Promise<void> {
    const engineTask = task ?? ({ id: intent.taskId, processInstanceId: intent.processInstanceId, taskDefinitionKey: intent.step } as EngineTask);
    await this.tx.write(async (manager) => {
      const petition = await this.petitions.lockForUpdate(manager, intent.petitionId);
      await step.apply({ manager, principal: intent.principal, petition, task: engineTask, now: intent.createdAt }, toForm(step, intent.form));
      await this.audit.recordRequest(manager);
      await manager.delete(TaskCompletion, { taskId: intent.taskId });
    });
    if (step.afterComplete) {
      const petition = await this.petitions.require(undefined, intent.petitionId);
      await step.afterComplete(
        { manager: this.dataSource.manager, principal: intent.principal, petition, task: engineTask, now: intent.createdAt },
        toForm(step, intent.form),
      );
    }
    await this.index.syncPetition(intent.petitionId);
  }

  private async plan(step: TaskStep, principal: Principal, task: EngineTask, petitionId: string, form: object, now: Date) {
    try {
      await this.tx.write(async (manager) => {
        const petition = await this.petitions.lockForUpdate(manager, petitionId);
        throw new Planned(await step.apply({ manager, principal, petition, task, now }, form));
      });
    } catch (outcome) {
      if (outcome instanceof Planned) return outcome.variables;
      throw outcome;
    }
    throw new Error('unreachable: the planning transaction always rolls back');
  }

  private async fateOf(taskId: string): Promise<'open' | 'completed' | 'gone'> {
    try {
      await this.camunda.task(taskId);
      return 'open';
    } catch (error) {
      if (!(error instanceof CamundaError) || error.status !== 404) throw error;
    }
    const [historic] = await this.camunda.historicTasks(taskId);
    return historic?.deleteReason === 'completed' ? 'completed' : 'gone';
  }

  private async forget(taskId: string): Promise<void> {
    await this.tx.write((manager) => manager.delete(TaskCompletion, { taskId }));
  }
}

/** The stored form as the step's form class again (its methods and defaults, as validation left it). */
function toForm(step: TaskStep, stored: Record<string, unknown>): object {
  return Object.assign(new step.form(), stored);
}

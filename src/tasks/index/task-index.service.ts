import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DataSource } from 'typeorm';
import { CamundaRestClient, EngineTask, OfferedTask } from '../../camunda/camunda-rest.client';
import { parseEngineDate } from '../../camunda/camunda-variables';
import { Var } from '../../camunda/process-contract';
import { TaskChangeNotifier } from '../../camunda/task-change-notifier';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { OrgService } from '../../org/org.service';
import { Petition } from '../../petitions/petition.entity';
import { OpenTask } from './open-task.entity';
import { recountTallies, tallyKeys } from './tally-keeper';
import { PetitionRepository } from '../../petitions/petition.repository';
import { minutesToPeriod, PeriodicJobs } from '../../scheduling/periodic-jobs';
import { Clock } from '../../clocks/clock';
import { InboxService } from '../../inbox/inbox.service';
import { newTaskNotice } from '../../inbox/notices';

const PAGE = 500;

export const TASK_INDEX_RECONCILE_JOB = 'task-index-reconcile';

/**
 * Keeps open_task in step with the engine. Every change our code makes to a petition's tasks is
 * followed by syncPetition (a task completed or claimed through the API, an external task completed
 * by a worker, an extension); a reconcile pass, once per cluster every TASK_INDEX_RECONCILE_MINUTES, catches anything else (tasks moved by hand
 * in the engine, a crash between the two).
 */
@Injectable()
export class TaskIndexService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TaskIndexService.name);

  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly org: OrgService,
    private readonly tx: Transactions,
    private readonly dataSource: DataSource,
    notifier: TaskChangeNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly petitions: PetitionRepository,
    private readonly jobs: PeriodicJobs,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
  ) {
    notifier.subscribe((number, id) => (number ? this.syncPetitionNumber(number, id) : this.reconcile().then(() => undefined)));
  }

  onApplicationBootstrap(): void {
    this.jobs.every(TASK_INDEX_RECONCILE_JOB, minutesToPeriod(this.config.taskIndexReconcileMinutes), () => this.reconcile());
  }

  /** Never fails the caller: the change it follows has happened; the reconcile pass repairs a miss. */
  async syncPetition(petitionId: string): Promise<void> {
    try {
      const petition = await this.petitions.find(petitionId);
      if (petition) await this.sync(petition);
    } catch (error) {
      this.logger.warn(`Task index not updated for petition ${petitionId}: ${String(error)}`);
    }
  }

  /**
   * After a worker's step, which usually gives the petition's id along (else it is looked up by the
   * number): the engine's open tasks, then the petition's rows, read once, locked, in the writing
   * transaction.
   */
  async syncPetitionNumber(number: string, petitionId?: string): Promise<void> {
    const tasks = await this.camunda.openTasks(number);
    const id = petitionId ?? (await this.petitions.idOfNumber(number));
    if (id) await this.bringUpToDate({ id, number }, tasks);
  }

  /** A petition's open tasks, as the engine has them now (its business key spans the called processes). */
  private async sync(petition: Pick<Petition, 'id' | 'number'>): Promise<void> {
    await this.bringUpToDate(petition, await this.camunda.openTasks(petition.number));
  }

  /** Writes what differs between the engine's open tasks (`tasks`) and the petition's rows. */
  private async bringUpToDate(petition: Pick<Petition, 'id' | 'number'>, tasks: OfferedTask[]): Promise<void> {
    await this.tx.write(async (manager) => {
      // The petition's rows as they are now, locked: what this sync keeps, removes or replaces, and
      // whose tally groups it counts again.
      const indexed = await manager.find(OpenTask, { where: { petitionId: petition.id }, ...this.lockForUpdate() });
      // Between two service tasks (registered, not yet routed) there is nothing to write.
      if (tasks.length === 0 && indexed.length === 0) return;
      const indexedUnits = new Map(indexed.map((r) => [r.taskId, r.unitCode]));
      const rows: OpenTask[] = [];
      for (const task of tasks) {
        // From the organisation's cached tree: no statement while the rows are locked.
        const unitCode = await this.unitOf(task, indexedUnits.get(task.id));
        if (unitCode) rows.push(await this.row(task, unitCode, petition.id, petition.number));
      }
      const keep = new Set(rows.map((r) => r.taskId));
      const gone = indexed.filter((r) => !keep.has(r.taskId)).map((r) => r.taskId);
      const known = new Set(indexed.map((r) => r.taskId));
      if (gone.length > 0) await manager.delete(OpenTask, { taskId: In(gone) });
      if (rows.length > 0) await manager.upsert(OpenTask, rows, ['taskId']);
      await this.announce(
        manager,
        rows.filter((r) => !known.has(r.taskId)),
        tasks,
      );
      // Last, so the tally's rows are locked only for the commit.
      await recountTallies(manager, tallyKeys([...indexed, ...rows]));
    });
  }

  /**
   * The unit a task is offered to. While a unit is closed its tasks are offered to the successor
   * first and to it no longer after (EngineSuccession): the unit indexed stays while it is open and
   * the task still offered to it, and otherwise an open unit the task is offered to comes first.
   */
  private async unitOf(task: OfferedTask, indexed: string | undefined): Promise<string | undefined> {
    const open: string[] = [];
    for (const group of task.candidateGroups) if ((await this.org.unit(group))?.active) open.push(group);
    if (indexed && open.includes(indexed)) return indexed;
    return open[0] ?? task.candidateGroups[0];
  }

  /** A row lock for reads in a writing transaction; SQLite's writers take turns and have none. */
  private lockForUpdate(): { lock?: { mode: 'pessimistic_write' } } {
    return this.dataSource.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' } };
  }

  /** Compares the whole index with the engine, unit by unit; returns how many rows it changed. */
  async reconcile(): Promise<number> {
    const seen = new Map<string, { task: EngineTask; unitCode: string }>();
    for (const unit of await this.org.units()) {
      for (let first = 0; ; first += PAGE) {
        const page = await this.camunda.queryTasks({ candidateGroup: unit.code, includeAssignedTasks: true, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] }, first, PAGE);
        for (const task of page) seen.set(task.id, { task, unitCode: unit.code });
        if (page.length < PAGE) break;
      }
    }
    const indexed = new Map((await this.dataSource.getRepository(OpenTask).find()).map((r) => [r.taskId, r]));
    const stale = [...indexed.keys()].filter((id) => !seen.has(id));
    const changed = [...seen.values()].filter(({ task, unitCode }) => {
      const row = indexed.get(task.id);
      return !row || row.unitCode !== unitCode || row.assignee !== task.assignee || dueOf(task)?.getTime() !== row.due?.getTime();
    });
    const petitionOf = await this.petitionIds(changed.map((c) => c.task.processInstanceId));
    const rows: OpenTask[] = [];
    for (const { task, unitCode } of changed) {
      const petition = petitionOf.get(task.processInstanceId);
      if (petition) rows.push(await this.row(task, unitCode, petition.id, petition.number));
    }
    await this.tx.write(async (manager) => {
      const added = await this.notIndexed(manager, rows);
      for (let i = 0; i < stale.length; i += PAGE) await manager.delete(OpenTask, { taskId: In(stale.slice(i, i + PAGE)) });
      for (let i = 0; i < rows.length; i += PAGE) await manager.upsert(OpenTask, rows.slice(i, i + PAGE), ['taskId']);
      await this.announce(manager, added, changed.map((c) => c.task));
      const before = [...stale, ...rows.map((r) => r.taskId)].flatMap((id) => indexed.get(id) ?? []);
      await recountTallies(manager, tallyKeys([...before, ...rows]));
    });
    return stale.length + rows.length;
  }

  /**
   * The rows about to be written whose task the index does not hold yet: a new task. Read in the
   * writing transaction, so a sync and a reconcile racing each other mostly agree; where both take a
   * task for new, the inbox's idempotency key keeps one notice.
   */
  private async notIndexed(manager: EntityManager, rows: OpenTask[]): Promise<OpenTask[]> {
    const known = new Set<string>();
    for (let i = 0; i < rows.length; i += PAGE) {
      const ids = rows.slice(i, i + PAGE).map((r) => r.taskId);
      for (const row of await manager.find(OpenTask, { select: { taskId: true }, where: { taskId: In(ids) } })) known.add(row.taskId);
    }
    return rows.filter((r) => !known.has(r.taskId));
  }

  /**
   * Tells the unit a task is offered to, in the transaction that indexes it (no engine call in it).
   * The step is named as the diagram names the user task, as the engine gave it with the task.
   */
  private async announce(manager: EntityManager, added: OpenTask[], tasks: EngineTask[]): Promise<void> {
    const names = new Map(tasks.map((t) => [t.id, t.name]));
    const now = this.clock.now();
    for (const task of added) {
      await this.inbox.notifyUnit(manager, newTaskNotice({ ...task, stepName: names.get(task.taskId) || task.step }), now);
    }
  }

  private async petitionIds(processInstanceIds: string[]): Promise<Map<string, { id: string; number: string }>> {
    const byInstance = new Map<string, { id: string; number: string }>();
    const unique = [...new Set(processInstanceIds)];
    for (let i = 0; i < unique.length; i += 100) {
      const variables = await this.camunda.variableInstances({ processInstanceIdIn: unique.slice(i, i + 100), variableName: Var.petitionId });
      const petitions = [...(await this.petitions.byIds(variables.map((v) => String(v.value)))).values()];
      const numberOf = new Map(petitions.map((p) => [p.id, p.number]));
      for (const v of variables) {
        const number = numberOf.get(String(v.value));
        if (number) byInstance.set(v.processInstanceId, { id: String(v.value), number });
      }
    }
    return byInstance;
  }

  private async row(task: EngineTask, unitCode: string, petitionId: string, petitionNumber: string): Promise<OpenTask> {
    const unit = await this.org.unit(unitCode);
    const region = unit ? await this.org.region(unit.regionCode) : undefined;
    return {
      taskId: task.id,
      petitionId,
      petitionNumber,
      processInstanceId: task.processInstanceId,
      step: task.taskDefinitionKey,
      unitCode,
      regionCode: unit?.regionCode ?? '',
      level: region?.level ?? 'city',
      due: dueOf(task),
      created: parseEngineDate(task.created),
      assignee: task.assignee,
    };
  }
}

function dueOf(task: EngineTask): Date | null {
  return task.due ? parseEngineDate(task.due) : null;
}

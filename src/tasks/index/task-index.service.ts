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
import { addToTallies, recountTallies, tallyChanges, tallyKeys } from './tally-keeper';
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
    notifier.subscribe((number, id) => (number ? this.syncPetitionNumber(number, id) : this.reconcile()).then(() => undefined));
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
  async syncPetitionNumber(number: string, petitionId?: string): Promise<number> {
    const tasks = await this.camunda.openTasks(number);
    const id = petitionId ?? (await this.petitions.idOfNumber(number));
    return id ? this.bringUpToDate({ id, number }, tasks) : 0;
  }

  /** A petition's open tasks, as the engine has them now (its business key spans the called processes). */
  private async sync(petition: Pick<Petition, 'id' | 'number'>): Promise<void> {
    await this.bringUpToDate(petition, await this.camunda.openTasks(petition.number));
  }

  /** Writes what differs between the engine's open tasks (`tasks`) and the petition's rows; returns how many rows it changed. */
  private async bringUpToDate(petition: Pick<Petition, 'id' | 'number'>, tasks: OfferedTask[]): Promise<number> {
    return this.tx.write(async (manager) => {
      // The index's writers of one petition take turns on its row: the rows read next are then what
      // the last of them committed, and this write's change to the tally is exactly their difference.
      await this.petitions.lockRow(manager, petition.id);
      const indexed = await manager.findBy(OpenTask, { petitionId: petition.id });
      // Between two service tasks (registered, not yet routed) there is nothing to write.
      if (tasks.length === 0 && indexed.length === 0) return 0;
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
      // Last, so a tally's row, which every petition of its unit, step and due day writes, is locked
      // only for the commit; one statement per group whose count changed, none that counts.
      await addToTallies(manager, tallyChanges(indexed, rows));
      const before = new Map(indexed.map((r) => [r.taskId, r]));
      return gone.length + rows.filter((r) => differs(before.get(r.taskId), r)).length;
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

  /**
   * Compares the whole index with the engine, unit by unit, and syncs again each petition where they
   * differ; returns how many rows it changed. The comparison only finds the petitions: the engine's
   * pages are older than the index's rows read after them (a task created meanwhile is in the index
   * and not in the pages), so each petition found is read from the engine again and written as a
   * sync writes it, in turn with the other syncs of that petition.
   */
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
    const differing = new Map<string, string>();
    for (const row of indexed.values()) if (!seen.has(row.taskId)) differing.set(row.petitionId, row.petitionNumber);
    const changed = [...seen.values()].filter(({ task, unitCode }) => {
      const row = indexed.get(task.id);
      return !row || row.unitCode !== unitCode || row.assignee !== task.assignee || dueOf(task)?.getTime() !== row.due?.getTime();
    });
    for (const petition of (await this.petitionIds(changed.map((c) => c.task.processInstanceId))).values()) differing.set(petition.id, petition.number);
    let rowsChanged = 0;
    const before = [...indexed.values()].filter((r) => differing.has(r.petitionId));
    for (const [id, number] of differing) rowsChanged += await this.syncPetitionNumber(number, id);
    if (differing.size === 0) return 0;
    // Counted, not added: the pass also mends a tally that has drifted from its rows.
    await this.tx.write(async (manager) => {
      const after = await this.rowsOf(manager, [...differing.keys()]);
      await recountTallies(manager, tallyKeys([...before, ...after]));
    });
    return rowsChanged;
  }

  private async rowsOf(manager: EntityManager, petitionIds: string[]): Promise<OpenTask[]> {
    const rows: OpenTask[] = [];
    for (let i = 0; i < petitionIds.length; i += PAGE) rows.push(...(await manager.findBy(OpenTask, { petitionId: In(petitionIds.slice(i, i + PAGE)) })));
    return rows;
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

/** Whether a petition's row for a task changes with this write (absent before: a new task). */
function differs(before: OpenTask | undefined, after: OpenTask): boolean {
  return !before || before.unitCode !== after.unitCode || before.assignee !== after.assignee || before.step !== after.step || before.due?.getTime() !== after.due?.getTime();
}

function dueOf(task: EngineTask): Date | null {
  return task.due ? parseEngineDate(task.due) : null;
}

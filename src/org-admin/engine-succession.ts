import { Injectable, Logger } from '@nestjs/common';
import { CamundaError, CamundaRestClient, EngineTask, IdentityLink } from '../camunda/camunda-rest.client';
import { Var } from '../camunda/process-contract';

const PAGE = 200;

/**
 * Process variables whose value is a unit code that user tasks take their candidate group from
 * when they are created. Today only `competentUnitCode` (in `petition` and, copied in, in its
 * called `unit-handling`); a diagram that offers a task to another variable's unit adds it here.
 */
export const UNIT_CODE_VARIABLES: string[] = [
  Var.competentUnitCode,
  Var.receivingUnitCode,
  Var.superiorUnitCode,
  Var.assignedByUnitCode,
];

/**
 * The engine's side of closing a unit: a unit's code is the candidate group of its open tasks and
 * the value of the variables that its future tasks will be offered through. Every step checks
 * before it writes, so running it again after a failure finishes the job without doing anything twice.
 */
@Injectable()
export class EngineSuccession {
  private readonly logger = new Logger(EngineSuccession.name);

  constructor(private readonly camunda: CamundaRestClient) {}

  /**
   * Points every running unit-code variable that names `from` at `to`; returns the number of
   * process instances changed. Tasks created from now on are offered to `to`.
   */
  async moveUnitVariables(from: string, to: string, names = UNIT_CODE_VARIABLES): Promise<number> {
    const changed = new Set<string>();
    for (const variableName of names) {
      const rows = await this.all((first) => this.camunda.variablesWithValue(variableName, from, first, PAGE));
      for (const row of rows) {
        // The process carries it at the instance's root; a copy local to a task or a sub-scope stays local.
        const set = () => this.camunda.setStringVariable(row, variableName, to);
        if (await this.unlessGone(set, () => this.camunda.processInstanceExists(row.processInstanceId))) {
          changed.add(row.processInstanceId);
        }
      }
    }
    return changed.size;
  }

  /**
   * Offers every open task of group `from` to `to` instead (the new link first, so a task is never
   * offered to nobody). A claimed task keeps its assignee when `keepAssignee` says so, otherwise it
   * goes back to the successor's queue. Returns the number of tasks moved.
   */
  async moveTasks(from: string, to: string, keepAssignee: (username: string) => Promise<boolean>): Promise<number> {
    const tasks = await this.all<EngineTask>((first) =>
      this.camunda.queryTasks(
        { candidateGroup: from, includeAssignedTasks: true, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] },
        first,
        PAGE,
      ),
    );
    let moved = 0;
    for (const task of tasks) {
      const done = await this.unlessGone(
        async () => {
          const links = await this.camunda.identityLinks(task.id);
          if (!links.some((l) => isCandidate(l, to))) await this.camunda.addCandidateGroup(task.id, to);
          if (links.some((l) => isCandidate(l, from))) await this.camunda.removeCandidateGroup(task.id, from);
          if (task.assignee && !(await keepAssignee(task.assignee))) {
            await this.camunda.unclaimTask(task.id);
            this.logger.log(`Task ${task.id} unclaimed: ${task.assignee} does not work at ${to}`);
          }
        },
        () => this.camunda.taskExists(task.id),
      );
      if (done) moved++;
    }
    return moved;
  }

  /** Every page of a query, read before anything is changed (changes drop rows out of the query). */
  private async all<T>(page: (firstResult: number) => Promise<T[]>): Promise<T[]> {
    const rows: T[] = [];
    for (let first = 0; ; first += PAGE) {
      const batch = await page(first);
      rows.push(...batch);
      if (batch.length < PAGE) return rows;
    }
  }

  /**
   * Runs `work`; when the engine refuses because the task or instance ended meanwhile (completed
   * by its unit while the closure ran), that is not a failure: returns false.
   */
  private async unlessGone(work: () => Promise<unknown>, stillThere: () => Promise<boolean>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      if (!(error instanceof CamundaError) || (await stillThere())) throw error;
      return false;
    }
  }
}

function isCandidate(link: IdentityLink, group: string): boolean {
  return link.type === 'candidate' && link.groupId === group;
}

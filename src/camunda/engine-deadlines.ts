import { Injectable } from '@nestjs/common';
import { CamundaRestClient } from './camunda-rest.client';
import { ClockName, STEP_CLOCKS } from '../clocks/task-clock';

/** The variable a timer was set from, as its job definition's configuration names it ("DATE: ${handleRemindAt}"). */
export function timerVariable(configuration: string): string | null {
  return /^\s*DATE:\s*\$\{\s*([A-Za-z_]\w*)\s*\}\s*$/.exec(configuration)?.[1] ?? null;
}

/**
 * Where a deadline lives in the engine besides its variables: the due date of every open task that
 * runs on the clock, and every timer set from one of the clock's variables. When the lifecycle moves a
 * deadline (an approved extension), this moves those to match; the timers are found by their job
 * definitions, whatever their element ids.
 */
@Injectable()
export class EngineDeadlines {
  constructor(private readonly camunda: CamundaRestClient) {}

  /** `variables` are the clock's new values (clockVariables()): `${clock}DueDate`, `…RemindAt`, `…DisciplineAt`. */
  async move(processInstanceId: string, clock: ClockName, variables: Record<string, Date>): Promise<void> {
    const steps = Object.entries(STEP_CLOCKS)
      .filter(([, name]) => name === clock)
      .map(([step]) => step);
    const due = variables[`${clock}DueDate`];
    for (const task of await this.camunda.queryTasks({ processInstanceId, taskDefinitionKeyIn: steps })) {
      await this.camunda.setTaskDue(task.id, due);
    }
    await this.moveTimers(processInstanceId, variables);
  }

  /**
   * 送达 (Art. 35): the windows that open with a reply's service (ratingClosesAt, reviewRequestClosesAt)
   * close later or earlier when the service date is recorded after the reply. The variables take the
   * new instants and the timers still waiting on them move; a window whose timer has fired stays closed.
   * Safe to run twice.
   */
  async moveWindows(processInstanceId: string, windows: Record<string, Date>): Promise<void> {
    await this.camunda.setVariables(processInstanceId, windows);
    await this.moveTimers(processInstanceId, windows);
  }

  private async moveTimers(processInstanceId: string, variables: Record<string, Date>): Promise<void> {
    for (const job of await this.camunda.timerJobs(processInstanceId)) {
      const variable = timerVariable(job.configuration);
      if (variable && variables[variable]) await this.camunda.setJobDue(job.id, variables[variable]);
    }
  }

  /**
   * 听证 (Art. 36): the clock stops. The timers set from its variables are suspended where they stand,
   * so none fires while the hearing runs.
   */
  async pause(processInstanceId: string, clock: ClockName): Promise<void> {
    for (const job of await this.clockTimers(processInstanceId, clock)) await this.camunda.setJobSuspended(job.id, true);
  }

  /**
   * …and runs on after it: the due date, the timers and the clock's variables take the values given
   * (each instant moved by the time the hearing took), and the timers run again.
   */
  async resume(processInstanceId: string, clock: ClockName, variables: Record<string, Date>): Promise<void> {
    await this.move(processInstanceId, clock, variables);
    await this.camunda.setVariables(processInstanceId, variables);
    for (const job of await this.clockTimers(processInstanceId, clock)) await this.camunda.setJobSuspended(job.id, false);
  }

  private async clockTimers(processInstanceId: string, clock: ClockName) {
    const names = new Set([`${clock}DueDate`, `${clock}RemindAt`, `${clock}DisciplineAt`]);
    return (await this.camunda.timerJobs(processInstanceId)).filter((job) => names.has(timerVariable(job.configuration) ?? ''));
  }
}

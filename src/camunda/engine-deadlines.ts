import { Injectable } from '@nestjs/common';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { ClockName, STEP_CLOCKS } from '../../clocks/task-clock';

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
    for (const job of await this.camunda.timerJobs(processInstanceId)) {
      const variable = timerVariable(job.configuration);
      if (variable && variables[variable]) await this.camunda.setJobDue(job.id, variables[variable]);
    }
  }
}

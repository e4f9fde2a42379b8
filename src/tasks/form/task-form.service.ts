import { Injectable, Logger } from '@nestjs/common';
import { taskNotFound } from '../../access/access-denied';
import type { Principal } from '../../auth/principal';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { TasksService } from '../tasks.service';

/**
 * How a task's completion fields are drawn: a Camunda Form (bound to its latest version, so
 * a form deployed from the modeler takes effect at once), or the web
 * app's own form for the step. Either way the task is completed through POST /api/tasks/:id/complete
 * and validated by the step's form class.
 */
export type TaskForm =
  | { kind: 'camunda-form'; key: string; version?: number; schema: Record<string, unknown> }
  | { kind: 'step' };

/** Form keys of Camunda Forms referenced through camunda:formKey rather than camunda:formRef. */
const CAMUNDA_FORMS_PREFIX = 'camunda-forms:';

@Injectable()
export class TaskFormService {
  private readonly logger = new Logger(TaskFormService.name);

  constructor(
    private readonly tasks: TasksService,
    private readonly camunda: CamundaRestClient,
  ) {}

  async formOf(principal: Principal, taskId: string): Promise<TaskForm> {
    await this.tasks.offeredTask(principal, taskId);
    const declared = await this.camunda.taskForm(taskId).catch((error: unknown) => {
      // completed or deleted since the access check
      if ((error as { status?: number }).status === 404) throw taskNotFound(taskId);
      throw error;
    });
    const ref = declared.camundaFormRef;
    const key = ref?.key ?? (declared.key?.startsWith(CAMUNDA_FORMS_PREFIX) ? declared.key : null);
    if (!key) return { kind: 'step' };
    try {
      const schema = await this.camunda.deployedTaskForm(taskId);
      return { kind: 'camunda-form', key, ...(ref?.version != null ? { version: ref.version } : {}), schema };
    } catch (error) {
      // A form that cannot be resolved (never deployed, or removed) must not stop the work: the step's
      // own form completes the task just as well, so the task page falls back to it.
      const status = (error as { status?: number }).status;
      if (status === undefined || status >= 500) throw error;
      this.logger.warn(`Task ${taskId} references Camunda Form ${key}, which the engine cannot resolve (${status})`);
      return { kind: 'step' };
    }
  }
}

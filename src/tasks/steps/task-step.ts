import type { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/principal';
import type { EngineTask } from '../../camunda/camunda-rest.client';
import type { PlainValue } from '../../camunda/camunda-variables';
import type { StepKey } from '../../camunda/process-contract';
import type { Petition } from '../../petitions/petition.entity';

export interface StepContext {
  manager: EntityManager;
  principal: Principal;
  petition: Petition;
  task: EngineTask;
  now: Date;
}

/**
 * One kind of user task: the form a person fills in and what completing it does to the petition.
 * Returns the variables the engine task is completed with.
 */
export interface TaskStep<Form extends object = object> {
  readonly keys: StepKey[];
  readonly form: new () => Form;
  apply(context: StepContext, form: Form): Promise<Record<string, PlainValue>>;
  /**
   * Effects on the engine beyond completing the task (moving other tasks' deadlines), run once the
   * completion has committed, so that a refused completion changes nothing.
   */
  afterComplete?(context: StepContext, form: Form): Promise<void>;
  /** What the caller may choose at this step, for the task page. */
  options?(context: Omit<StepContext, 'task'>): Promise<Record<string, unknown>>;
}

export const TASK_STEPS = Symbol('TASK_STEPS');

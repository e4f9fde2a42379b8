import { SetMetadata } from '@nestjs/common';
import { TopicName } from '../process-contract';
import { PlainValue } from '../camunda-variables';

export const TOPIC_HANDLER_METADATA = 'petition:topic-handler';

export interface TopicHandlerOptions {
  /** Lock per delivery; defaults to WORKER_LOCK_MS. Long work keeps extending it while it runs. */
  lockDurationMs?: number;
  /**
   * The process variables the handler reads. Declared, the engine sends only these with each task
   * (a petition's process holds about thirty; serialising them all costs the engine on every fetch)
   * and reading any other is a programming error the task fails on. Left out: all of them.
   */
  variables?: readonly string[];
}

export interface TopicHandlerMetadata extends TopicHandlerOptions {
  topic: TopicName;
}

/** What a handler sees of one external task. */
export interface ExternalTaskContext {
  id: string;
  topic: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  /** null on the first delivery, then what the last failure left. */
  retries: number | null;
  /** A key that is the same for every delivery of this activity in this process instance. */
  idempotencyKey: string;
  variable<T = unknown>(name: string): T | undefined;
  requireVariable<T = unknown>(name: string): T;
}

/** Variables to set on the process when the task completes. */
export type HandlerResult = Record<string, PlainValue | undefined> | void;

export type TopicHandlerFn = (task: ExternalTaskContext) => Promise<HandlerResult>;

/**
 * Marks a provider method as the handler of one external-task topic. The worker runtime finds it
 * and subscribes it. Delivery is at least once, so a handler must be safe to run twice.
 */
export const TopicHandler = (topic: TopicName, options: TopicHandlerOptions = {}): MethodDecorator =>
  SetMetadata(TOPIC_HANDLER_METADATA, { topic, ...options } satisfies TopicHandlerMetadata);

import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { appendFile } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { toTypedVariables } from '../camunda-variables';
import { Var } from '../process-contract';
import { withoutUnchanged } from './unchanged-variables';
import { TaskChangeNotifier } from '../task-change-notifier';
import { CamundaRestClient } from '../camunda-rest.client';
import {
  createExternalTaskClient,
  RawClient,
  RawExternalTask,
  RawTaskService,
} from './external-task-client.adapter';
import { classifyFailure } from '../../common/outage';
import { observeTask } from '../../metrics/task-metrics';
import { decideFailure, recordedMessage, retryBudgets } from './retry-policy';
import {
  ExternalTaskContext,
  TOPIC_HANDLER_METADATA,
  TopicHandlerFn,
  TopicHandlerMetadata,
} from './topic-handler.decorator';

interface Subscription extends TopicHandlerMetadata {
  handler: TopicHandlerFn;
  owner: string;
}

const POLL_INTERVAL_MS = 50;
const MAX_POLL_ERROR_INTERVAL_MS = 10_000;
const SHUTDOWN_GRACE_MS = 25_000;
/** Off unless set: one JSON line per task (fetched, handler, complete, notify) for `npm run bench:ceiling`. */
const TIMINGS_FILE = process.env.WORKER_TIMINGS_FILE;

/**
 * Runs the @TopicHandler methods against the engine through camunda-external-task-client-js and
 * makes up for what the client lacks: failures become handleFailure with growing back-off (an
 * incident when retries run out; a failure an outage causes gets the longer budget, see
 * retry-policy.ts), long work keeps its lock, polling backs off while the engine is unreachable,
 * and stop() lets running handlers finish.
 */
@Injectable()
export class WorkerRuntime implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerRuntime.name);
  private client: RawClient | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  /** Settles when the long poll under way (if any) has returned. */
  private pollSettled: Promise<void> = Promise.resolve();
  private settlePoll: (() => void) | undefined;
  readonly workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly taskChanges: TaskChangeNotifier,
    private readonly engine: CamundaRestClient,
  ) {}

  discoverSubscriptions(): Subscription[] {
    const found: Subscription[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<TopicHandlerMetadata | undefined>(TOPIC_HANDLER_METADATA, method);
        if (!metadata) continue;
        const owner = `${instance.constructor.name}.${methodName}`;
        const duplicate = found.find((s) => s.topic === metadata.topic);
        if (duplicate) throw new Error(`Topic ${metadata.topic} has two handlers: ${duplicate.owner} and ${owner}`);
        found.push({ ...metadata, owner, handler: (method as TopicHandlerFn).bind(instance) });
      }
    }
    return found;
  }

  async start(): Promise<void> {
    if (this.client) return;
    const { workers, engine } = this.config;
    const subscriptions = this.discoverSubscriptions();
    const client = await createExternalTaskClient({
      baseUrl: engine.url,
      username: engine.username,
      password: engine.password,
      workerId: this.workerId,
      maxTasks: workers.maxParallel,
      maxParallelExecutions: workers.maxParallel,
      lockDuration: workers.lockDurationMs,
      asyncResponseTimeout: workers.pollTimeoutMs,
      interval: POLL_INTERVAL_MS,
    });
    // The client polls again after a fixed interval even while the engine is down; back off instead.
    client.on('poll:start', () => {
      this.pollSettled = new Promise((resolve) => (this.settlePoll = resolve));
    });
    client.on('poll:error', (error: unknown) => {
      this.settlePoll?.();
      client.options.interval = Math.min(MAX_POLL_ERROR_INTERVAL_MS, client.options.interval * 2);
      this.logger.warn(`Polling the engine failed (${describe(error)}); next poll in ${client.options.interval} ms`);
    });
    client.on('poll:success', () => {
      this.settlePoll?.();
      client.options.interval = POLL_INTERVAL_MS;
    });
    for (const subscription of subscriptions) {
      const lockDuration = subscription.lockDurationMs ?? workers.lockDurationMs;
      const variables = subscription.variables ? [...subscription.variables] : undefined;
      client.subscribe(subscription.topic, { lockDuration, ...(variables ? { variables } : {}) }, ({ task, taskService }) =>
        this.track(this.execute(subscription, lockDuration, task, taskService)),
      );
    }
    this.client = client;
    client.start();
    this.logger.log(
      `Worker ${this.workerId} subscribed to ${subscriptions.map((s) => s.topic).join(', ')} ` +
        `(at most ${workers.maxParallel} in parallel)`,
    );
  }

  /**
   * Stops polling, lets the long poll under way return (the engine would otherwise lock the next
   * task for a worker that is gone, delaying it by a whole lock duration; tasks it brings back are
   * unlocked at once) and waits for the handlers that are running.
   */
  async stop(): Promise<void> {
    if (!this.client || this.stopping) return;
    this.stopping = true;
    this.client.stop();
    const grace = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    this.logger.log(`Stopping: waiting for the last poll and ${this.inFlight.size} running handler(s)`);
    await Promise.race([this.pollSettled, grace(this.config.workers.pollTimeoutMs + 2_000)]);
    await Promise.race([Promise.allSettled([...this.inFlight]), grace(SHUTDOWN_GRACE_MS)]);
    // The index updates the finished tasks queued, while the database is still open.
    await Promise.race([this.taskChanges.idle(), grace(SHUTDOWN_GRACE_MS)]);
  }

  // Before, not on, shutdown: the database connection closes in onApplicationShutdown.
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async execute(
    subscription: Subscription,
    lockDuration: number,
    task: RawExternalTask,
    taskService: RawTaskService,
  ): Promise<void> {
    if (this.stopping) {
      // Fetched by a poll that was already under way: hand it back rather than run it half-way.
      await taskService.unlock(task).catch(() => undefined);
      return;
    }
    const fetchedAt = Date.now();
    const keepLock = setInterval(() => {
      taskService.extendLock(task, lockDuration).catch((error: unknown) => {
        this.logger.warn(`Could not extend the lock of ${task.topicName} task ${task.id}: ${describe(error)}`);
      });
    }, Math.max(500, Math.floor(lockDuration / 2)));
    try {
      // Timed and counted per topic for /metrics; the handler's log lines carry the petition number.
      const result = await observeTask(task, () => subscription.handler(toContext(task, subscription.variables)));
      const handledAt = Date.now();
      const variables = toTypedVariables(withoutUnchanged(result, task.variables.getAll()) ?? {});
      // Through the engine's own completion resource rather than the client's: it also says whether
      // running the process on to its next wait state created, changed or removed a user task.
      const { userTasksTouched } = await this.engine.completeExternalTask(task.id, this.workerId, variables);
      const completedAt = Date.now();
      // Queued, not awaited: the slot goes to the next task while the index catches up.
      if (userTasksTouched) this.taskChanges.changed(task.businessKey ?? null, petitionIdOf(task));
      if (TIMINGS_FILE) {
        const line = { topic: task.topicName, created: task.createTime, fetchedAt, handledAt, completedAt, notifiedAt: Date.now() };
        appendFile(TIMINGS_FILE, JSON.stringify(line) + '\n', () => undefined);
      }
    } catch (error) {
      await this.fail(task, taskService, error);
    } finally {
      clearInterval(keepLock);
    }
  }

  private async fail(task: RawExternalTask, taskService: RawTaskService, error: unknown): Promise<void> {
    // An outage (database, engine, network) gets the long budget; anything else the short one.
    const failure = classifyFailure(error);
    const decision = decideFailure(task.retries, failure.kind, retryBudgets(this.config));
    const message = recordedMessage(describe(error), failure);
    if (decision.retries === 0) {
      this.logger.error(`${task.topicName} task ${task.id} failed for the last time, raising an incident: ${message}`);
    } else {
      this.logger.warn(
        `${task.topicName} task ${task.id} failed (${failure.kind}; retry in ${decision.retryTimeoutMs} ms, counter ${decision.retries}): ${message}`,
      );
    }
    try {
      await taskService.handleFailure(task, {
        errorMessage: message,
        errorDetails: error instanceof Error ? (error.stack ?? message) : message,
        retries: decision.retries,
        retryTimeout: decision.retryTimeoutMs,
      });
    } catch (reportError) {
      // The lock will expire and the engine will deliver the task again.
      this.logger.error(`Could not report the failure of task ${task.id}: ${describe(reportError)}`);
    }
  }
}

/** The petition's id when the topic fetched it (most do): the task index then need not look it up by number. */
function petitionIdOf(task: RawExternalTask): string | undefined {
  const id = task.variables.get(Var.petitionId);
  return typeof id === 'string' && id ? id : undefined;
}

function toContext(task: RawExternalTask, declared: readonly string[] | undefined): ExternalTaskContext {
  const variable = <T>(name: string) => {
    // Not sent, so it would read as unset: say so instead of acting on a missing value.
    if (declared && !declared.includes(name)) {
      throw new Error(`The ${task.topicName} handler reads process variable ${name}, which its @TopicHandler does not declare`);
    }
    return (task.variables.get(name) ?? undefined) as T | undefined;
  };
  return {
    id: task.id,
    topic: task.topicName,
    processInstanceId: task.processInstanceId,
    processDefinitionKey: task.processDefinitionKey,
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    businessKey: task.businessKey,
    retries: task.retries,
    // Per activity instance: every delivery of one task shares it, and a loop that runs the same
    // activity again (a revoked reply handled anew) gets a new one.
    idempotencyKey: `${task.processInstanceId}:${task.activityInstanceId}`,
    variable,
    requireVariable<T>(name: string): T {
      const value = variable<T>(name);
      if (value === undefined) throw new Error(`Process variable ${name} is missing`);
      return value;
    },
  };
}

/** The message, and what it wraps when it says little on its own (fetch's "fetch failed"). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.message || error.name;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message && !own.includes(cause.message) ? `${own} (${cause.message})` : own;
}

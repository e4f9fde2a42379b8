import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Topic } from '../../src/camunda/process-contract';
import { ExternalTaskContext, TopicHandler } from '../../src/camunda/worker-runtime/topic-handler.decorator';
import { WorkerRuntime } from '../../src/camunda/worker-runtime/worker-runtime.service';
import { TaskChangeNotifier } from '../../src/camunda/task-change-notifier';
import { CamundaRestClient } from '../../src/camunda/camunda-rest.client';

/** Records which petitions' tasks the runtime said may have changed. */
const changedPetitions: (string | null)[] = [];
/** The petition ids given along, by number. */
const changedIds = new Map<string | null, string | undefined>();
const notifier = {
  changed: (number: string | null, id?: string) => {
    changedPetitions.push(number);
    changedIds.set(number, id);
  },
  idle: async () => undefined,
};
import { APP_CONFIG, loadConfig } from '../../src/config/app-config';

/**
 * The runtime's own logic, around a stand-in for camunda-external-task-client-js (the one adapter
 * module is replaced; the engine itself is exercised by the integration tests).
 */
type Listener = (...args: unknown[]) => void;
interface FakeTask {
  id: string;
  topicName: string;
  retries: number | null;
  processInstanceId: string;
  activityId: string;
  variables: { get(name: string): unknown; getAll(): Record<string, unknown> };
}

const calls: { method: string; args: unknown[] }[] = [];
/** What the engine answers a completion: whether the step it ran touched any user task. */
let userTasksTouched = true;
const engine = {
  completeExternalTask: jest.fn(async (id: string, workerId: string, variables: Record<string, unknown>) => {
    calls.push({ method: 'complete', args: [{ id }, workerId, variables] });
    return { userTasksTouched };
  }),
};
const taskService = {
  handleFailure: jest.fn(async (...args: unknown[]) => void calls.push({ method: 'handleFailure', args })),
  extendLock: jest.fn(async (...args: unknown[]) => void calls.push({ method: 'extendLock', args })),
  unlock: jest.fn(async (...args: unknown[]) => void calls.push({ method: 'unlock', args })),
};
const client = {
  options: { interval: 50 },
  handlers: new Map<string, (args: { task: FakeTask; taskService: typeof taskService }) => Promise<void>>(),
  listeners: new Map<string, Listener[]>(),
  started: false,
  stopped: false,
  subscribed: new Map<string, unknown>(),
  subscribe(topic: string, options: unknown, handler: (args: { task: FakeTask; taskService: typeof taskService }) => Promise<void>) {
    this.handlers.set(topic, handler);
    this.subscribed.set(topic, options);
  },
  start() {
    this.started = true;
  },
  stop() {
    this.stopped = true;
  },
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  },
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  },
  deliver(topic: string, task: Partial<FakeTask> & { vars?: Record<string, unknown> }) {
    const full: FakeTask = {
      id: 'task-1',
      topicName: topic,
      retries: null,
      processInstanceId: 'pi-1',
      activityId: 'register-petition',
      ...task,
      variables: { get: (name: string) => task.vars?.[name], getAll: () => ({ ...task.vars }) },
    };
    return this.handlers.get(topic)!({ task: full, taskService });
  },
};

jest.mock('../../src/camunda/worker-runtime/external-task-client.adapter', () => ({
  createExternalTaskClient: jest.fn(async () => client),
}));

let behaviour: (task: ExternalTaskContext) => Promise<Record<string, unknown> | void> = async () => undefined;

@Injectable()
class RegisterStub {
  @TopicHandler(Topic.register)
  handle(task: ExternalTaskContext) {
    return behaviour(task);
  }
}

/** A handler that says which variables it reads. */
@Injectable()
class RouteStub {
  @TopicHandler(Topic.route, { variables: ['petitionId', 'competentLevel'] })
  handle(task: ExternalTaskContext) {
    return behaviour(task);
  }
}

async function startRuntime(env: Record<string, string> = {}, extra: (typeof RouteStub)[] = []): Promise<WorkerRuntime> {
  const config = loadConfig({
    WORKER_MAX_RETRIES: '3',
    WORKER_RETRY_BASE_MS: '1000',
    WORKER_TRANSIENT_RETRIES: '5',
    WORKER_TRANSIENT_MAX_BACKOFF_MS: '4000',
    WORKER_LOCK_MS: '2000',
    ...env,
  });
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [{ provide: APP_CONFIG, useValue: config }, RegisterStub, ...extra, WorkerRuntime, { provide: TaskChangeNotifier, useValue: notifier }, { provide: CamundaRestClient, useValue: engine }],
  }).compile();
  const runtime = module.get(WorkerRuntime);
  await runtime.start();
  return runtime;
}

describe('the worker runtime', () => {
  beforeEach(() => {
    calls.length = 0;
    changedPetitions.length = 0;
    changedIds.clear();
    jest.clearAllMocks();
    client.handlers.clear();
    client.subscribed.clear();
    client.listeners.clear();
    client.started = client.stopped = false;
    client.options.interval = 50;
    behaviour = async () => undefined;
    userTasksTouched = true;
  });
  afterEach(() => jest.useRealTimers());

  it('subscribes every @TopicHandler and completes a task with the variables its handler returns', async () => {
    await startRuntime();
    expect([...client.handlers.keys()]).toEqual([Topic.register]);
    expect(client.started).toBe(true);

    behaviour = async (task) => ({ category: 'complaint', seen: task.requireVariable('petitionId') });
    await client.deliver(Topic.register, { vars: { petitionId: 'p-1' }, businessKey: 'XF-990102-2026-000001' } as never);

    expect(engine.completeExternalTask).toHaveBeenCalledTimes(1);
    expect(engine.completeExternalTask.mock.calls[0][2]).toEqual({ category: { value: 'complaint', type: 'String' }, seen: { value: 'p-1', type: 'String' } });
    // and says the petition's user tasks may have changed (the report's task index follows), with
    // the petition's id the task carried, so the index need not look it up by the number
    expect(changedPetitions).toEqual(['XF-990102-2026-000001']);
    expect(changedIds.get('XF-990102-2026-000001')).toBe('p-1');
  });

  it('queues the petition by its number alone when the task carried no id', async () => {
    await startRuntime();
    await client.deliver(Topic.register, { vars: {}, businessKey: 'XF-990102-2026-000003' } as never);
    expect(changedPetitions).toEqual(['XF-990102-2026-000003']);
    expect(changedIds.get('XF-990102-2026-000003')).toBeUndefined();
  });

  it('leaves the task index alone when the engine says the step touched no user task', async () => {
    // given a step that runs the process on to the next service task only (registration → routing)
    await startRuntime();
    userTasksTouched = false;
    // when its task completes
    await client.deliver(Topic.register, { vars: { petitionId: 'p-1' }, businessKey: 'XF-990102-2026-000002' } as never);
    // then it is completed with the worker's id, and no petition is queued for the index to read again
    expect(engine.completeExternalTask).toHaveBeenCalledWith('task-1', expect.stringMatching(/-/), {});
    expect(changedPetitions).toEqual([]);
  });

  it('asks the engine only for the variables a handler declares, and fails a task whose handler reads another', async () => {
    // given a handler declaring petitionId and competentLevel (the register stub declares none)
    await startRuntime({}, [RouteStub]);
    expect(client.subscribed.get(Topic.route)).toEqual(expect.objectContaining({ variables: ['petitionId', 'competentLevel'] }));
    expect(client.subscribed.get(Topic.register)).not.toHaveProperty('variables');
    // when it reads a declared one, the task completes
    behaviour = async (task) => ({ level: task.requireVariable('competentLevel') });
    await client.deliver(Topic.route, { vars: { petitionId: 'p-1', competentLevel: 'county' } } as never);
    expect(engine.completeExternalTask).toHaveBeenCalledTimes(1);
    // when it reads one it did not declare (which the engine would not have sent), the task fails
    // with a message naming it instead of acting on a value that looks unset
    behaviour = async (task) => ({ kind: task.variable('unitKind') ?? 'none' });
    await client.deliver(Topic.route, { vars: { petitionId: 'p-1', unitKind: 'handling-room' } } as never);
    expect(engine.completeExternalTask).toHaveBeenCalledTimes(1);
    const report = taskService.handleFailure.mock.calls[0][1] as { errorMessage: string };
    expect(report.errorMessage).toMatch(/unitKind.*does not declare/);
  });

  it('completes a task without the variables its handler hands back unchanged', async () => {
    // given a routed petition whose task was sent its level, unit and acceptance due date
    await startRuntime({}, [RouteStub]);
    const due = new Date('2026-12-18T16:00:00.000Z');
    const vars = { petitionId: 'p-1', competentLevel: 'county', acceptDueDate: new Date(due), levelSkip: false, bound: null };
    // when the handler answers the same level, the same date, the same flag and null again, a new unit and a later date
    behaviour = async () => ({
      competentLevel: 'county',
      acceptDueDate: new Date(due),
      levelSkip: false,
      bound: null,
      competentUnitCode: '990102-handling-room-1',
      handleDueDate: new Date(due.getTime() + 1),
    });
    await client.deliver(Topic.route, { vars } as never);
    // then the engine is told only what changed (every write of a variable costs it an update and a history update)
    expect(engine.completeExternalTask.mock.calls[0][2]).toEqual({
      competentUnitCode: { value: '990102-handling-room-1', type: 'String' },
      handleDueDate: { value: '2026-12-18T16:00:00.001+0000', type: 'Date' },
    });
    // and a value that did change is written, a date and a flag alike
    behaviour = async () => ({ competentLevel: 'city', acceptDueDate: new Date(due.getTime() + 60_000), levelSkip: true });
    await client.deliver(Topic.route, { vars } as never);
    expect(Object.keys(engine.completeExternalTask.mock.calls[1][2])).toEqual(['competentLevel', 'acceptDueDate', 'levelSkip']);
  });

  it('turns a throwing handler into handleFailure, spending one retry and doubling the wait each time', async () => {
    await startRuntime();
    behaviour = async () => {
      throw new Error('database is down');
    };
    for (const retries of [null, 3, 2, 1]) await client.deliver(Topic.register, { retries });

    const reports = taskService.handleFailure.mock.calls.map((call) => call[1] as { retries: number; retryTimeout: number; errorMessage: string });
    expect(reports.map((r) => [r.retries, r.retryTimeout])).toEqual([
      [3, 1000],
      [2, 2000],
      [1, 4000],
      [0, 0],
    ]);
    expect(reports[0].errorMessage).toBe('database is down');
    expect(engine.completeExternalTask).not.toHaveBeenCalled();
    expect(changedPetitions).toEqual([]);
  });

  it('gives a failure an outage causes the longer budget, marked as transient in the message the engine keeps', async () => {
    await startRuntime();
    // what TypeORM's mysql2 pool throws while MariaDB is down
    behaviour = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    };
    let retries: number | null = null;
    const reports: { retries: number; retryTimeout: number; errorMessage: string; errorDetails: string }[] = [];
    for (let i = 0; i < 10; i++) {
      await client.deliver(Topic.register, { retries });
      const report = taskService.handleFailure.mock.calls[i][1] as (typeof reports)[number];
      reports.push(report);
      if (report.retries === 0) break;
      retries = report.retries;
    }

    // 5 transient retries above the 3 definite ones, 1 s doubling up to the 4 s cap, then the incident
    expect(reports.map((r) => [r.retries, r.retryTimeout])).toEqual([
      [8, 1000],
      [7, 2000],
      [6, 4000],
      [5, 4000],
      [4, 4000],
      [0, 0],
    ]);
    expect(reports[0].errorMessage).toBe('[transient: ECONNREFUSED] connect ECONNREFUSED 127.0.0.1:3306');
    expect(reports[0].errorDetails).toContain('connect ECONNREFUSED 127.0.0.1:3306');
    expect(engine.completeExternalTask).not.toHaveBeenCalled();
  });

  it('keeps the short budget for a definite failure that follows an outage', async () => {
    await startRuntime();
    behaviour = async () => {
      throw new Error('Petition p-1 does not exist');
    };
    // the task is in its transient phase (counter 7: a transient failure came before)
    await client.deliver(Topic.register, { retries: 7 });
    const report = taskService.handleFailure.mock.calls[0][1] as { retries: number; retryTimeout: number; errorMessage: string };
    expect(report).toMatchObject({ retries: 3, retryTimeout: 1000, errorMessage: 'Petition p-1 does not exist' });
  });

  it('says what "fetch failed" wraps', async () => {
    await startRuntime();
    behaviour = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' }) });
    };
    await client.deliver(Topic.register, {});
    const report = taskService.handleFailure.mock.calls[0][1] as { retries: number; errorMessage: string };
    expect(report.errorMessage).toBe('[transient: ECONNREFUSED] fetch failed (connect ECONNREFUSED 127.0.0.1:8080)');
    expect(report.retries).toBe(8);
  });

  it('keeps extending the lock while a handler works longer than its lock, and stops when it is done', async () => {
    jest.useFakeTimers();
    await startRuntime({ WORKER_LOCK_MS: '2000' });
    let finish!: () => void;
    behaviour = () => new Promise<void>((resolve) => (finish = resolve));
    const delivery = client.deliver(Topic.register, {});

    await jest.advanceTimersByTimeAsync(5_000);
    expect(taskService.extendLock).toHaveBeenCalledTimes(5);
    expect(taskService.extendLock.mock.calls[0][1]).toBe(2000);

    finish();
    await delivery;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(taskService.extendLock).toHaveBeenCalledTimes(5);
    expect(engine.completeExternalTask).toHaveBeenCalledTimes(1);
  });

  it('lets a running handler finish on stop, and hands back tasks that arrive while stopping', async () => {
    const runtime = await startRuntime();
    let finish!: () => void;
    behaviour = () => new Promise<void>((resolve) => (finish = resolve));
    const running = client.deliver(Topic.register, { id: 'running' });

    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.stopped).toBe(true);
    expect(stopped).toBe(false);

    // a poll that was already under way brings one more task: it goes straight back to the engine
    await client.deliver(Topic.register, { id: 'late' });
    expect(taskService.unlock).toHaveBeenCalledWith(expect.objectContaining({ id: 'late' }));

    finish();
    await running;
    await stopping;
    expect(stopped).toBe(true);
    expect(calls.filter((c) => c.method === 'complete').map((c) => (c.args[0] as FakeTask).id)).toEqual(['running']);
  });

  it('waits for the long poll under way before it stops, so the engine locks nothing for a worker that is gone', async () => {
    const runtime = await startRuntime();
    client.emit('poll:start');
    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    client.emit('poll:success', []);
    await stopping;
    expect(stopped).toBe(true);
  });

  it('backs off polling while the engine is unreachable and resumes at once when it answers', async () => {
    await startRuntime();
    client.emit('poll:error', new Error('ECONNREFUSED'));
    client.emit('poll:error', new Error('ECONNREFUSED'));
    expect(client.options.interval).toBe(200);
    for (let i = 0; i < 20; i++) client.emit('poll:error', new Error('ECONNREFUSED'));
    expect(client.options.interval).toBe(10_000);
    client.emit('poll:success', []);
    expect(client.options.interval).toBe(50);
  });
});

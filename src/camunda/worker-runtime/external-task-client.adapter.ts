/**
 * The one place that loads camunda-external-task-client-js. The package is ESM-only, so this
 * CommonJS build loads it with a real dynamic import() (tsconfig "module": "node16" keeps it).
 */

export interface RawExternalTask {
  id: string;
  topicName: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  retries: number | null;
  /** When the engine created the task (whole seconds on MySQL/MariaDB). */
  createTime?: string;
  variables: { get(name: string): unknown; getAll(): Record<string, unknown> };
}

export interface RawTaskService {
  handleFailure(
    task: RawExternalTask,
    options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number },
  ): Promise<void>;
  extendLock(task: RawExternalTask, newDuration: number): Promise<void>;
  unlock(task: RawExternalTask): Promise<void>;
}

export interface RawClient {
  options: { interval: number };
  subscribe(
    topic: string,
    options: { lockDuration: number; variables?: string[] },
    handler: (args: { task: RawExternalTask; taskService: RawTaskService }) => Promise<void>,
  ): unknown;
  start(): void;
  stop(): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

export interface ClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  workerId: string;
  maxTasks: number;
  maxParallelExecutions: number;
  lockDuration: number;
  asyncResponseTimeout: number;
  interval: number;
}

interface ClientModule {
  Client: (new (options: Record<string, unknown>) => RawClient) & {
    SortBy: { CreateTime: string };
    SortOrder: { ASC: string };
  };
  BasicAuthInterceptor: new (options: { username: string; password: string }) => (config: object) => object;
}

let loaded: Promise<ClientModule> | undefined;

function loadModule(): Promise<ClientModule> {
  loaded ??= import('camunda-external-task-client-js') as unknown as Promise<ClientModule>;
  return loaded;
}

export async function createExternalTaskClient(options: ClientOptions): Promise<RawClient> {
  const { Client, BasicAuthInterceptor } = await loadModule();
  const auth = new BasicAuthInterceptor({ username: options.username, password: options.password });
  // The client sets no HTTP timeout of its own: a hung engine would stall polling forever.
  const timeout = (config: object) => ({ ...config, timeout: { request: options.asyncResponseTimeout + 15_000 } });
  return new Client({
    baseUrl: options.baseUrl,
    workerId: options.workerId,
    maxTasks: options.maxTasks,
    maxParallelExecutions: options.maxParallelExecutions,
    lockDuration: options.lockDuration,
    asyncResponseTimeout: options.asyncResponseTimeout,
    interval: options.interval,
    // Oldest first (after priority): without an order the engine hands out whichever rows its
    // query meets first, and under load some petitions waited minutes behind newer ones.
    sorting: [{ sortBy: Client.SortBy.CreateTime, sortOrder: Client.SortOrder.ASC }],
    autoPoll: false,
    interceptors: [auth, timeout],
  });
}

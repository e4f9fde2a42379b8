import { Inject, Injectable } from '@nestjs/common';
import { EngineUnavailableError } from '../common/outage';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { describeFailure, EngineAnswer, send } from './engine-http';
import { formatEngineDate, PlainValue, toTypedVariables, TypedVariables } from './camunda-variables';

export class CamundaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
}

export interface DecisionDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
}

export interface Deployment {
  id: string;
  name: string | null;
  deploymentTime: string;
  deployedProcessDefinitions: Record<string, ProcessDefinition> | null;
  deployedDecisionDefinitions: Record<string, DecisionDefinition> | null;
}

export interface EngineTask {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
  /** Set while the task is delegated (委托): the person it returns to. */
  owner?: string | null;
  delegationState?: 'PENDING' | 'RESOLVED' | null;
}

/** An open task with the groups it is offered to (the engine's GET /petition/open-tasks). */
export interface OfferedTask extends EngineTask {
  candidateGroups: string[];
}

/** A task of the history (已办): completed, or deleted with the reason. */
export interface HistoricTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  assignee: string | null;
  endTime: string | null;
  deleteReason: string | null;
}

export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

export interface VariableInstance {
  name: string;
  type: string;
  value: unknown;
  processInstanceId: string;
  executionId: string;
}

export interface HistoricActivityInstance {
  activityId: string;
  activityType: string;
  endTime: string | null;
  processDefinitionKey: string;
}

export interface TimerJob {
  id: string;
  activityId: string;
  /** The job definition's configuration, e.g. "DATE: ${handleDueDate}". */
  configuration: string;
  dueDate: string;
}

/** Where a variable instance lives. */
export interface VariableScope {
  processInstanceId: string;
  executionId: string;
  taskId: string | null;
}

export interface DeploymentFile {
  name: string;
  content: Buffer | string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * What an engine id can look like (UUIDs with the strong id generator, numbers with the default
 * one). Anything else cannot name a task or instance and is refused before it reaches the engine.
 */
export function isEngineId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id);
}

/** A thin typed client for the parts of Camunda 7's REST API that the product uses. */
@Injectable()
export class CamundaRestClient {
  private readonly baseUrl: string;
  private readonly authorization: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.baseUrl = config.engine.url;
    this.authorization =
      'Basic ' + Buffer.from(`${config.engine.username}:${config.engine.password}`).toString('base64');
  }

  private async request<T>(method: string, path: string, body?: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const { text, contentType } = await this.exchange(method, path, body, timeoutMs, 'application/json');
    if (!text) return undefined as T;
    return (contentType.includes('json') ? JSON.parse(text) : text) as T;
  }

  /** One call and its 2xx answer; every other outcome is an EngineUnavailableError or a CamundaError. */
  private async exchange(method: string, path: string, body: unknown, timeoutMs: number, accept: string): Promise<EngineAnswer> {
    const headers: Record<string, string> = { Authorization: this.authorization, Accept: accept };
    let payload: FormData | string | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: EngineAnswer;
    try {
      response = await send(this.baseUrl + path, { method, headers, body: payload, timeoutMs });
    } catch (error) {
      // No answer at all (refused, reset, timed out): the engine is out of reach, not refusing.
      throw new EngineUnavailableError(describeFailure(error));
    }
    const { status, text } = response;
    // A proxy in front of several engine nodes answers for them when none is up.
    if (status === 502 || status === 503 || status === 504) {
      throw new EngineUnavailableError(`HTTP ${status} from ${method} ${path.split('?')[0]}`);
    }
    if (status < 200 || status > 299) {
      let type = 'EngineError';
      let message = text || `HTTP ${status}`;
      try {
        const parsed = JSON.parse(text) as { type?: string; message?: string };
        type = parsed.type ?? type;
        message = parsed.message ?? message;
      } catch {
        // not JSON: keep the raw text
      }
      throw new CamundaError(status, type, message);
    }
    return response;
  }

  engines(): Promise<{ name: string }[]> {
    return this.request('GET', '/engine', undefined, 5_000);
  }

  /** Duplicate filtering compares with the last deployment of the same name and source. */
  deploy(name: string, files: DeploymentFile[], source = 'petition-workflow'): Promise<Deployment> {
    const form = new FormData();
    form.append('deployment-name', name);
    form.append('deployment-source', source);
    form.append('enable-duplicate-filtering', 'true');
    for (const file of files) {
      form.append(file.name, new Blob([file.content]), file.name);
    }
    return this.request('POST', '/deployment/create', form);
  }

  deploymentCount(): Promise<{ count: number }> {
    return this.request('GET', '/deployment/count');
  }

  latestProcessDefinitions(): Promise<ProcessDefinition[]> {
    return this.request('GET', '/process-definition?latestVersion=true&sortBy=key&sortOrder=asc');
  }

  processDefinitionXml(key: string): Promise<{ id: string; bpmn20Xml: string }> {
    return this.request('GET', `/process-definition/key/${encodeURIComponent(key)}/xml`);
  }

  processDefinition(key: string): Promise<ProcessDefinition> {
    return this.request('GET', `/process-definition/key/${encodeURIComponent(key)}`);
  }

  startProcess(
    key: string,
    businessKey: string,
    variables: Record<string, PlainValue | undefined>,
  ): Promise<{ id: string; businessKey: string }> {
    return this.request('POST', `/process-definition/key/${encodeURIComponent(key)}/start`, {
      businessKey,
      variables: toTypedVariables(variables),
    });
  }

  /** Running instances of a process started with this business key. */
  processInstancesByBusinessKey(processKey: string, businessKey: string): Promise<{ id: string }[]> {
    return this.request(
      'GET',
      `/process-instance?businessKey=${encodeURIComponent(businessKey)}&processDefinitionKey=${encodeURIComponent(processKey)}`,
    );
  }

  /** What the engine's history holds of these instances, running or ended; an id it never committed is absent. */
  historicProcessInstances(ids: string[]): Promise<{ id: string; state: string }[]> {
    return this.request('POST', `/history/process-instance?maxResults=${ids.length}`, { processInstanceIds: ids });
  }

  /** The instances called from one (a unit's `unit-handling`), in the order they started. */
  calledProcessInstances(superProcessInstanceId: string): Promise<{ id: string }[]> {
    return this.request(
      'GET',
      `/history/process-instance?superProcessInstanceId=${encodeURIComponent(superProcessInstanceId)}&sortBy=startTime&sortOrder=asc`,
    );
  }

  activityInstances(processInstanceId: string): Promise<HistoricActivityInstance[]> {
    return this.request(
      'GET',
      `/history/activity-instance?processInstanceId=${encodeURIComponent(processInstanceId)}&sortBy=startTime&sortOrder=asc&maxResults=1000`,
    );
  }

  queryTasks(query: Record<string, unknown>, firstResult = 0, maxResults = 100): Promise<EngineTask[]> {
    return this.request('POST', `/task?firstResult=${firstResult}&maxResults=${maxResults}`, query);
  }

  countTasks(query: Record<string, unknown>): Promise<{ count: number }> {
    return this.request('POST', '/task/count', query);
  }

  task(id: string): Promise<EngineTask> {
    return this.request('GET', `/task/${encodeURIComponent(id)}`);
  }

  /**
   * A petition's open tasks (its business key spans the processes it calls) with their candidate
   * groups, in one engine transaction: engine/…/rest/OpenTasksResource.java.
   */
  openTasks(businessKey: string): Promise<OfferedTask[]> {
    return this.request('GET', `/petition/open-tasks?businessKey=${encodeURIComponent(businessKey)}`);
  }

  /**
   * Completes an external task as Camunda's `POST /external-task/{id}/complete` does, through the
   * engine's `POST /petition/external-task/{id}/complete`, which also says whether the step it ran
   * created, changed or removed any user task (the task index reads the engine again only then).
   */
  completeExternalTask(id: string, workerId: string, variables: TypedVariables): Promise<{ userTasksTouched: boolean }> {
    return this.request('POST', `/petition/external-task/${encodeURIComponent(id)}/complete`, { workerId, variables });
  }

  identityLinks(taskId: string): Promise<IdentityLink[]> {
    return this.request('GET', `/task/${encodeURIComponent(taskId)}/identity-links`);
  }

  /** What the engine's history says of a task: `deleteReason` is "completed" for one completed normally. */
  historicTasks(taskId: string): Promise<{ id: string; deleteReason: string | null; endTime: string | null }[]> {
    return this.request('GET', `/history/task?taskId=${encodeURIComponent(taskId)}`);
  }

  /** A page of the variable instances holding `value` under `name`, in a stable order (one per scope). */
  variablesWithValue(name: string, value: string, firstResult: number, maxResults: number): Promise<VariableScope[]> {
    return this.request('POST', `/variable-instance?firstResult=${firstResult}&maxResults=${maxResults}&deserializeValues=false`, {
      variableName: name,
      variableValues: [{ name, operator: 'eq', value }],
      sorting: [{ sortBy: 'activityInstanceId', sortOrder: 'asc' }],
    });
  }

  /** Sets a string variable where it lives: local to its task, at the process instance's root, or local to an execution. */
  setStringVariable(scope: VariableScope, name: string, value: string): Promise<void> {
    const variable = encodeURIComponent(name);
    const path = scope.taskId
      ? `/task/${encodeURIComponent(scope.taskId)}/localVariables/${variable}`
      : scope.executionId === scope.processInstanceId
        ? `/process-instance/${encodeURIComponent(scope.processInstanceId)}/variables/${variable}`
        : `/execution/${encodeURIComponent(scope.executionId)}/localVariables/${variable}`;
    return this.request('PUT', path, { value, type: 'String' });
  }

  addCandidateGroup(taskId: string, groupId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/identity-links`, { groupId, type: 'candidate' });
  }

  removeCandidateGroup(taskId: string, groupId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/identity-links/delete`, { groupId, type: 'candidate' });
  }

  unclaimTask(taskId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/unclaim`);
  }

  /** Whether a running process instance exists (false once it ended or was never there). */
  processInstanceExists(id: string): Promise<boolean> {
    return this.exists(`/process-instance/${encodeURIComponent(id)}`);
  }

  taskExists(id: string): Promise<boolean> {
    return this.exists(`/task/${encodeURIComponent(id)}`);
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.request('GET', path);
      return true;
    } catch (error) {
      if (error instanceof CamundaError && error.status === 404) return false;
      throw error;
    }
  }

  claimTask(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/claim`, { userId });
  }

  completeTask(taskId: string, variables: Record<string, PlainValue | undefined>): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/complete`, {
      variables: toTypedVariables(variables),
    });
  }

  /** Sets or (null) removes a task's assignee, whoever holds it now (the unit head's 改派, 退回任务池). */
  setAssignee(taskId: string, userId: string | null): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/assignee`, { userId });
  }

  /** 委托: the delegate works the task, which returns to its owner when resolved. */
  delegateTask(taskId: string, userId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/delegate`, { userId });
  }

  resolveTask(taskId: string): Promise<void> {
    return this.request('POST', `/task/${encodeURIComponent(taskId)}/resolve`, { variables: {} });
  }

  /** Tasks `assignee` completed, newest first. */
  completedTasks(assignee: string, firstResult: number, maxResults: number): Promise<HistoricTask[]> {
    return this.request('POST', `/history/task?firstResult=${firstResult}&maxResults=${maxResults}`, {
      taskAssignee: assignee,
      finished: true,
      taskDeleteReason: 'completed',
      sorting: [{ sortBy: 'endTime', sortOrder: 'desc' }],
    });
  }

  completedTaskCount(assignee: string): Promise<{ count: number }> {
    return this.request('POST', '/history/task/count', { taskAssignee: assignee, finished: true, taskDeleteReason: 'completed' });
  }

  /** One variable's value per process instance, from history (the instances may have ended). */
  async historicVariableValues(processInstanceIds: string[], variableName: string): Promise<Map<string, string>> {
    if (processInstanceIds.length === 0) return new Map();
    const variables = await this.request<{ processInstanceId: string; value: unknown }[]>(
      'POST',
      '/history/variable-instance?deserializeValues=false',
      { processInstanceIdIn: [...new Set(processInstanceIds)], variableName },
    );
    return new Map(variables.map((v) => [v.processInstanceId, String(v.value)]));
  }

  /** Sets one variable of a process instance (the case handler the unit's next steps go to; null releases it). */
  setProcessVariable(processInstanceId: string, name: string, value: PlainValue | null): Promise<void> {
    return this.request('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`, {
      modifications: toTypedVariables({ [name]: value }),
    });
  }

  variableInstances(query: Record<string, unknown>, maxResults = 1000): Promise<VariableInstance[]> {
    return this.request('POST', `/variable-instance?maxResults=${maxResults}&deserializeValues=false`, query);
  }

  processVariables(processInstanceId: string): Promise<TypedVariables> {
    return this.request('GET', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`);
  }

  /** Whether a running process holds a variable with this string value. */
  async variableExists(name: string, value: string): Promise<boolean> {
    const { count } = await this.request<{ count: number }>('POST', '/variable-instance/count', {
      variableName: name,
      variableValues: [{ name, operator: 'eq', value }],
    });
    return count > 0;
  }

  /** Starts what waits for a message in one process instance (an event subprocess, a catch event). */
  correlateMessage(messageName: string, processInstanceId: string, variables: Record<string, PlainValue | undefined>): Promise<void> {
    return this.request('POST', '/message', {
      messageName,
      processInstanceId,
      processVariables: toTypedVariables(variables),
    });
  }

  /** Starts a process at its message start event; the id of the instance it started. */
  async startByMessage(messageName: string, businessKey: string, variables: Record<string, PlainValue | undefined>): Promise<string> {
    const [result] = await this.request<{ processInstance: { id: string } | null }[]>('POST', '/message', {
      messageName,
      businessKey,
      processVariables: toTypedVariables(variables),
      resultEnabled: true,
    });
    if (!result?.processInstance) throw new CamundaError(500, 'MismatchingMessageCorrelationException', `No process started on message ${messageName}`);
    return result.processInstance.id;
  }

  /** Changes an open task's due date (the REST update replaces every field, so the others are sent back as they are). */
  async setTaskDue(taskId: string, due: Date): Promise<void> {
    const task = await this.request<Record<string, unknown>>('GET', `/task/${encodeURIComponent(taskId)}`);
    const fields = ['name', 'description', 'assignee', 'owner', 'delegationState', 'followUp', 'priority', 'parentTaskId', 'caseInstanceId', 'tenantId'];
    const body = Object.fromEntries(fields.map((f) => [f, task[f] ?? null]));
    await this.request('PUT', `/task/${encodeURIComponent(taskId)}`, { ...body, due: formatEngineDate(due) });
  }

  /**
   * The timer jobs waiting in a process instance, each with its job definition: the activity it
   * belongs to and its configuration, which names the expression it was set from ("DATE: ${handleDueDate}").
   */
  async timerJobs(processInstanceId: string): Promise<TimerJob[]> {
    const jobs = await this.request<{ id: string; jobDefinitionId: string; processDefinitionId: string; dueDate: string }[]>(
      'GET',
      `/job?processInstanceId=${encodeURIComponent(processInstanceId)}&timers=true`,
    );
    if (jobs.length === 0) return [];
    const definitions = await this.request<{ id: string; activityId: string; jobConfiguration: string | null }[]>(
      'GET',
      `/job-definition?processDefinitionId=${encodeURIComponent(jobs[0].processDefinitionId)}`,
    );
    const byId = new Map(definitions.map((d) => [d.id, d]));
    return jobs.map((j) => ({
      id: j.id,
      activityId: byId.get(j.jobDefinitionId)?.activityId ?? '',
      configuration: byId.get(j.jobDefinitionId)?.jobConfiguration ?? '',
      dueDate: j.dueDate,
    }));
  }

  /** A suspended timer does not fire; activated again, it fires at its (possibly moved) due date. */
  setJobSuspended(jobId: string, suspended: boolean): Promise<void> {
    return this.request('PUT', `/job/${encodeURIComponent(jobId)}/suspended`, { suspended });
  }

  /** Sets process variables on the instance itself (its own scope). */
  setVariables(processInstanceId: string, variables: Record<string, PlainValue | undefined>): Promise<void> {
    return this.request('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`, { modifications: toTypedVariables(variables) });
  }

  setJobDue(jobId: string, due: Date): Promise<void> {
    return this.request('PUT', `/job/${encodeURIComponent(jobId)}/duedate`, { duedate: formatEngineDate(due), cascade: false });
  }

  // ---- definitions catalogue: versions of processes, decisions and forms for the web modeler ----

  /** Every version of every process definition (or of one key), oldest key first, newest version first. */
  processDefinitionVersions(key?: string): Promise<ProcessDefinition[]> {
    const byKey = key === undefined ? '' : `key=${encodeURIComponent(key)}&`;
    return this.request('GET', `/process-definition?${byKey}sortBy=version&sortOrder=desc`);
  }

  /** Running process instances per process definition id (every version), in one call. */
  processDefinitionStatistics(): Promise<ProcessDefinitionStatistics[]> {
    return this.request('GET', '/process-definition/statistics');
  }

  processDefinitionXmlById(id: string): Promise<{ id: string; bpmn20Xml: string }> {
    return this.request('GET', `/process-definition/${encodeURIComponent(id)}/xml`);
  }

  /** Every version of every decision definition (or of one key), newest version first. */
  decisionDefinitionVersions(key?: string): Promise<CatalogueDecisionDefinition[]> {
    const byKey = key === undefined ? '' : `key=${encodeURIComponent(key)}&`;
    return this.request('GET', `/decision-definition?${byKey}sortBy=version&sortOrder=desc`);
  }

  decisionDefinitionXmlById(id: string): Promise<{ id: string; dmnXml: string }> {
    return this.request('GET', `/decision-definition/${encodeURIComponent(id)}/xml`);
  }

  /** The latest version of a decision (CamundaError 404 when none is deployed): pin it, then evaluate that id. */
  latestDecisionDefinition(key: string): Promise<DecisionDefinition> {
    return this.request('GET', `/decision-definition/key/${encodeURIComponent(key)}`);
  }

  /** Evaluates one version of a decision: one entry per matched rule, its outputs by name (typed values). */
  evaluateDecision(id: string, variables: Record<string, PlainValue | undefined>): Promise<TypedVariables[]> {
    return this.request('POST', `/decision-definition/${encodeURIComponent(id)}/evaluate`, { variables: toTypedVariables(variables) });
  }

  /** Historic decision instances (evaluations) of a decision key (all versions) or of one definition id. */
  decisionInstanceCount(filter: { decisionDefinitionKey: string } | { decisionDefinitionId: string }): Promise<{ count: number }> {
    const [name, value] = Object.entries(filter)[0];
    return this.request('GET', `/history/decision-instance/count?${name}=${encodeURIComponent(value)}`);
  }

  /** Every deployment, oldest first. */
  deployments(): Promise<DeploymentSummary[]> {
    return this.request('GET', '/deployment?sortBy=deploymentTime&sortOrder=asc');
  }

  /** The newest deployment of this name, which duplicate filtering returns when nothing changed. */
  async latestDeployment(name: string): Promise<DeploymentSummary | undefined> {
    const query = `name=${encodeURIComponent(name)}&sortBy=deploymentTime&sortOrder=desc&maxResults=1`;
    const [latest] = await this.request<DeploymentSummary[]>('GET', `/deployment?${query}`);
    return latest;
  }

  deploymentResources(deploymentId: string): Promise<DeploymentResource[]> {
    return this.request('GET', `/deployment/${encodeURIComponent(deploymentId)}/resources`);
  }

  /** A deployed resource's bytes as text, exactly as deployed (the engine serves them as application/octet-stream). */
  async deploymentResourceText(deploymentId: string, resourceId: string): Promise<string> {
    const path = `/deployment/${encodeURIComponent(deploymentId)}/resources/${encodeURIComponent(resourceId)}/data`;
    return (await this.exchange('GET', path, undefined, REQUEST_TIMEOUT_MS, '*/*')).text;
  }

  // --- incidents ---

  incidentCount(timeoutMs = 5_000): Promise<{ count: number }> {
    return this.request('GET', '/incident/count', undefined, timeoutMs);
  }

  /** External tasks of a topic that a worker could fetch now: not locked, retries left (the backlog). */
  waitingExternalTaskCount(topicName: string, timeoutMs = 5_000): Promise<{ count: number }> {
    return this.request('GET', `/external-task/count?topicName=${encodeURIComponent(topicName)}&notLocked=true&withRetriesLeft=true`, undefined, timeoutMs);
  }

  /** Open incidents, newest first; `incidentId` picks one. */
  incidents(filter: { incidentId?: string } = {}, firstResult = 0, maxResults = 500): Promise<EngineIncident[]> {
    const byId = filter.incidentId === undefined ? '' : `incidentId=${encodeURIComponent(filter.incidentId)}&`;
    return this.request('GET', `/incident?${byId}sortBy=incidentTimestamp&sortOrder=desc&firstResult=${firstResult}&maxResults=${maxResults}`);
  }

  /** Retries above 0 resolve the external task's incident and let workers fetch it again at once. */
  setExternalTaskRetries(externalTaskId: string, retries: number): Promise<void> {
    return this.request('PUT', `/external-task/${encodeURIComponent(externalTaskId)}/retries`, { retries });
  }

  setJobRetries(jobId: string, retries: number): Promise<void> {
    return this.request('PUT', `/job/${encodeURIComponent(jobId)}/retries`, { retries });
  }

  /** Running process instances by id (business key and definition). */
  processInstancesByIds(ids: string[]): Promise<ProcessInstanceSummary[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.request('POST', `/process-instance?maxResults=${ids.length}`, { processInstanceIds: ids });
  }

  processDefinitionsByIds(ids: string[]): Promise<ProcessDefinition[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.request('GET', `/process-definition?processDefinitionIdIn=${ids.map(encodeURIComponent).join(',')}&maxResults=${ids.length}`);
  }

  // --- task forms ---

  /** The form a user task declares: a form key, or a Camunda Form reference (camunda:formRef). */
  taskForm(taskId: string): Promise<{
    key: string | null;
    camundaFormRef: { key: string; binding: string; version: number | null } | null;
  }> {
    return this.request('GET', `/task/${encodeURIComponent(taskId)}/form`);
  }

  /** The schema of the Camunda Form a task references, resolved by the engine under the task's binding. */
  async deployedTaskForm(taskId: string): Promise<Record<string, unknown>> {
    const form = await this.request<Record<string, unknown> | string>('GET', `/task/${encodeURIComponent(taskId)}/deployed-form`);
    // The engine may label a .form resource as plain text; its content is JSON either way.
    return typeof form === 'string' ? (JSON.parse(form) as Record<string, unknown>) : form;
  }
}

/** An open incident: a failed external task or job whose retries ran out, or one propagated from a called process. */
export interface EngineIncident {
  id: string;
  processDefinitionId: string | null;
  processInstanceId: string | null;
  executionId: string | null;
  incidentTimestamp: string;
  incidentType: string;
  activityId: string | null;
  failedActivityId: string | null;
  causeIncidentId: string | null;
  rootCauseIncidentId: string | null;
  /** The external task's or job's id for failedExternalTask / failedJob. */
  configuration: string | null;
  incidentMessage: string | null;
}

export interface ProcessInstanceSummary {
  id: string;
  businessKey: string | null;
  definitionId: string;
}

export interface ProcessDefinitionStatistics {
  id: string;
  instances: number;
  definition: { key: string };
}

export interface CatalogueDecisionDefinition extends DecisionDefinition {
  resource: string;
}

export interface DeploymentSummary {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: string;
}

export interface DeploymentResource {
  id: string;
  name: string;
  deploymentId: string;
}


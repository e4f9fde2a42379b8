import { Inject, Injectable, Logger } from '@nestjs/common';
import { CamundaError, CamundaRestClient, EngineIncident } from '../camunda/camunda-rest.client';
import { parseEngineDate } from '../camunda/camunda-variables';
import { Var } from '../camunda/process-contract';
import { classifyFailure } from '../common/outage';
import { classifyRecordedMessage, freshRetries, retryBudgets } from '../camunda/worker-runtime/retry-policy';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { IncidentListView, IncidentView } from './incident.view';

/** Incident types whose failed work can be given retries again. */
const RETRIABLE = new Set(['failedExternalTask', 'failedJob']);
/** A job retried by hand runs once more; the engine's own retry cycle applies after that. */
const JOB_RETRIES = 1;
const PAGE = 500;
/** The most incidents read in one go (an outage of the whole cluster stays well below). */
const MAX_INCIDENTS = 10_000;
/** Engine ids: UUIDs with the strong id generator, digits with the default one. */
const ENGINE_ID = /^[0-9A-Za-z-]{1,64}$/;

const notFound = (id: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `未找到事件（incident）${id}，它可能已经解决`, en: `No open incident ${id}; it may have been resolved` });

const engineUnavailable = () =>
  new LocalizedHttpError(503, { 'zh-CN': '流程引擎暂时不可用，请稍后重试', en: 'The process engine is unavailable; try again later' });

/**
 * The engine's incidents, for the system administrator: listed with the petition they hold up,
 * retried one by one or all at once, and (by the periodic sweep) retried when an outage caused them.
 */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    private readonly camunda: CamundaRestClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(firstResult = 0, maxResults = 50): Promise<IncidentListView> {
    const roots = await this.engine(() => this.rootIncidents());
    const page = roots.slice(firstResult, firstResult + maxResults);
    return { total: roots.length, items: await this.engine(() => this.describe(page)) };
  }

  /** Gives the failed external task or job of one incident its retries back; 404 for an unknown id. */
  async retry(id: string): Promise<{ retried: number }> {
    if (!ENGINE_ID.test(id)) throw notFound(id);
    const incident = await this.engine(() => this.rootOf(id));
    if (!incident) throw notFound(id);
    if (!RETRIABLE.has(incident.incidentType)) {
      throw new LocalizedHttpError(409, {
        'zh-CN': `事件 ${id} 的类型 ${incident.incidentType} 无法在此重试，请在流程引擎中处理`,
        en: `Incident ${id} is of type ${incident.incidentType}, which cannot be retried here; resolve it in the engine`,
      });
    }
    if (!(await this.engine(() => this.giveRetries(incident)))) throw notFound(id);
    this.logger.log(`Incident ${incident.id} (${incident.activityId}) retried`);
    return { retried: 1 };
  }

  /** Every open incident that can be retried. */
  async retryAll(): Promise<{ retried: number }> {
    return this.engine(() => this.retryWhere(() => true));
  }

  /** The incidents an outage left behind (by the message the failure recorded): the periodic sweep. */
  async retryTransient(): Promise<{ retried: number }> {
    return this.retryWhere((incident) => classifyRecordedMessage(incident.incidentMessage).kind === 'transient');
  }

  private async retryWhere(which: (incident: EngineIncident) => boolean): Promise<{ retried: number }> {
    let retried = 0;
    for (const incident of await this.rootIncidents()) {
      if (!RETRIABLE.has(incident.incidentType) || !which(incident)) continue;
      if (await this.giveRetries(incident)) retried++;
    }
    return { retried };
  }

  /** False when the task or job is gone (completed, or its process deleted, since the incident was read). */
  private async giveRetries(incident: EngineIncident): Promise<boolean> {
    const target = incident.configuration;
    if (!target) return false;
    try {
      if (incident.incidentType === 'failedJob') await this.camunda.setJobRetries(target, JOB_RETRIES);
      else await this.camunda.setExternalTaskRetries(target, freshRetries(retryBudgets(this.config)));
      return true;
    } catch (error) {
      if (error instanceof CamundaError && error.status === 404) return false;
      throw error;
    }
  }

  /**
   * The incidents where something failed. A failure inside a called process (unit-handling) also
   * raises an incident at the call activity of its caller; that one goes away with its root cause.
   */
  private async rootIncidents(): Promise<EngineIncident[]> {
    const all: EngineIncident[] = [];
    for (let first = 0; first < MAX_INCIDENTS; first += PAGE) {
      const page = await this.camunda.incidents({}, first, PAGE);
      all.push(...page);
      if (page.length < PAGE) break;
    }
    return all.filter(isRoot);
  }

  private async rootOf(id: string): Promise<EngineIncident | undefined> {
    const [incident] = await this.camunda.incidents({ incidentId: id }, 0, 1);
    if (!incident || isRoot(incident)) return incident;
    const [root] = await this.camunda.incidents({ incidentId: incident.rootCauseIncidentId! }, 0, 1);
    return root;
  }

  private async describe(incidents: EngineIncident[]): Promise<IncidentView[]> {
    const instanceIds = unique(incidents.map((i) => i.processInstanceId));
    const [instances, definitions, petitionIds] = await Promise.all([
      this.camunda.processInstancesByIds(instanceIds),
      this.camunda.processDefinitionsByIds(unique(incidents.map((i) => i.processDefinitionId))),
      instanceIds.length === 0
        ? Promise.resolve([])
        : this.camunda.variableInstances({ processInstanceIdIn: instanceIds, variableName: Var.petitionId }),
    ]);
    const numberOf = new Map(instances.map((p) => [p.id, p.businessKey]));
    const keyOf = new Map(definitions.map((d) => [d.id, d.key]));
    const petitionOf = new Map(petitionIds.map((v) => [v.processInstanceId, String(v.value)]));
    return incidents.map((incident) => {
      const number = incident.processInstanceId ? numberOf.get(incident.processInstanceId) : undefined;
      const petitionId = incident.processInstanceId ? petitionOf.get(incident.processInstanceId) : undefined;
      return {
        id: incident.id,
        type: incident.incidentType,
        activityId: incident.activityId,
        processDefinitionKey: (incident.processDefinitionId && keyOf.get(incident.processDefinitionId)) ?? null,
        processInstanceId: incident.processInstanceId,
        errorMessage: firstLine(incident.incidentMessage),
        transient: classifyRecordedMessage(incident.incidentMessage).kind === 'transient',
        createdAt: parseEngineDate(incident.incidentTimestamp).toISOString(),
        petition: number && petitionId ? { id: petitionId, number } : null,
      };
    });
  }

  /** An engine that cannot be reached is a 503 the caller can act on (try later), not a 500. */
  private async engine<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof LocalizedHttpError) throw error;
      if (classifyFailure(error).kind === 'transient') throw engineUnavailable();
      throw error;
    }
  }
}

function isRoot(incident: EngineIncident): boolean {
  return !incident.rootCauseIncidentId || incident.rootCauseIncidentId === incident.id;
}

function firstLine(message: string | null): string | null {
  if (message === null) return null;
  return message.split(/\r?\n/, 1)[0].trim();
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

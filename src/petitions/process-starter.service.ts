import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { ProcessKey, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PeriodicJobs } from '../scheduling/periodic-jobs';
import { IntakeRequest } from './intake-request.entity';
import type { Petition } from './petition.entity';
import { PetitionRepository } from './petition.repository';

/** Younger petitions are left to the request that recorded them, which is starting their process. */
const GRACE_MS = 30_000;
/** How long an Idempotency-Key answers with the first answer (the query code included). */
export const INTAKE_REPLAY_MS = 24 * 3600_000;

/**
 * Keeps every received petition's `petition` process running in the engine. The intake commits the
 * record first and starts the process after; this makes that second step certain: it starts the
 * processes of petitions saved while the engine was unreachable, and restarts those whose instance
 * the engine has no record of (an engine killed before its commit reached the disk). Starting is
 * idempotent: an instance already running under the petition's number is adopted, never doubled.
 */
@Injectable()
export class ProcessStarter {
  private readonly logger = new Logger(ProcessStarter.name);

  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(IntakeRequest) private readonly intakeRequests: Repository<IntakeRequest>,
    private readonly camunda: CamundaRestClient,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: PeriodicJobs,
  ) {}

  /**
   * Starts the process of a received petition once; safe to call again after a crash. `justRecorded`:
   * the intake calls it right after committing a new number, under which no instance can run yet (the
   * sweep leaves petitions younger than GRACE_MS alone), so the engine is not asked first; if this
   * start fails half-way, the sweep's own call looks before it starts.
   */
  async start(petition: Pick<Petition, 'id' | 'number'>, { justRecorded = false } = {}): Promise<string> {
    const running = justRecorded ? [] : await this.camunda.processInstancesByBusinessKey(ProcessKey.petition, petition.number);
    const instanceId =
      running[0]?.id ?? (await this.camunda.startProcess(ProcessKey.petition, petition.number, { [Var.petitionId]: petition.id })).id;
    await this.petitions.setProcessInstance(petition.id, null, instanceId);
    return instanceId;
  }

  /** Petitions recorded while the engine could not be reached. */
  async startPending(): Promise<number> {
    const pending = await this.petitions.awaitingProcess(false, this.settled(), 100);
    let started = 0;
    for (const petition of pending) {
      try {
        await this.start(petition);
        started++;
      } catch (error) {
        this.logger.warn(`Could not start the process of ${petition.number}: ${String(error)}`);
        break;
      }
    }
    return started;
  }

  /**
   * Received petitions whose process instance the engine does not know, running or ended: the
   * engine answered the start and then lost it. Each gets its instance id cleared (only if nobody
   * changed it meanwhile) and is started again, or adopts an instance already running under its number.
   */
  async restartLost(): Promise<number> {
    const suspects = await this.petitions.awaitingProcess(true, this.settled(), 200);
    if (suspects.length === 0) return 0;
    const known = new Set((await this.camunda.historicProcessInstances(suspects.map((p) => p.processInstanceId!))).map((i) => i.id));
    let restarted = 0;
    for (const petition of suspects.filter((p) => !known.has(p.processInstanceId!))) {
      if (!(await this.petitions.setProcessInstance(petition.id, petition.processInstanceId, null))) continue;
      this.logger.warn(`The engine has no record of process ${petition.processInstanceId} of ${petition.number}: starting it again`);
      await this.start(petition);
      restarted++;
    }
    return restarted;
  }

  /** The query codes kept for replays are dropped when the replay window closes. */
  async forgetExpiredIntakeRequests(): Promise<number> {
    const result = await this.intakeRequests.delete({ createdAt: LessThan(new Date(this.clock.now().getTime() - INTAKE_REPLAY_MS)) });
    return result.affected ?? 0;
  }

  /** One pass of everything above; what fails is tried again on the next pass. */
  async sweep(): Promise<void> {
    for (const step of [() => this.startPending(), () => this.restartLost(), () => this.forgetExpiredIntakeRequests()]) {
      await step().catch((error: unknown) => this.logger.warn(`Process start sweep: ${String(error)}`));
    }
  }

  /** Every REPAIR_SWEEP_SECONDS, in one process of the cluster: two would start one petition twice. */
  schedule(): void {
    this.jobs.every('process-start-sweep', this.config.repairSweepSeconds * 1000, () => this.sweep(), { atStart: true });
  }

  /** Petitions received before this moment are no longer being started by their own request. */
  private settled(): Date {
    return new Date(this.clock.now().getTime() - GRACE_MS);
  }
}


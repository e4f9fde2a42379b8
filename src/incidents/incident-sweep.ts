import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { minutesToPeriod, PeriodicJobs } from '../scheduling/periodic-jobs';
import { IncidentsService } from './incidents.service';

export const INCIDENT_SWEEP_JOB = 'incident-sweep';

/**
 * After an outage longer than the workers' transient budget, the failed work sits in incidents.
 * Every INCIDENT_SWEEP_MINUTES, one process of the cluster gives the incidents whose recorded
 * failure was transient their retries back; incidents of definite failures wait for a person.
 */
@Injectable()
export class IncidentSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger(IncidentSweep.name);

  constructor(
    private readonly jobs: PeriodicJobs,
    private readonly incidents: IncidentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every(INCIDENT_SWEEP_JOB, minutesToPeriod(this.config.incidentSweepMinutes), () => this.sweep());
  }

  async sweep(): Promise<number> {
    const { retried } = await this.incidents.retryTransient();
    if (retried > 0) this.logger.log(`Retried ${retried} incident(s) left by transient failures`);
    return retried;
  }
}

import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ClusterLease } from './cluster-lease';

/**
 * A period configured in minutes, fractions allowed (tests run jobs every few seconds), as
 * milliseconds: no shorter than a second; 0 (never) for 0 or less.
 */
export function minutesToPeriod(minutes: number): number {
  return minutes > 0 ? Math.max(1_000, Math.round(minutes * 60_000)) : 0;
}

/**
 * Periodic jobs that run once per cluster per period: every process ticks, the lease picks one.
 * Register them in onApplicationBootstrap; timers are unref'd and stop with the module.
 */
@Injectable()
export class PeriodicJobs implements OnModuleDestroy {
  private readonly logger = new Logger(PeriodicJobs.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly lease: ClusterLease) {}

  /**
   * Runs `job` every `periodMs` somewhere in the cluster; a period of 0 or less schedules nothing.
   * With `atStart`, this process also bids for the current period at once (work left by a crash
   * need not wait a whole period).
   */
  every(name: string, periodMs: number, job: () => Promise<unknown>, { atStart = false } = {}): void {
    if (!(periodMs > 0)) return;
    const tick = () => {
      this.lease.runExclusive(name, periodMs, job).catch((error: unknown) => {
        this.logger.warn(`Periodic job ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    };
    const timer = setInterval(tick, periodMs);
    timer.unref();
    this.timers.push(timer);
    if (atStart) tick();
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}

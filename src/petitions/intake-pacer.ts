import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Clock } from '../clocks/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { metricsRegistry, registerGauge } from '../metrics/metrics-registry';
import { PetitionRepository } from './petition.repository';

/**
 * A petition received longer ago than this and still unrouted is stuck (an incident, a retry
 * backing off), not queued: a healthy pipeline routes one within seconds even under pacing.
 */
const STUCK_AFTER_MS = 30_000;
/** How often the pipeline is counted again while registrations wait; a count younger than this is reused. */
const RECOUNT_MS = 50;

/**
 * Paces registrations to what the pipeline carries. Answering a registration costs less CPU than
 * registering and routing the petition afterwards, so under a heavy load the desk's requests,
 * answered at once, piled petitions up ahead of the workers: each took longer to reach its unit
 * than the last, and the machine's CPU went to taking in more rather than to finishing what was
 * in. A registration now waits, before anything is written, while INTAKE_PIPELINE_LIMIT petitions
 * are still being registered and routed — at most INTAKE_PACE_MAX_MS, so a stalled pipeline
 * (workers down) delays the desk by that much and never refuses it. Petitions whose process has
 * not started (the engine unreachable) do not count: they wait for the engine, not the workers.
 *
 * The count is the database's (every API process shares it) plus the registrations this process
 * let through whose process has not started yet, which the database cannot see.
 */
@Injectable()
export class IntakePacer implements OnModuleInit {
  private readonly waiting: { admit: () => void; deadline: number; held: boolean }[] = [];
  private unstarted = 0;
  private counted = { n: 0, at: -Infinity };
  private pumping = false;
  private paced: Counter | null = null;

  constructor(
    private readonly petitions: PetitionRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const waiting = () => this.waiting.length;
    registerGauge({
      name: 'petition_intake_paced',
      help: 'Registrations waiting in this process for the pipeline to register and route the petitions before them',
      collect() {
        this.set(waiting());
      },
    });
    metricsRegistry.removeSingleMetric('petition_intake_paced_total');
    this.paced = new Counter({
      name: 'petition_intake_paced_total',
      help: 'Registrations that waited for the pipeline before they were recorded',
      registers: [metricsRegistry],
    });
  }

  /** Resolves when the registration may go ahead, to the function to call once its process has started (or failed to). */
  async admit(): Promise<() => void> {
    const { pipelineLimit, paceMaxMs } = this.config.intake;
    if (pipelineLimit === 0) return () => {};
    await new Promise<void>((admit) => {
      this.waiting.push({ admit, deadline: Date.now() + paceMaxMs, held: false });
      void this.pump();
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.unstarted--;
    };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        let room = this.config.intake.pipelineLimit - (await this.inPipeline()) - this.unstarted;
        const now = Date.now();
        while (this.waiting.length > 0 && (room > 0 || this.waiting[0].deadline <= now)) {
          this.unstarted++;
          room--;
          const next = this.waiting.shift()!;
          if (next.held) this.paced?.inc();
          next.admit();
        }
        for (const held of this.waiting) held.held = true;
        if (this.waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, RECOUNT_MS));
      }
    } finally {
      this.pumping = false;
    }
  }

  private async inPipeline(): Promise<number> {
    if (Date.now() - this.counted.at < RECOUNT_MS) return this.counted.n;
    // If the database cannot be read, the registration will find out and answer for it; pacing does not hold it.
    const n = await this.petitions.countInPipeline(new Date(this.clock.now().getTime() - STUCK_AFTER_MS)).catch(() => 0);
    this.counted = { n, at: Date.now() };
    return n;
  }
}

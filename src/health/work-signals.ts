import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { Topic } from '../camunda/process-contract';
import { registerGauge } from '../metrics/metrics-registry';
import { Notification } from '../notifications/notification.entity';
import { BacklogGrowth, backlogGrowth, BacklogSample, BACKLOG_WINDOW_MS } from './readiness';

/** A scrape or a probe within this long of the last one reads the same counts: nobody hammers the engine. */
export const SIGNALS_CACHE_MS = 10_000;
const ENGINE_TIMEOUT_MS = 5_000;

export interface WorkSnapshot {
  at: number;
  engineUp: boolean;
  /** External tasks waiting for a worker, per topic; null when the engine could not be asked. */
  waiting: Map<string, number> | null;
  incidents: number | null;
}

export interface OutboxSnapshot {
  /** Notices waiting to go out by SMS or e-mail (letters wait for a person, not for the dispatcher). */
  pending: number;
  /** How long the oldest of them has waited; 0 when none waits. */
  oldestAgeSeconds: number;
}

/** A datetime as the driver hands it back: a Date (MySQL/MariaDB) or UTC text (SQLite). */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * How the work of the whole cluster is doing, read from the engine and the database when asked
 * (a scrape, a readiness probe) and kept for SIGNALS_CACHE_MS: the backlog per topic, the open
 * incidents, the outbox. Every process with a metrics port reports the same cluster-wide values
 * (a dashboard takes the max over them). The backlog counts seen are kept for a few minutes, for
 * telling a growing backlog from a passing one.
 */
@Injectable()
export class WorkSignals implements OnModuleInit {
  private readonly logger = new Logger(WorkSignals.name);
  private work: { at: number; value: Promise<WorkSnapshot> } | null = null;
  private outbox: { at: number; value: Promise<OutboxSnapshot | null> } | null = null;
  private readonly samples: BacklogSample[] = [];

  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const signals = this;
    registerGauge<'topic'>({
      name: 'petition_external_tasks_waiting',
      help: 'External tasks a worker could fetch now (not locked, retries left), per topic: the backlog',
      labelNames: ['topic'],
      async collect() {
        this.reset();
        const snapshot = await signals.snapshot();
        for (const [topic, count] of snapshot.waiting ?? []) this.set({ topic }, count);
      },
    });
    registerGauge({
      name: 'petition_incidents_open',
      help: "The engine's open incidents (work that failed until its retries ran out)",
      async collect() {
        this.reset();
        const { incidents } = await signals.snapshot();
        if (incidents !== null) this.set(incidents);
      },
    });
    registerGauge({
      name: 'petition_engine_up',
      help: 'Whether the engine answered the last time the signals were read (1) or not (0)',
      async collect() {
        this.set((await signals.snapshot()).engineUp ? 1 : 0);
      },
    });
    registerGauge({
      name: 'petition_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest notice waiting to be sent by SMS or e-mail (0: none waits): the outbox delay',
      async collect() {
        this.reset();
        const outbox = await signals.outboxSnapshot();
        if (outbox) this.set(outbox.oldestAgeSeconds);
      },
    });
    registerGauge({
      name: 'petition_outbox_pending_notices',
      help: 'Notices waiting to be sent by SMS or e-mail',
      async collect() {
        this.reset();
        const outbox = await signals.outboxSnapshot();
        if (outbox) this.set(outbox.pending);
      },
    });
  }

  snapshot(now = Date.now()): Promise<WorkSnapshot> {
    if (this.work && now - this.work.at < SIGNALS_CACHE_MS) return this.work.value;
    const value = this.readWork(now);
    this.work = { at: now, value };
    return value;
  }

  outboxSnapshot(now = Date.now()): Promise<OutboxSnapshot | null> {
    if (this.outbox && now - this.outbox.at < SIGNALS_CACHE_MS) return this.outbox.value;
    const value = this.readOutbox(now);
    this.outbox = { at: now, value };
    return value;
  }

  /** Whether the backlog has kept growing over the last minutes (see backlogGrowth). */
  backlogGrowth(now = Date.now()): BacklogGrowth | null {
    return backlogGrowth(this.samples, now);
  }

  private async readWork(now: number): Promise<WorkSnapshot> {
    const topics = Object.values(Topic);
    try {
      const [counts, incidents] = await Promise.all([
        Promise.all(topics.map((topic) => this.camunda.waitingExternalTaskCount(topic, ENGINE_TIMEOUT_MS))),
        this.camunda.incidentCount(ENGINE_TIMEOUT_MS),
      ]);
      const waiting = new Map(topics.map((topic, i) => [topic, counts[i].count]));
      this.remember(now, [...waiting.values()].reduce((sum, n) => sum + n, 0));
      return { at: now, engineUp: true, waiting, incidents: incidents.count };
    } catch (error) {
      this.logger.warn(`Could not read the backlog and incidents from the engine: ${error instanceof Error ? error.message : String(error)}`);
      return { at: now, engineUp: false, waiting: null, incidents: null };
    }
  }

  private remember(at: number, waiting: number): void {
    this.samples.push({ at, waiting });
    while (this.samples.length > 0 && this.samples[0].at < at - 2 * BACKLOG_WINDOW_MS) this.samples.shift();
  }

  private async readOutbox(now: number): Promise<OutboxSnapshot | null> {
    try {
      const row = await this.dataSource
        .getRepository(Notification)
        .createQueryBuilder('n')
        .select('MIN(n.createdAt)', 'oldest')
        .addSelect('COUNT(*)', 'pending')
        .where('n.status = :status', { status: 'pending' })
        .andWhere('n.nextAttemptAt IS NOT NULL')
        .getRawOne<{ oldest: unknown; pending: unknown }>();
      const oldest = toDate(row?.oldest);
      return {
        pending: Number(row?.pending ?? 0),
        oldestAgeSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
      };
    } catch (error) {
      this.logger.warn(`Could not read the outbox: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}

import { Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool-metrics';

/**
 * The series that read this process's services when scraped (the database pool). The registry
 * itself, the HTTP timings and the worker task timings are module-level (metrics-registry.ts),
 * recorded where the work happens; the cluster-wide series (backlog, incidents, outbox) live with
 * the health checks that use them (health/work-signals.ts).
 */
@Module({ providers: [DatabasePoolMetrics] })
export class MetricsModule {}

import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { decideReadiness } from './readiness';
import { WorkSignals } from './work-signals';

export interface ReadinessAnswer {
  status: 'ready' | 'degraded' | 'not-ready';
  reasons: string[];
}

const PROBE_TIMEOUT_MS = 5_000;

/** The promise's outcome as up/down, down after PROBE_TIMEOUT_MS: a probe answers even when a store hangs. */
function reachable(work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
  return Promise.race([work.then(() => true, () => false), timeout]).finally(() => clearTimeout(timer));
}

export interface Health {
  status: 'ok' | 'degraded';
  engine: 'up' | 'down';
  database: 'up' | 'down';
  /** The engine's open incidents; null when they cannot be counted (engine down). */
  incidents: number | null;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly dataSource: DataSource,
    private readonly signals: WorkSignals,
  ) {}

  /** Once the schema is migrated it stays so for this process's lifetime: asked until then only. */
  private migrated = false;

  @Public()
  @Get()
  @ApiOperation({
    summary: '{status, engine, database, incidents}',
    description:
      'HTTP 503 with status "degraded" when the engine or the database is down. HTTP 200 otherwise: status "ok", ' +
      'or "degraded" while the engine holds incidents (work that failed and waits for a retry; see /api/admin/incidents).',
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const [engine, database, incidents] = await Promise.all([
      this.camunda.engines().then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.camunda.incidentCount().then(
        (result) => result.count,
        () => null,
      ),
    ]);
    if (engine === 'down' || database === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    const status = engine === 'up' && database === 'up' && incidents === 0 ? 'ok' : 'degraded';
    return { status, engine, database, incidents };
  }

  @Public()
  @Get('live')
  @ApiOperation({
    summary: 'Liveness: {status: "live"}, always 200 while the process runs',
    description: 'Asks nothing of the database or the engine: a restart would not bring them back.',
  })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: {status: "ready" | "degraded" | "not-ready", reasons}',
    description:
      'HTTP 503 "not-ready" unless the database answers, its migrations are done and the engine answers. HTTP 200 otherwise: ' +
      '"ready", or "degraded" while incidents are open or the external-task backlog has kept growing for minutes (reasons say which).',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessAnswer> {
    const [database, engine, migrated, work] = await Promise.all([
      reachable(this.dataSource.query('SELECT 1')),
      reachable(this.camunda.engines()),
      this.isMigrated(),
      this.signals.snapshot(),
    ]);
    const verdict = decideReadiness({
      database,
      migrated,
      engine,
      incidents: work.incidents,
      backlog: this.signals.backlogGrowth(),
    });
    response.status(verdict.httpStatus);
    return { status: verdict.status, reasons: verdict.reasons };
  }

  private async isMigrated(): Promise<boolean | null> {
    if (this.migrated) return true;
    try {
      // Not showMigrations(): it logs a line per migration on every call.
      const rows: { name: string }[] = await this.dataSource.query('SELECT name FROM schema_migration');
      const executed = new Set(rows.map((row) => row.name));
      this.migrated = this.dataSource.migrations.every((migration) => executed.has(migration.name!));
      return this.migrated;
    } catch {
      return null;
    }
  }
}

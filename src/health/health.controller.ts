import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { CamundaRestClient } from '../camunda/camunda-rest.client';

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
  ) {}

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
}

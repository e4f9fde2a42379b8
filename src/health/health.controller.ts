import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { CamundaRestClient } from '../camunda/camunda-rest.client';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '{status, engine, database}; 503 when either is down' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [engine, database] = await Promise.all([
      this.camunda.engines().then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.dataSource.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    const status = engine === 'up' && database === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status, engine, database };
  }
}

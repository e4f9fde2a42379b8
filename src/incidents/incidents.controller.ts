import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { IncidentListView, RetriedView } from './incident.view';
import { IncidentsService } from './incidents.service';

/** The engine's incidents: work that failed until its retries ran out and now waits for someone. */
@ApiTags('incidents')
@ApiBearerAuth()
@Roles('system-admin')
@Controller('admin/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: IncidentListView })
  @ApiOperation({
    summary: 'Open incidents, newest first, with the petition each holds up',
    description: 'One entry per failure: the incident a failure in a called process raises at its call activity is not listed again.',
  })
  list(@Query() query: PageQueryDto): Promise<IncidentListView> {
    return this.incidents.list(query.firstResult ?? 0, query.maxResults ?? 50);
  }

  @Post('retry')
  @HttpCode(200)
  @Audit({ action: 'incident.retry-all', resourceType: 'incident', detail: (result) => result as Record<string, unknown> })
  @ApiOkResponse({ type: RetriedView })
  @ApiOperation({ summary: 'Give every open incident’s failed external task or job its retries back' })
  retryAll(): Promise<RetriedView> {
    return this.incidents.retryAll();
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Audit({ action: 'incident.retry', resourceType: 'incident', idParam: 'id' })
  @ApiOkResponse({ type: RetriedView })
  @ApiOperation({
    summary: 'Give one incident’s failed external task or job its retries back, so that it runs again',
    description: '404 for an unknown or already resolved incident; 409 for an incident type that cannot be retried here.',
  })
  retry(@Param('id') id: string): Promise<RetriedView> {
    return this.incidents.retry(id);
  }
}

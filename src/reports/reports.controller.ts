import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ActivityHeatQueryDto, OverdueQueryDto } from './dto/overdue-query.dto';
import { chinaDate, overdueWorkbookStream } from './overdue-export';
import { ActivityHeat, EXPORT_LIMIT, OverdueReport, OverdueReportService } from './overdue-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly overdue: OverdueReportService) {}

  @Get('overdue')
  @Roles('supervisor', 'unit-head')
  @ApiOperation({
    summary: 'Overdue and near-due tasks in your region (supervisors) or unit (unit heads), most overdue first, with counts per unit and level',
  })
  report(@CurrentUser() principal: Principal, @Query() query: OverdueQueryDto): Promise<OverdueReport> {
    return this.overdue.report(principal, query);
  }

  @Get('activity-heat')
  @Roles('supervisor', 'unit-head')
  @ApiOperation({ summary: 'Open and overdue tasks per activity of a process (?processKey=petition|unit-handling), within your reach: the diagram heat map' })
  activityHeat(@CurrentUser() principal: Principal, @Query() query: ActivityHeatQueryDto): Promise<ActivityHeat> {
    return this.overdue.activityHeat(principal, query.processKey);
  }

  @Get('overdue.xlsx')
  @Roles('supervisor', 'unit-head')
  @Audit({ action: 'report.export', resourceType: 'report', detail: (result) => (result as { detail?: Record<string, unknown> }).detail ?? {} })
  @ApiOperation({ summary: `The overdue report as an Excel workbook: every row within scope (at most ${EXPORT_LIMIT}) and a summary per unit` })
  async export(
    @CurrentUser() principal: Principal,
    @Query() query: OverdueQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { at, items } = await this.overdue.allItems(principal, query);
    const name = `overdue-report-${chinaDate(at)}.xlsx`;
    const zhName = `超期督办-${chinaDate(at)}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(zhName)}`);
    response.setHeader('Cache-Control', 'no-store');
    const streamable = new StreamableFile(overdueWorkbookStream(items, at)) as StreamableFile & { detail?: Record<string, unknown> };
    streamable.detail = { rows: items.length, report: 'overdue' };
    return streamable;
  }
}

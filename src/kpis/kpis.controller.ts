import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { KpiCasesQueryDto, KpiPeriodDto, KpiQueryDto } from './dto/kpi-query.dto';
import { kpiCasesWorkbook, kpiWorkbook } from './kpi-export';
import { CASES_EXPORT_LIMIT, KpiReport, KpisService, KpiTrend } from './kpis.service';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get()
  @Roles('supervisor', 'unit-head')
  @ApiOperation({
    summary:
      'KPIs (目标管理考核) over a period of months, by unit, by region or by tier, within your reach: each rate with its numerator, denominator and formula; counts of what each did',
  })
  report(@CurrentUser() principal: Principal, @Query() query: KpiQueryDto): Promise<KpiReport> {
    return this.kpis.report(principal, query);
  }

  @Get('trend')
  @Roles('supervisor', 'unit-head')
  @ApiOperation({ summary: 'The KPIs of one unit or region month by month (your own when neither is named)' })
  trend(@CurrentUser() principal: Principal, @Query() query: KpiPeriodDto): Promise<KpiTrend> {
    return this.kpis.trend(principal, query);
  }

  @Get('cases')
  @Roles('supervisor', 'unit-head')
  @Audit({ action: 'kpi.drill-down', resourceType: 'report' })
  @ApiOperation({ summary: 'The cases behind a figure: the facts of a metric (or every late step) of one unit or region in the period, newest first' })
  cases(@CurrentUser() principal: Principal, @Query() query: KpiCasesQueryDto) {
    return this.kpis.cases(principal, query);
  }

  @Get('cases/export')
  @Roles('supervisor', 'unit-head')
  @Audit({ action: 'report.export', resourceType: 'report', detail: (result) => (result as { detail?: Record<string, unknown> }).detail ?? {} })
  @ApiOperation({ summary: `The cases behind a figure as an Excel workbook (same query as GET /kpis/cases; the newest ${CASES_EXPORT_LIMIT} at most)` })
  async exportCases(@CurrentUser() principal: Principal, @Query() query: KpiCasesQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const cases = await this.kpis.casesForExport(principal, query);
    const what = query.metric ?? 'overdue';
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="kpi-cases-${what}-${query.from}-${query.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`考核案件明细-${query.from}-${query.to}.xlsx`)}`);
    response.setHeader('Cache-Control', 'no-store');
    const heading = `${query.unitCode ?? query.regionCode ?? ''} ${what}${query.missed === true ? '（未达标）' : query.missed === false ? '（达标）' : ''} ${query.from} 至 ${query.to}`.trim();
    const file = new StreamableFile(await kpiCasesWorkbook(cases, heading)) as StreamableFile & { detail?: Record<string, unknown> };
    file.detail = { rows: cases.items.length, report: 'kpi-cases', metric: what, from: query.from, to: query.to };
    return file;
  }

  @Get('export')
  @Roles('supervisor', 'unit-head')
  @Audit({ action: 'report.export', resourceType: 'report', detail: (result) => (result as { detail?: Record<string, unknown> }).detail ?? {} })
  @ApiOperation({ summary: 'The KPI table as an Excel workbook (same query as GET /kpis), with the formula of each rate' })
  async export(@CurrentUser() principal: Principal, @Query() query: KpiQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const report = await this.kpis.report(principal, query);
    const name = `kpis-${report.from}-${report.to}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`考核指标-${report.from}-${report.to}.xlsx`)}`);
    response.setHeader('Cache-Control', 'no-store');
    const file = new StreamableFile(await kpiWorkbook(report)) as StreamableFile & { detail?: Record<string, unknown> };
    file.detail = { rows: report.rows.length, report: 'kpis', from: report.from, to: report.to, by: report.by };
    return file;
  }
}

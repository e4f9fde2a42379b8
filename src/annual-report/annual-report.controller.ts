import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { renderAnnualReportPdf } from './annual-report-pdf';
import { annualReportWorkbook } from './annual-report-workbook';
import { AnnualReportService } from './annual-report.service';
import type { AnnualReport } from './annual-report.types';
import { AnnualReportQueryDto } from './dto/annual-report-query.dto';

type Download = StreamableFile & { detail?: Record<string, unknown> };

const auditDetail = (result: unknown) => (result as { detail?: Record<string, unknown> }).detail ?? {};

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get('annual')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      '信访工作年度报告 (Art. 41) of a region within your reach and a past or current year: totals by category, channel, entry tier, outcome and status; the KPIs and their monthly trend; the units with most overdue steps; level skips and collective petitions; the most frequent matters; reviews and re-reviews',
  })
  report(@CurrentUser() principal: Principal, @Query() query: AnnualReportQueryDto): Promise<AnnualReport> {
    return this.reports.report(principal, query);
  }

  @Get('annual.pdf')
  @Roles('supervisor')
  @Audit({ action: 'report.export', resourceType: 'report', detail: auditDetail })
  @ApiOperation({ summary: 'The annual report as a PDF with charts (503 when the server has no CJK font)' })
  async pdf(@CurrentUser() principal: Principal, @Query() query: AnnualReportQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const report = await this.reports.report(principal, query);
    // Drawn before any header is set: a missing font still answers as a JSON error (503).
    const pdf = await renderAnnualReportPdf(report);
    return download(response, report, pdf, 'pdf', 'application/pdf');
  }

  @Get('annual.xlsx')
  @Roles('supervisor')
  @Audit({ action: 'report.export', resourceType: 'report', detail: auditDetail })
  @ApiOperation({ summary: 'The annual report as an Excel workbook, one sheet per section, the same numbers as the PDF' })
  async workbook(@CurrentUser() principal: Principal, @Query() query: AnnualReportQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const report = await this.reports.report(principal, query);
    const xlsx = await annualReportWorkbook(report);
    return download(response, report, xlsx, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }
}

function download(response: Response, report: AnnualReport, bytes: Buffer, format: 'pdf' | 'xlsx', type: string): StreamableFile {
  const name = `annual-report-${report.region.code}-${report.year}.${format}`;
  const zhName = `${report.region.name}${report.year}年度信访工作报告.${format}`;
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(zhName)}`);
  response.setHeader('Cache-Control', 'no-store');
  const file = new StreamableFile(bytes) as Download;
  file.detail = { report: 'annual', format, regionCode: report.region.code, year: report.year };
  return file;
}

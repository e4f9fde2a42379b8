import { Body, Controller, Get, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ScorePeriodDto, ScoreQueryDto } from './dto/score-query.dto';
import { scoreWorkbook } from './score-export';
import { CloseAnswer, ScoreReport, ScoresService } from './scores.service';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get()
  @Roles('supervisor', 'unit-head')
  @ApiOperation({
    summary:
      'Scores (考核评分) of the counties or townships for a month, ranked, within your reach: each score with its parts (indicator, weight or deduction, value) and the scoring table version; a closed month as stored, an open one computed now',
  })
  report(@CurrentUser() principal: Principal, @Query() query: ScoreQueryDto): Promise<ScoreReport> {
    return this.scores.report(principal, query);
  }

  @Get('export')
  @Roles('supervisor', 'unit-head')
  @Audit({ action: 'report.export', resourceType: 'report', detail: (result) => (result as { detail?: Record<string, unknown> }).detail ?? {} })
  @ApiOperation({ summary: 'The ranking as an Excel workbook (same query as GET /scores), with the rules of the table and the formula' })
  async export(@CurrentUser() principal: Principal, @Query() query: ScoreQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const report = await this.scores.report(principal, query);
    const name = `scores-${query.level}-${report.period}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`考核评分-${report.period}.xlsx`)}`);
    response.setHeader('Cache-Control', 'no-store');
    const file = new StreamableFile(await scoreWorkbook(report, query.level)) as StreamableFile & { detail?: Record<string, unknown> };
    file.detail = { rows: report.rows.length, report: 'scores', period: report.period, level: query.level, decisionVersion: report.decision.version };
    return file;
  }

  @Post('close')
  @Roles('supervisor', 'system-admin')
  @Audit({
    action: 'assessment.close',
    resourceType: 'assessment-period',
    detail: (result) => {
      const answer = result as CloseAnswer;
      return { period: answer.period, closed: answer.closed, decisionVersion: answer.decision?.version ?? null, processInstanceId: answer.processInstanceId };
    },
  })
  @ApiOperation({
    summary:
      "Close a past month (the city's supervisors, system administrators): 202 and the close-assessment-period instance that scores it; 200 with the stored table version when the month is closed already",
  })
  async close(@CurrentUser() principal: Principal, @Body() body: ScorePeriodDto, @Res({ passthrough: true }) response: Response): Promise<CloseAnswer> {
    const answer = await this.scores.requestClose(principal, body.period);
    response.status(answer.closed ? 200 : 202);
    return answer;
  }
}

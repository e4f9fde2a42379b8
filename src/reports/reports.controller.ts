import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { OverdueQueryDto } from './dto/overdue-query.dto';
import { OverdueReport, OverdueReportService } from './overdue-report.service';

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
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { KpiQueryDto } from './dto/kpi-query.dto';
import { KpiReport, KpisService } from './kpis.service';

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get()
  @Roles('supervisor', 'unit-head')
  @ApiOperation({
    summary: 'Unit KPIs (目标管理考核) over a period of months, for the units within your reach: each rate with its numerator, denominator and formula; counts of what each unit did',
  })
  report(@CurrentUser() principal: Principal, @Query() query: KpiQueryDto): Promise<KpiReport> {
    return this.kpis.report(principal, query);
  }
}

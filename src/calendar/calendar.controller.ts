import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CalendarService, CalendarYearView } from './calendar.service';
import { CalendarYearDto } from './dto/calendar-year.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/:year')
  @ApiOperation({ summary: 'Holidays and make-up working days of a year, as working-day deadlines count them' })
  year(@Param('year', new ParseIntPipe()) year: number): Promise<CalendarYearView> {
    return this.calendar.year(year);
  }

  @Put('admin/calendar/:year')
  @Roles('system-admin')
  @Audit({ action: 'calendar.load', resourceType: 'calendar-year', idParam: 'year' })
  @ApiOperation({ summary: 'Load or correct a year: its holidays and make-up working days (replaces what was loaded for it)' })
  load(
    @CurrentUser() principal: Principal,
    @Param('year', new ParseIntPipe()) year: number,
    @Body() body: CalendarYearDto,
  ): Promise<CalendarYearView> {
    return this.calendar.loadYear(principal, year, body.days);
  }
}

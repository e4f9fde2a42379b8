import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IssueSupervisionDto, SupervisionFeedbackDto, SupervisionListQueryDto } from './dto/supervision.dto';
import { SupervisionDeskService } from './supervision-desk.service';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly desk: SupervisionDeskService) {}

  @Get()
  @Roles('supervisor', 'unit-head', 'handler')
  @ApiOperation({ summary: 'Reminders, supervision notices and disciplinary recommendations in your region (supervisors) or for your unit, newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: SupervisionListQueryDto) {
    return this.desk.list(principal, query);
  }

  @Post()
  @Roles('supervisor')
  @Audit({ action: 'supervision.issue', resourceType: 'supervision' })
  @ApiOperation({ summary: 'Send a reminder or a supervision notice about an open task in your region (from the overdue report)' })
  issue(@CurrentUser() principal: Principal, @Body() body: IssueSupervisionDto) {
    return this.desk.issue(principal, body);
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('unit-head', 'handler')
  @Audit({ action: 'supervision.feedback', resourceType: 'supervision', idParam: 'id' })
  @ApiOperation({ summary: 'Answer a supervision notice addressed to your unit (once)' })
  feedback(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SupervisionFeedbackDto) {
    return this.desk.feedback(principal, id, body.text);
  }
}

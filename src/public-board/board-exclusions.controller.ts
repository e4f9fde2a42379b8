import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { ExclusionKind } from './board-exclusion.entity';
import { BoardExclusionsService, ExclusionView } from './board-exclusions.service';
import { BoardExclusionDto, BoardExclusionListQueryDto, BoardReasonDto } from './dto/board-exclusion.dto';

/** A supervisor's say over the public board within their region: take a notice down, withhold one, restore it. */
@ApiTags('public-board')
@ApiBearerAuth()
@Controller('board')
export class BoardExclusionsController {
  constructor(private readonly exclusions: BoardExclusionsService) {}

  @Get('exclusions')
  @Roles('supervisor')
  @ApiOperation({ summary: 'The petitions of your region kept off the public board (withheld or taken down), newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: BoardExclusionListQueryDto) {
    return this.exclusions.list(principal, query);
  }

  @Post('takedowns')
  @HttpCode(201)
  @Roles('supervisor')
  @Audit({ action: 'board.take-down', resourceType: 'petition' })
  @ApiOperation({ summary: '撤下公示: take a petition of your region off the public board, with a reason (4–500 characters)' })
  @ApiCreatedResponse({ description: 'Taken down' })
  @ApiOkResponse({ description: 'The same request again: the same record, nothing changed' })
  takeDown(@CurrentUser() principal: Principal, @Body() body: BoardExclusionDto, @Res({ passthrough: true }) response: Response) {
    return this.exclude(principal, 'taken-down', body, response);
  }

  @Post('withholdings')
  @HttpCode(201)
  @Roles('supervisor')
  @Audit({ action: 'board.withhold', resourceType: 'petition' })
  @ApiOperation({ summary: '不予公示: mark a petition of your region not for publication before it appears, with a reason' })
  @ApiCreatedResponse({ description: 'Withheld' })
  @ApiOkResponse({ description: 'The same request again: the same record, nothing changed' })
  withhold(@CurrentUser() principal: Principal, @Body() body: BoardExclusionDto, @Res({ passthrough: true }) response: Response) {
    return this.exclude(principal, 'withheld', body, response);
  }

  @Delete('exclusions/:petitionId')
  @HttpCode(200)
  @Roles('supervisor')
  @Audit({ action: 'board.restore', resourceType: 'petition', idParam: 'petitionId' })
  @ApiOperation({ summary: '恢复公示: put a withheld or taken-down petition back on the board, with a reason' })
  restore(@CurrentUser() principal: Principal, @Param('petitionId') petitionId: string, @Body() body: BoardReasonDto): Promise<ExclusionView> {
    return this.exclusions.lift(principal, petitionId, body.reason);
  }

  private async exclude(principal: Principal, kind: ExclusionKind, body: BoardExclusionDto, response: Response): Promise<ExclusionView> {
    const { record, created } = await this.exclusions.exclude(principal, kind, body);
    if (!created) response.status(HttpStatus.OK);
    return record;
  }
}

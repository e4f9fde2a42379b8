import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CreateRepresentativeDto, RepresentativeListQueryDto } from './dto/representative.dto';
import { RepresentativesService, RepresentativeView } from './representatives.service';

/** 群众代表名册: deputies, CPPCC members and community representatives a petition office may invite. */
@ApiTags('representatives')
@ApiBearerAuth()
@Controller('representatives')
export class RepresentativesController {
  constructor(private readonly representatives: RepresentativesService) {}

  @Get()
  @ApiOperation({ summary: 'Representatives of your region, the regions below it and above it (contacts masked)' })
  list(@CurrentUser() principal: Principal, @Query() query: RepresentativeListQueryDto): Promise<RepresentativeView[]> {
    return this.representatives.list(principal, query.regionCode);
  }

  @Post()
  @Audit({ action: 'representative.create', resourceType: 'representative' })
  @ApiOperation({ summary: 'Add a representative to the register (petition office staff, for their region and below)' })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateRepresentativeDto): Promise<RepresentativeView> {
    return this.representatives.create(principal, dto);
  }

  @Post(':id/deactivate')
  @Audit({ action: 'representative.deactivate', resourceType: 'representative', idParam: 'id' })
  @ApiOperation({ summary: 'Take a representative off the active register (kept for the cases they took part in)' })
  deactivate(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RepresentativeView> {
    return this.representatives.deactivate(principal, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseFilters } from '@nestjs/common';
import { Audit } from '../audit/audit.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { CreateRegionDto, RegionListQueryDto, UpdateRegionDto } from './dto/region.dto';
import { ClosureCounts, CloseUnitDto, CreateUnitDto, UnitListQueryDto, UpdateUnitDto } from './dto/unit.dto';
import { OrgAdminValidationFilter } from './org-admin-validation.filter';
import { OrgAdminService } from './org-admin.service';

/** The four-tier organisation, as the system administrator maintains it. */
@ApiTags('org-admin')
@ApiBearerAuth()
@Roles('system-admin')
@UseFilters(OrgAdminValidationFilter)
@Controller('admin/org')
export class OrgAdminController {
  constructor(private readonly admin: OrgAdminService) {}

  @Get('regions')
  @ApiOperation({ summary: 'Regions, or the direct children of ?parentCode=' })
  regions(@Query() query: RegionListQueryDto): Promise<Region[]> {
    return this.admin.regions(query);
  }

  @Post('regions')
  @Audit({ action: 'org.region.create', resourceType: 'region', idParam: 'code' })
  @ApiOperation({ summary: 'Add a region one level below an existing one (a city has no parent)' })
  createRegion(@Body() body: CreateRegionDto): Promise<Region> {
    return this.admin.createRegion(body);
  }

  @Patch('regions/:code')
  @Audit({ action: 'org.region.update', resourceType: 'region', idParam: 'code' })
  @ApiOperation({ summary: 'Rename a region (codes and the tree do not change)' })
  renameRegion(@Param('code') code: string, @Body() body: UpdateRegionDto): Promise<Region> {
    return this.admin.renameRegion(code, body);
  }

  @Get('units')
  @ApiOperation({ summary: 'Units, filtered by ?regionCode=, ?kind= and ?active=' })
  units(@Query() query: UnitListQueryDto): Promise<Unit[]> {
    return this.admin.units(query);
  }

  @Post('units')
  @Audit({ action: 'org.unit.create', resourceType: 'unit', idParam: 'code' })
  @ApiOperation({ summary: 'Add a unit to a region; its code becomes the candidate group of its tasks' })
  createUnit(@Body() body: CreateUnitDto): Promise<Unit> {
    return this.admin.createUnit(body);
  }

  @Patch('units/:code')
  @Audit({ action: 'org.unit.update', resourceType: 'unit', idParam: 'code' })
  @ApiOperation({ summary: "Rename a unit or change its parent unit" })
  updateUnit(@Param('code') code: string, @Body() body: UpdateUnitDto): Promise<Unit> {
    return this.admin.updateUnit(code, body);
  }

  @Post('units/:code/close')
  @Audit({ action: 'org.unit.close', resourceType: 'unit', idParam: 'code', detail: (moved) => ({ moved }) })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close or merge a unit into an active successor',
    description:
      "Moves the unit's open engine tasks, the running processes' competentUnitCode, its petitions (with a timeline " +
      'event each) and its users to the successor, then marks it inactive. Returns what was moved: ' +
      '{tasks, processInstances, petitions, users}. Safe to call again with the same successor after a failure.',
  })
  close(@CurrentUser() principal: Principal, @Param('code') code: string, @Body() body: CloseUnitDto): Promise<ClosureCounts> {
    return this.admin.closeUnit(principal, code, body);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgService } from './org.service';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

@ApiTags('org')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('regions')
  @ApiOperation({ summary: 'All regions of the four tiers (for region pickers)' })
  regions(): Promise<Region[]> {
    return this.org.regions();
  }

  @Get('units')
  @ApiOperation({ summary: 'All units with their kind and region' })
  units(): Promise<Unit[]> {
    return this.org.units();
  }
}

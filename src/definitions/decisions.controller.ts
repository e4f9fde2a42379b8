import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionCatalog } from './decision-catalog.service';
import { VersionQueryDto } from './version-query.dto';
import { DefinitionKeyPipe } from './definition-key.pipe';

/** Read-only: any signed-in user may view the decision tables. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Latest version of every deployed decision, with its version count and evaluations over all versions' })
  list() {
    return this.decisions.list();
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every version of a decision, newest first, with its evaluations' })
  versions(@Param('key', new DefinitionKeyPipe('decision')) key: string) {
    return this.decisions.versions(key);
  }

  @Get(':key/xml')
  @ApiOperation({ summary: 'DMN XML of a decision (the latest version unless ?version=N)' })
  xml(@Param('key', new DefinitionKeyPipe('decision')) key: string, @Query() query: VersionQueryDto) {
    return this.decisions.xml(key, query.version);
  }
}

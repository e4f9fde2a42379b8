import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FormsCatalog } from './forms-catalog.service';
import { VersionQueryDto } from './version-query.dto';
import { DefinitionKeyPipe } from './definition-key.pipe';

/** Read-only: any signed-in user may view the deployed Camunda Forms. */
@ApiTags('forms')
@ApiBearerAuth()
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormsCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Latest version of every deployed Camunda Form (.form), with its version count' })
  list() {
    return this.forms.list();
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every version of a form, newest first' })
  versions(@Param('key', new DefinitionKeyPipe('form')) key: string) {
    return this.forms.versions(key);
  }

  @Get(':key/schema')
  @ApiOperation({ summary: 'The form JSON exactly as deployed (the latest version unless ?version=N)' })
  schema(@Param('key', new DefinitionKeyPipe('form')) key: string, @Query() query: VersionQueryDto) {
    return this.forms.schema(key, query.version);
  }
}

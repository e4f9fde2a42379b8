import { Controller, Get, Param, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { Audit } from '../audit/audit.decorator';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ProcessCatalog } from '../definitions/process-catalog.service';
import { VersionQueryDto } from '../definitions/version-query.dto';
import { ProcessesService, UploadedProcessFile } from './processes.service';
import { DefinitionKeyPipe } from '../definitions/definition-key.pipe';

@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(
    private readonly processes: ProcessesService,
    private readonly catalog: ProcessCatalog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Latest version of every deployed process, with its version count and running instances over all versions' })
  list() {
    return this.catalog.list();
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every version of a process, newest first, with its running instances' })
  versions(@Param('key', new DefinitionKeyPipe('process')) key: string) {
    return this.catalog.versions(key);
  }

  @Get(':key/xml')
  @ApiOperation({ summary: 'BPMN XML of a process (the latest version unless ?version=N)' })
  xml(@Param('key', new DefinitionKeyPipe('process')) key: string, @Query() query: VersionQueryDto) {
    return this.catalog.xml(key, query.version);
  }

  @Post('deploy')
  @Audit({ action: 'process.deploy', resourceType: 'deployment', detail: (result) => ({ deployment: result }) })
  @Roles('process-admin')
  @UseInterceptors(FilesInterceptor('files', 20, { limits: { fileSize: 2 * 1024 * 1024 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiOperation({ summary: 'Deploy .bpmn/.dmn/.form files as a new version (unchanged files deploy nothing); lists the processes, decisions and forms created' })
  deploy(@UploadedFiles() files: UploadedProcessFile[] | undefined) {
    return this.processes.deploy(files ?? []);
  }
}

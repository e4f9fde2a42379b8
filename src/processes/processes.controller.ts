import { Controller, Get, Param, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { Audit } from '../audit-trail/audit.decorator';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ProcessesService, UploadedProcessFile } from './processes.service';

@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  @Get()
  @ApiOperation({ summary: 'Latest version of every deployed process definition' })
  list() {
    return this.processes.list();
  }

  @Get(':key/xml')
  @ApiOperation({ summary: 'BPMN XML of the latest version of a process' })
  xml(@Param('key') key: string) {
    return this.processes.xml(key);
  }

  @Post('deploy')
  @Audit({ action: 'process.deploy', resourceType: 'deployment', detail: (result) => ({ deployment: result }) })
  @Roles('process-admin')
  @UseInterceptors(FilesInterceptor('files', 20, { limits: { fileSize: 2 * 1024 * 1024 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiOperation({ summary: 'Deploy .bpmn/.dmn/.form files as a new version (unchanged files deploy nothing)' })
  deploy(@UploadedFiles() files: UploadedProcessFile[] | undefined) {
    return this.processes.deploy(files ?? []);
  }
}

import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../../audit/audit.decorator';
import { Roles } from '../../auth/auth.decorators';
import { TaskIndexService } from './task-index.service';

@ApiTags('task-index')
@ApiBearerAuth()
@Controller('admin/task-index')
export class TaskIndexController {
  constructor(private readonly index: TaskIndexService) {}

  @Post('reconcile')
  @HttpCode(200)
  @Roles('system-admin')
  @Audit({ action: 'task-index.reconcile', resourceType: 'task-index', detail: (r) => r as Record<string, unknown> })
  @ApiOperation({ summary: 'Compare the open-task index behind the reports with the engine now (it also runs every TASK_INDEX_RECONCILE_MINUTES)' })
  async reconcile(): Promise<{ changed: number }> {
    return { changed: await this.index.reconcile() };
  }
}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { EngineDeadlines } from './deadlines/engine-deadlines';
import { TaskCompletions } from './completion/task-completions';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { RoutingModule } from '../routing/routing.module';
import { STEP_PROVIDERS } from './steps';
import { TASK_STEPS, TaskStep } from './steps/task-step';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { ExtensionService } from './extension/extension.service';
import { TaskFormService } from './form/task-form.service';
import { TaskIndexController } from './index/task-index.controller';
import { TaskIndexService } from './index/task-index.service';

@Module({
  imports: [PetitionsModule, RoutingModule, NotificationsModule, SchedulingModule],
  controllers: [TasksController, TaskIndexController],
  providers: [
    TasksService,
    ExtensionService,
    TaskFormService,
    TaskIndexService,
    EngineDeadlines,
    TaskCompletions,
    ...STEP_PROVIDERS,
    { provide: TASK_STEPS, inject: STEP_PROVIDERS, useFactory: (...steps: TaskStep[]) => steps },
  ],
  exports: [TaskIndexService],
})
export class TasksModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../crypto/crypto.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { RoutingModule } from '../routing/routing.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { TaskCompletions } from './completion/task-completions';

import { ExtensionService } from './extension/extension.service';
import { HearingRequestService } from './hearing/hearing-request.service';
import { TaskFormService } from './form/task-form.service';
import { TaskIndexController } from './index/task-index.controller';
import { TaskIndexModule } from './index/task-index.module';
import { STEP_PROVIDERS } from './steps';
import { TASK_STEPS, TaskStep } from './steps/task-step';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { DeskService } from './desk/desk.service';

/** The handlers' human tasks: lists, forms, completing a step, extensions. */
@Module({
  imports: [
    TaskIndexModule,
    PetitionsModule,
    RoutingModule,
    NotificationsModule,
    SchedulingModule,
    CamundaModule,
    OrgModule,
    ClocksModule,
    AccessModule,
    AuditModule,
    RepresentativesModule,
    CryptoModule,
  ],
  controllers: [TasksController, TaskIndexController],
  providers: [
    TasksService,
    ExtensionService,
    HearingRequestService,
    TaskFormService,
    TaskCompletions,
    DeskService,
    ...STEP_PROVIDERS,
    { provide: TASK_STEPS, inject: STEP_PROVIDERS, useFactory: (...steps: TaskStep[]) => steps },
  ],
})
export class TasksModule {}

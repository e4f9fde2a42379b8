import { Module } from '@nestjs/common';
import { CamundaModule } from '../../camunda/camunda.module';
import { ClocksModule } from '../../clocks/clocks.module';
import { InboxModule } from '../../inbox/inbox.module';
import { OrgModule } from '../../org/org.module';
import { PetitionsModule } from '../../petitions/petitions.module';
import { SchedulingModule } from '../../scheduling/scheduling.module';
import { TaskIndexService } from './task-index.service';

/**
 * The copy of the engine's open tasks that task lists and reports query. Workers keep it in step
 * too (an external task they complete opens the next human task), so it is not an API concern.
 * A task new to the index is announced in its unit's inbox.
 */
@Module({
  imports: [CamundaModule, ClocksModule, InboxModule, OrgModule, PetitionsModule, SchedulingModule],
  providers: [TaskIndexService],
  exports: [TaskIndexService],
})
export class TaskIndexModule {}

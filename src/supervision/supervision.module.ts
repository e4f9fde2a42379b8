import { AssessmentModule } from '../assessment/assessment.module';
import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { DeadlineHandler } from './deadline.handler';
import { SupervisionService } from './supervision.service';

/** Reminders, supervision notices and disciplinary recommendations, as the deadline timers raise them (and announce them in the inbox). */
@Module({
  imports: [AssessmentModule, PetitionsModule, OrgModule, InboxModule],
  providers: [SupervisionService, DeadlineHandler],
  exports: [SupervisionService],
})
export class SupervisionModule {}

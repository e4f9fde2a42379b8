import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { DeadlineHandler } from './deadline.handler';
import { SupervisionService } from './supervision.service';

/** Reminders, supervision notices and disciplinary recommendations, as the deadline timers raise them. */
@Module({
  imports: [PetitionsModule, OrgModule],
  providers: [SupervisionService, DeadlineHandler],
  exports: [SupervisionService],
})
export class SupervisionModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { ConcludeHandler } from './conclude.handler';
import { ReviewOpenHandler } from './review-open.handler';
import { ReviewRequestService } from './review-requests.service';

/** 复查 / 复核 and 终结: requests, taking them up in review.bpmn, and concluding a matter whose window lapsed. */
@Module({
  imports: [PetitionsModule, CamundaModule, ClocksModule, OrgModule, AuditModule],
  providers: [ReviewRequestService, ReviewOpenHandler, ConcludeHandler],
  exports: [ReviewRequestService],
})
export class ReviewModule {}

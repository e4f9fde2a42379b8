import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { RatingLapseHandler } from './rating-lapse.handler';
import { RatingService } from './rating.service';

/** 满意度评价: recording a reply's rating, and 未评价 when its window closes. */
@Module({
  imports: [OrgModule, PetitionsModule, CamundaModule, ClocksModule, AuditModule],
  providers: [RatingService, RatingLapseHandler],
  exports: [RatingService],
})
export class RatingModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { KpisModule } from '../kpis/kpis.module';
import { OrgModule } from '../org/org.module';
import { CloseAssessmentPeriodHandler } from './close-assessment-period.handler';
import { ScoresService } from './scores.service';
import { ScoringTables } from './scoring-table';

/** 目标管理考核 scores and the monthly close (a worker feature: no controllers; KpisModule has none either). */
@Module({
  imports: [AccessModule, OrgModule, ClocksModule, CamundaModule, KpisModule],
  providers: [ScoringTables, ScoresService, CloseAssessmentPeriodHandler],
  exports: [ScoresService],
})
export class ScoresModule {}

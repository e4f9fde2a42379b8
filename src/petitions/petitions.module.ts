import { AssessCaseHandler } from './assess-case.handler';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentModule } from '../assessment/assessment.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { CloseHandler } from './close.handler';
import { DirectReportHandler } from './direct-report.handler';
import { IntakeRequest } from './intake-request.entity';
import { PetitionLifecycle } from './lifecycle/petition-lifecycle';
import { PetitionWork } from './petition-work';
import { PetitionRepository } from './petition.repository';
import { ProcessStarter } from './process-starter.service';
import { RegisterHandler } from './register.handler';

/**
 * The petition as every feature reaches it: its records (PetitionRepository), its lifecycle, the
 * handlers' way in (PetitionWork), starting its process, and the topic handlers of intake.
 */
@Module({
  imports: [AssessmentModule, CamundaModule, ClocksModule, OrgModule, SchedulingModule, TypeOrmModule.forFeature([IntakeRequest])],
  providers: [ProcessStarter, PetitionRepository, PetitionLifecycle, PetitionWork, RegisterHandler, CloseHandler, DirectReportHandler, AssessCaseHandler],
  exports: [ProcessStarter, PetitionRepository, PetitionLifecycle, PetitionWork],
})
export class PetitionsModule {}

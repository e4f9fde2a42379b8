import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { DirectReport } from './direct-report.entity';
import { PetitionEvent } from './petition-event.entity';
import { Petitioner } from './petitioner.entity';
import { PetitionsController } from './petitions.controller';
import { PetitionIntake } from './petition-intake.service';
import { PetitionQueries } from './petition-queries.service';
import { ProcessStarter } from './process-starter.service';
import { PetitionLifecycle } from './lifecycle/petition-lifecycle';
import { PetitionRepository } from './petition.repository';
import { PetitionWork } from './petition-work';
import { IntakeRequest } from './intake-request.entity';
import { CloseHandler } from './close.handler';
import { DirectReportHandler } from './direct-report.handler';
import { RegisterHandler } from './register.handler';

@Module({
  imports: [SchedulingModule, TypeOrmModule.forFeature([Petitioner, PetitionEvent, HandOver, DirectReport, SupervisionRecord, OpenTask, IntakeRequest])],
  controllers: [PetitionsController],
  providers: [PetitionIntake, PetitionQueries, ProcessStarter, PetitionRepository, PetitionLifecycle, PetitionWork, RegisterHandler, CloseHandler, DirectReportHandler],
  exports: [ProcessStarter, PetitionRepository, PetitionLifecycle, PetitionWork],
})
export class PetitionsModule {}

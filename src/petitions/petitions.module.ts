import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { DirectReport } from './direct-report.entity';
import { PetitionEvent } from './petition-event.entity';
import { Petition } from './petition.entity';
import { Petitioner } from './petitioner.entity';
import { PetitionsController } from './petitions.controller';
import { PetitionsService } from './petitions.service';
import { CloseHandler } from './close.handler';
import { DirectReportHandler } from './direct-report.handler';
import { RegisterHandler } from './register.handler';

@Module({
  imports: [TypeOrmModule.forFeature([Petition, Petitioner, PetitionEvent, HandOver, DirectReport, SupervisionRecord])],
  controllers: [PetitionsController],
  providers: [PetitionsService, RegisterHandler, CloseHandler, DirectReportHandler],
  exports: [PetitionsService],
})
export class PetitionsModule {}

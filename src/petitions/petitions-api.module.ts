import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { CamundaModule } from '../camunda/camunda.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { DirectReport } from './direct-report.entity';
import { IntakeRequest } from './intake-request.entity';
import { PetitionEvent } from './petition-event.entity';
import { PetitionIntake } from './petition-intake.service';
import { PetitionQueries } from './petition-queries.service';
import { Petitioner } from './petitioner.entity';
import { PetitionsController } from './petitions.controller';
import { PetitionsModule } from './petitions.module';

/** Registration at the desk and the case views. */
@Module({
  imports: [
    PetitionsModule,
    AccessModule,
    AuditModule,
    CamundaModule,
    ClocksModule,
    CryptoModule,
    OrgModule,
    TypeOrmModule.forFeature([Petitioner, PetitionEvent, HandOver, DirectReport, SupervisionRecord, OpenTask, IntakeRequest]),
  ],
  controllers: [PetitionsController],
  providers: [PetitionIntake, PetitionQueries],
})
export class PetitionsApiModule {}

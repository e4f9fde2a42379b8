import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { CamundaModule } from '../camunda/camunda.module';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { DirectReport } from '../petitions/direct-report.entity';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { Petitioner } from '../petitions/petitioner.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { CaseFileController } from './case-file.controller';
import { PetitionQueries } from './petition-queries.service';

/**
 * The case file: a petition with everything every stage recorded about it, for those the access
 * policy lets read it. It reads the records of many features and none of them reads it.
 */
@Module({
  imports: [
    PetitionsModule,
    AccessModule,
    CamundaModule,
    CryptoModule,
    OrgModule,
    TypeOrmModule.forFeature([Petitioner, PetitionEvent, HandOver, DirectReport, SupervisionRecord, OpenTask]),
  ],
  controllers: [CaseFileController],
  providers: [PetitionQueries],
})
export class CaseFileModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { CamundaModule } from '../camunda/camunda.module';
import { CryptoModule } from '../crypto/crypto.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { DirectReport } from '../petitions/direct-report.entity';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { Petitioner } from '../petitions/petitioner.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { CaseFileController } from './case-file.controller';
import { AfterReplyDeskController } from './after-reply-desk.controller';
import { RepresentativesOnCaseController } from './representatives-on-case.controller';
import { RepresentativesModule } from '../representatives/representatives.module';
import { Hearing } from '../hearing/hearing.entity';
import { RepresentativeOpinion } from '../representatives/representative-opinion.entity';
import { PublicRepresentative } from '../representatives/public-representative.entity';
import { RatingModule } from '../rating/rating.module';
import { ReviewModule } from '../review/review.module';
import { PetitionRating } from '../rating/petition-rating.entity';
import { PetitionReview } from '../review/petition-review.entity';
import { PetitionQueries } from './petition-queries.service';
import { NameHashBackfill } from './name-hash-backfill';
import { User } from '../auth/user.entity';

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
    ClocksModule,
    OrgModule,
    RatingModule,
    ReviewModule,
    RepresentativesModule,
    TypeOrmModule.forFeature([Petitioner, PetitionEvent, HandOver, DirectReport, SupervisionRecord, OpenTask, PetitionRating, PetitionReview, Hearing, RepresentativeOpinion, PublicRepresentative, User]),
  ],
  controllers: [CaseFileController, AfterReplyDeskController, RepresentativesOnCaseController],
  providers: [PetitionQueries, NameHashBackfill],
  exports: [PetitionQueries],
})
export class CaseFileModule {}

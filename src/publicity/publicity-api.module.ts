import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { PublicProgressController } from './public-progress.controller';
import { PublicAfterReplyController } from './public-after-reply.controller';
import { RatingModule } from '../rating/rating.module';
import { ReviewModule } from '../review/review.module';
import { PetitionRating } from '../rating/petition-rating.entity';
import { PetitionReview } from '../review/petition-review.entity';
import { PublicProgressService } from './public-progress.service';
import { Publication } from './publication.entity';

/** What a petitioner reads and does with the query code. */
@Module({
  imports: [PetitionsModule, OrgModule, CryptoModule, ClocksModule, RatingModule, ReviewModule, TypeOrmModule.forFeature([PetitionEvent, Publication, PetitionRating, PetitionReview])],
  controllers: [PublicProgressController, PublicAfterReplyController],
  providers: [PublicProgressService],
})
export class PublicityApiModule {}

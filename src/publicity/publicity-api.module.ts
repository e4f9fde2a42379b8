import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { PublicProgressController } from './public-progress.controller';
import { PublicProgressService } from './public-progress.service';
import { Publication } from './publication.entity';

/** What a petitioner reads with the query code. */
@Module({
  imports: [PetitionsModule, OrgModule, CryptoModule, TypeOrmModule.forFeature([PetitionEvent, Publication])],
  controllers: [PublicProgressController],
  providers: [PublicProgressService],
})
export class PublicityApiModule {}

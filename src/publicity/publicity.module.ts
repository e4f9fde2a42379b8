import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { PublicProgressController } from './public-progress.controller';
import { PublicProgressService } from './public-progress.service';
import { PublicizeHandler } from './publicize.handler';
import { Publication } from './publication.entity';

@Module({
  imports: [PetitionsModule, TypeOrmModule.forFeature([PetitionEvent, Publication])],
  controllers: [PublicProgressController],
  providers: [PublicProgressService, PublicizeHandler],
})
export class PublicityModule {}

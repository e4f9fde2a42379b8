import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PetitionEvent } from './petition-event.entity';
import { Petition } from './petition.entity';
import { Petitioner } from './petitioner.entity';
import { PetitionsController } from './petitions.controller';
import { PetitionsService } from './petitions.service';
import { CloseHandler } from './close.handler';
import { RegisterHandler } from './register.handler';

@Module({
  imports: [TypeOrmModule.forFeature([Petition, Petitioner, PetitionEvent])],
  controllers: [PetitionsController],
  providers: [PetitionsService, RegisterHandler, CloseHandler],
  exports: [PetitionsService],
})
export class PetitionsModule {}

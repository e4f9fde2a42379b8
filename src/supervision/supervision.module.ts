import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { DeadlineHandler } from './deadline.handler';
import { SupervisionDeskService } from './supervision-desk.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  imports: [PetitionsModule],
  controllers: [SupervisionController],
  providers: [SupervisionService, SupervisionDeskService, DeadlineHandler],
})
export class SupervisionModule {}

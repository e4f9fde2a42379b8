import { Module } from '@nestjs/common';
import { DeadlineHandler } from './deadline.handler';
import { SupervisionDeskService } from './supervision-desk.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, SupervisionDeskService, DeadlineHandler],
})
export class SupervisionModule {}

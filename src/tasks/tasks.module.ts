import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [PetitionsModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}

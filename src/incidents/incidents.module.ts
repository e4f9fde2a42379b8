import { Module } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { IncidentSweep } from './incident-sweep';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { CamundaModule } from '../camunda/camunda.module';

/** Engine incidents: listed and retried by the system administrator, swept after outages. */
@Module({
  imports: [CamundaModule, SchedulingModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentSweep],
  exports: [IncidentsService],
})
export class IncidentsModule {}

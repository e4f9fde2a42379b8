import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { CamundaModule } from '../camunda/camunda.module';
import { HealthSignalsModule } from './health-signals.module';

@Module({ imports: [CamundaModule, HealthSignalsModule], controllers: [HealthController] })
export class HealthModule {}

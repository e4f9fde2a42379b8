import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { CamundaModule } from '../camunda/camunda.module';

@Module({ imports: [CamundaModule], controllers: [HealthController] })
export class HealthModule {}

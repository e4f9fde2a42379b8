import { Module } from '@nestjs/common';
import { CamundaModule } from '../camunda/camunda.module';
import { WorkSignals } from './work-signals';

/** The cluster-wide work signals (backlog, incidents, outbox): series in /metrics, input to readiness. No controllers. */
@Module({ imports: [CamundaModule], providers: [WorkSignals], exports: [WorkSignals] })
export class HealthSignalsModule {}

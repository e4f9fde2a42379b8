import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { foundation, WORKER_FEATURES } from './infrastructure';
import { HealthSignalsModule } from './health/health-signals.module';
import { LoggingModule } from './logging/logging.module';

/** The worker process: topic handlers and what they need, no HTTP server and no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [LoggingModule.forRoot('worker'), ...foundation(config), ...WORKER_FEATURES, HealthSignalsModule] };
  }
}

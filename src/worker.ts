import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { loadMetricsConfig } from './metrics/metrics-config';
import { startProcessMetrics } from './metrics/metrics-registry';
import { serveMetrics } from './metrics/metrics-server';
import { WorkerModule } from './worker.module';
import { connectEngine, waitForMigrations } from './bootstrap';
import { WorkerRuntime } from './camunda/worker-runtime/worker-runtime.service';
import { NoticeDispatcher } from './notifications/dispatch/notice-dispatcher';
import { closeOnSignals, exitOnStartFailure } from './common/shutdown';
import { loadConfig } from './config/app-config';

/** Workers alone, to scale them out beside the API (set WORKERS_IN_PROCESS=false on the API). */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const metrics = loadMetricsConfig('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  startProcessMetrics('worker');
  closeOnSignals(app, 'Worker');
  // From the start: a worker still waiting for the schema or the engine can be watched too.
  if (metrics.port !== null) {
    await serveMetrics({ ...metrics, port: metrics.port });
    Logger.log(`Metrics at http://${metrics.host}:${metrics.port}/metrics`, 'Worker');
  }
  await waitForMigrations(app);
  await connectEngine(app, false);
  await app.get(WorkerRuntime).start();
  app.get(NoticeDispatcher).start();
}

bootstrap().catch((error: unknown) => exitOnStartFailure(error, 'Worker'));

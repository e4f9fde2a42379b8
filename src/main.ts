import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { answerClientErrors } from './hardening/client-errors';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ApiModule } from './api.module';
import { connectEngine, prepareDatabase } from './bootstrap';
import { WorkerRuntime } from './camunda/worker-runtime/worker-runtime.service';
import { NoticeDispatcher } from './notifications/dispatch/notice-dispatcher';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { requestLogging } from './logging/request-logging';
import { rootLogger } from './logging/root-logger';
import { httpMetrics } from './metrics/http-metrics';
import { loadMetricsConfig } from './metrics/metrics-config';
import { startProcessMetrics } from './metrics/metrics-registry';
import { serveMetrics } from './metrics/metrics-server';
import { closeOnSignals, exitOnStartFailure } from './common/shutdown';
import { createValidationPipe } from './common/validation.pipe';
import { loadConfig } from './config/app-config';
import { applyHttpHardening } from './hardening/http-hardening';
import { ProcessStarter } from './petitions/process-starter.service';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const metrics = loadMetricsConfig('api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  startProcessMetrics('api');
  app.setGlobalPrefix('api');
  // Before the body parser and the guards: what they refuse is timed and logged too, with its request id.
  app.use(httpMetrics());
  app.use(requestLogging(rootLogger()!));
  applyHttpHardening(app, config);
  // Body errors happen before routing, out of reach of Nest's filters: answer them the same way.
  const errors = app.get(ApiExceptionFilter);
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) =>
    response.headersSent ? next(error) : errors.send(request, response, error),
  );
  app.useGlobalPipes(createValidationPipe());
  closeOnSignals(app, 'API');

  // The API's map is for developers and integrators; a production server does not hand it to strangers.
  if (config.env !== 'production') {
    const openApi = new DocumentBuilder()
      .setTitle('Petition workflow API')
      .setDescription('Four-tier petition (信访) handling on Camunda 7. Sign in at /api/auth/login, then send the token as a bearer token.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  }

  // On a port of its own, never the published one (see README, "Metrics and logs"); from the start, so
  // that an API still migrating or waiting for the engine can be watched too.
  if (metrics.port !== null) {
    await serveMetrics({ ...metrics, port: metrics.port });
    Logger.log(`Metrics at http://${metrics.host}:${metrics.port}/metrics`, 'Bootstrap');
  }
  await prepareDatabase(app, config);
  await connectEngine(app, true);
  answerClientErrors(app.getHttpServer());
  await app.listen(config.port, config.host);
  if (config.workers.inProcess) {
    await app.get(WorkerRuntime).start();
    app.get(NoticeDispatcher).start();
  }
  app.get(ProcessStarter).schedule();
  Logger.log(`API listening on http://${config.host}:${config.port}${config.env === 'production' ? '' : ' (docs at /api/docs)'}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => exitOnStartFailure(error, 'Bootstrap'));

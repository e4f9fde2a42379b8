import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { LogContextInterceptor } from './log-context.interceptor';
import { createRootLogger, rootLogger } from './root-logger';

/**
 * Nest's logger as JSON lines through pino (main.ts and worker.ts hand it to the application). The
 * request's own middleware (request-logging.ts) is installed by main.ts before the body parser; this
 * module binds its logger to the handling of each request, so that every line carries the request id.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    const logger = rootLogger() ?? createRootLogger(service);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger },
          useExisting: true,
          assignResponse: true,
          // Every route, in path-to-regexp 8's syntax (nestjs-pino's default '*' draws Nest's legacy-route warning).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
      ],
      providers: service === 'api' ? [{ provide: APP_INTERCEPTOR, useClass: LogContextInterceptor }] : [],
    };
  }
}

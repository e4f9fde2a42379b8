import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/**
 * Security headers, the request size limit, who may set the client address, and CORS: closed
 * unless CORS_ORIGINS names the origins (the web app is served by the API itself, same origin).
 */
export function applyHttpHardening(app: NestExpressApplication, config: AppConfig): void {
  app.use(helmet());
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(json({ limit: config.bodyLimit }));
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  }
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { jsonBodyGuard } from './json-body-guard';

/**
 * Security headers, the request size limit and shape (well-formed text, bounded nesting), no caching
 * of API answers, who may set the client address, and CORS: closed unless CORS_ORIGINS names the
 * origins (the web app is served by the API itself, same origin).
 */
export function applyHttpHardening(app: NestExpressApplication, config: AppConfig): void {
  app.use(helmet());
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(json({ limit: config.bodyLimit }));
  app.use(jsonBodyGuard);
  // API answers carry personal data and per-user state: no browser or proxy may keep a copy.
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  }
}

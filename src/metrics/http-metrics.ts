import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Histogram } from 'prom-client';
import { methodLabel, routeTemplate } from '../logging/route-template';
import { metricsRegistry } from './metrics-registry';

/** Labels are bounded by the routes: a caller can never add a series by sending odd URLs or methods. */
export const httpRequestDuration = new Histogram<'method' | 'route' | 'status'>({
  name: 'petition_http_request_duration_seconds',
  help: 'HTTP requests to the API, by method, route template (never the raw URL) and status, from arrival to the last byte sent',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/**
 * Times every request. Installed first, so that what the body parser or the guards refuse is timed
 * too; the route is read when the answer is finished, after routing. A client that hangs up first
 * is counted as 499 (nginx's "client closed request").
 */
export function httpMetrics(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const end = httpRequestDuration.startTimer();
    let done = false;
    const record = (status: number) => {
      if (done) return;
      done = true;
      end({ method: methodLabel(request.method), route: routeTemplate(request), status: String(status) });
    };
    response.once('finish', () => record(response.statusCode));
    response.once('close', () => record(response.writableFinished ? response.statusCode : 499));
    next();
  };
}

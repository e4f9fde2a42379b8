import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
import { methodLabel, routeTemplate, RoutedRequest } from './route-template';
import { requestIdFor } from './request-id';

function omitted(): undefined {
  return undefined;
}

/** Probes ask every few seconds; their lines would bury everything else. */
const PROBES = /^\/api\/health(\/(live|ready))?\/?(\?|$)/;

type Req = IncomingMessage & RoutedRequest & { id?: unknown; principal?: { username?: string; unitCode?: string } };

/**
 * What the closing line of a request says: method, route template, status, duration, and the
 * caller once the guard has identified them. Never the URL (its ids and query strings can carry
 * names, ID numbers or phones), the headers (tokens, cookies) or the body.
 */
export function requestSummary(request: Req, response: ServerResponse): Record<string, unknown> {
  const summary: Record<string, unknown> = {
    method: methodLabel(request.method),
    route: routeTemplate(request),
    status: response.statusCode,
  };
  if (request.principal?.username) summary.user = request.principal.username;
  if (request.principal?.unitCode) summary.unit = request.principal.unitCode;
  return summary;
}

/**
 * pino-http, installed before everything else: each request gets an id (the caller's X-Request-Id
 * when it is a sane token, a new one otherwise), echoed in the response's X-Request-Id, and one line
 * when it is answered. Lines written while it is handled carry the id too (nestjs-pino binds them).
 */
export function requestLogging(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: (request, response) => {
      const id = requestIdFor(request.headers['x-request-id']);
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Neither the request nor the response object is serialized into any line.
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    // pino-http binds the whole request to a child logger for every request even when, quiet as here,
    // that logger is never used; pino serializes a binding at once, so each request's headers, socket
    // and server were copied for redaction and stringified for nothing (2.6 % of the API's CPU under
    // bench:ceiling). A binding whose serializer gives nothing is left out.
    serializers: { req: omitted },
    autoLogging: { ignore: (request) => PROBES.test(request.url ?? '') },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (request, response) => `${methodLabel(request.method)} ${routeTemplate(request as Req)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${methodLabel(request.method)} ${routeTemplate(request as Req)} ${response.statusCode}`,
    customSuccessObject: (request, response, value: Record<string, unknown>) => ({
      ...requestSummary(request as Req, response),
      durationMs: value.durationMs,
    }),
    customErrorObject: (request, response, _error, value: Record<string, unknown>) => ({
      ...requestSummary(request as Req, response),
      durationMs: value.durationMs,
    }),
  });
  return middleware as unknown as RequestHandler;
}

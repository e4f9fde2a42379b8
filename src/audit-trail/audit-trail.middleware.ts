import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AccessDenied } from '../access/access-denied';
import { AuditEntryInput, AuditLog } from '../audit/audit-log.service';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { RequestContext, runInRequestContext } from '../common/request-context';

export interface AuditNote {
  action: string;
  resourceType: string;
  resourceId: string | null;
  detail?: Record<string, unknown>;
}

interface AuditLocals {
  audit?: AuditNote | false;
  accessDenied?: AccessDenied;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One place where every request is judged for the audit log once its answer is known: refusals
 * (401, 403, and 404s that hide a record from the caller), everything that changes data, and
 * the reads that routes mark with @Audit. Who, from where, what, and how it ended.
 */
@Injectable()
export class AuditTrailMiddleware implements NestMiddleware {
  private readonly logger = new Logger('AuditTrail');

  constructor(private readonly audit: AuditLog) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const authenticated = request as AuthenticatedRequest;
    const context = new RequestContext(() => ({
      actor: authenticated.principal?.username ?? null,
      unitCode: authenticated.principal?.unitCode ?? null,
      ip: request.ip ?? null,
    }));
    response.on('finish', () => {
      const entry = entryFor(authenticated, response);
      if (!entry) return;
      // Already written in the transaction that made the change; a failure is still recorded here.
      if (entry.outcome === 'success' && context.audited) return;
      this.audit.record(entry).catch((error: unknown) => {
        // The request is answered already; losing an entry must at least be loud.
        this.logger.error(`Could not write audit entry ${entry.action}: ${String(error)}`);
      });
    });
    runInRequestContext(context, next);
  }
}

export function entryFor(request: AuthenticatedRequest, response: Response): AuditEntryInput | null {
  const locals = response.locals as AuditLocals;
  if (locals.audit === false) return null;
  const status = response.statusCode;
  const who = {
    actor: request.principal?.username ?? null,
    unitCode: request.principal?.unitCode ?? null,
    ip: request.ip ?? null,
  };
  // Never the query string: the public progress page is queried with a secret code.
  const where = { method: request.method, path: routeOf(request), status };
  if (locals.accessDenied) {
    const { resourceType, resourceId } = locals.accessDenied;
    return { ...who, action: 'access.denied', outcome: 'denied', resourceType, resourceId, detail: where };
  }
  if (status === 401 || status === 403 || status === 429) {
    return { ...who, action: status === 429 ? 'access.rate-limited' : 'access.denied', outcome: 'denied', detail: where };
  }
  const outcome = status < 400 ? 'success' : 'failure';
  if (locals.audit) {
    const { action, resourceType, resourceId, detail } = locals.audit;
    return { ...who, action, outcome, resourceType, resourceId, detail: { ...where, ...detail } };
  }
  if (READS.has(request.method)) return null;
  return { ...who, action: `http.${request.method.toLowerCase()}`, outcome, detail: where };
}

export function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: string } }).route?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : request.path;
}

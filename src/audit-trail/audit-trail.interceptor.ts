import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { concatMap, tap } from 'rxjs';
import { AUDIT_METADATA, AuditSpec } from '../audit/audit.decorator';
import { AuditLog } from '../audit/audit-log.service';
import { AuditNote, routeOf } from './audit-trail.middleware';
import { currentRequest } from '../common/request-context';

/** Tells the audit trail what the matched route did; the middleware writes the entry when the response ends. */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const spec = this.reflector.getAllAndOverride<AuditSpec | false | undefined>(AUDIT_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const locals = http.getResponse<Response>().locals as { audit?: AuditNote | false };
    if (spec === false) {
      locals.audit = false;
      return next.handle();
    }
    if (!spec) return next.handle();
    const note: AuditNote = {
      action: spec.action,
      resourceType: spec.resourceType,
      resourceId: spec.idParam ? String(request.params[spec.idParam] ?? '') || null : null,
    };
    locals.audit = note;
    const current = currentRequest();
    if (current) {
      current.route = { action: note.action, resourceType: note.resourceType, resourceId: note.resourceId, method: request.method, path: routeOf(request) };
    }
    return next.handle().pipe(
      tap((result: unknown) => {
        if (!note.resourceId && result && typeof result === 'object' && 'id' in result) {
          note.resourceId = String((result as { id: unknown }).id);
        }
        if (spec.detail) note.detail = spec.detail(result);
      }),
      // The entry the change wrote with it is chained after the commit: answered once it is.
      concatMap(async (result: unknown) => {
        if (current?.audited) await this.audit.chained();
        return result;
      }),
    );
  }
}

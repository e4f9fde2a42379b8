import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { attachLogContext, attachToHandlerLogs } from './log-context';

interface Identified {
  principal?: { username?: string; unitCode?: string };
}

/**
 * The caller (known once the guard has run) on every line the handler writes, and the petition's
 * number and process instance when the handler's answer names them (a registration, a case).
 * Handlers that know them earlier call attachLogContext themselves.
 */
@Injectable()
export class LogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const { principal } = context.switchToHttp().getRequest<Identified>();
    // The closing line reads the caller from the request itself (request-logging.ts).
    if (principal) attachToHandlerLogs({ user: principal.username, unit: principal.unitCode });
    return next.handle().pipe(tap((answer) => attachLogContext(petitionFieldsOf(answer))));
  }
}

/** `{number, processInstanceId}` at the top of an answer; nothing else is looked at. */
export function petitionFieldsOf(answer: unknown): { petitionNumber?: string; processInstanceId?: string } {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return {};
  const { number, processInstanceId } = answer as Record<string, unknown>;
  return {
    petitionNumber: typeof number === 'string' && /^XF-[0-9A-Z-]{1,40}$/.test(number) ? number : undefined,
    processInstanceId: typeof processInstanceId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(processInstanceId) ? processInstanceId : undefined,
  };
}

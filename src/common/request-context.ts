import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling, as the audit log records it. */
export interface Caller {
  actor: string | null;
  unitCode: string | null;
  ip: string | null;
}

/** What the matched route says it does, for the audit log (its @Audit). */
export interface RouteAudit {
  action: string;
  resourceType: string;
  resourceId: string | null;
  method: string;
  path: string;
}

/** What the code serving one HTTP request may ask about it without having the request at hand. */
export class RequestContext {
  /** Set by the audit trail's interceptor once the route is known. */
  route: RouteAudit | null = null;
  /** True once the route's entry was written in the transaction that made the change. */
  audited = false;

  /** Read when asked: the principal is known only after the guard has run. */
  constructor(readonly caller: () => Caller) {}
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs the rest of an HTTP request's handling with its context. */
export function runInRequestContext(context: RequestContext, work: () => void): void {
  storage.run(context, work);
}

/** The HTTP request under way, or undefined outside one (workers, start-up). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

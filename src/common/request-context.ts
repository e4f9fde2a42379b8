import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling, as the audit log records it. */
export interface Caller {
  actor: string | null;
  unitCode: string | null;
  ip: string | null;
}

/** What the code serving one HTTP request may ask about it without having the request at hand. */
export class RequestContext {
  /** Actions already recorded in the transaction that made the change (AuditLog.recordIn). */
  readonly audited = new Set<string>();

  /** Read when asked: the principal is known only after the guard has run. */
  constructor(readonly caller: () => Caller) {}
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs the rest of an HTTP request's handling with its context. */
export function runInRequestContext(context: RequestContext, work: () => void): void {
  storage.run(context, work);
}

/** The caller of the HTTP request under way, or null outside one (workers, start-up). */
export function currentCaller(): Caller | null {
  return storage.getStore()?.caller() ?? null;
}

export function markAudited(action: string): void {
  storage.getStore()?.audited.add(action);
}

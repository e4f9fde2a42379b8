import type { Logger } from 'pino';
import { Store, storage } from 'nestjs-pino/storage';
import { rootLogger } from './root-logger';

/**
 * What a log line may say about the work under way. Ids only: the petition number and the engine's
 * process instance are what an operator searches by; names, ID numbers and phones never go here.
 */
export interface LogFields {
  petitionNumber?: string;
  processInstanceId?: string;
  topic?: string;
  user?: string;
  unit?: string;
}

function defined(fields: LogFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string' && value !== '')) as Record<string, string>;
}

/**
 * Adds fields to every later line of the request (or worker task) under way, the request's closing
 * line included. Outside one (start-up, timers) it does nothing: callers need not know where they run.
 */
export function attachLogContext(fields: LogFields): void {
  const store = storage.getStore();
  const bindings = defined(fields);
  if (!store || Object.keys(bindings).length === 0) return;
  store.logger = store.logger.child(bindings);
  store.responseLogger?.setBindings(bindings);
}

/** Like attachLogContext, for the lines written while the request is handled but not its closing line. */
export function attachToHandlerLogs(fields: LogFields): void {
  const store = storage.getStore();
  const bindings = defined(fields);
  if (!store || Object.keys(bindings).length === 0) return;
  store.logger = store.logger.child(bindings);
}

/** Runs work (a worker's task) with its own log fields, as an HTTP request has its request id. */
export function runWithLogContext<T>(fields: LogFields, work: () => Promise<T>, base: Logger | undefined = rootLogger()): Promise<T> {
  if (!base) return work();
  return storage.run(new Store(base.child(defined(fields))), work);
}

/**
 * Which of the two stores a failure says is out of reach, if any: what a caller can do nothing
 * about but wait (HTTP 503), as opposed to a refusal or a bug.
 */
export type Outage = 'engine' | 'database';

/** The engine did not answer at all: refused, reset, timed out, or a proxy in front of it said so. */
export class EngineUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The process engine is unavailable: ${reason}`);
  }
}

/** Network failures as Node, mysql2 and undici name them. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** MySQL/MariaDB client errors for a server that is gone: can't connect (2002, 2003), gone away (2006), lost (2013). */
const NETWORK_ERRNOS = new Set([2002, 2003, 2006, 2013, 1040, 1205, 1053]);

function codesOf(error: unknown): { codes: string[]; errnos: number[]; messages: string[] } {
  const codes: string[] = [];
  const errnos: number[] = [];
  const messages: string[] = [];
  // The error itself, TypeORM's driverError, and Error.cause chains, a few levels at most.
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 8) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.errno === 'number') errnos.push(e.errno);
    if (typeof e.message === 'string') messages.push(e.message);
    pending.push(e.driverError, e.cause);
    if (Array.isArray(e.errors)) pending.push(...e.errors.slice(0, 4));
  }
  return { codes, errnos, messages };
}

export function outageOf(error: unknown): Outage | null {
  if (error instanceof EngineUnavailableError) return 'engine';
  const { codes, errnos, messages } = codesOf(error);
  if (codes.some((c) => NETWORK_CODES.has(c)) || errnos.some((n) => NETWORK_ERRNOS.has(Math.abs(n)))) return 'database';
  // TypeORM and pools say it in words only.
  if (messages.some((m) => /Connection is not established|Pool is closed|connection.*(lost|closed)|Can't add new command when connection is in closed state/i.test(m))) {
    return 'database';
  }
  return null;
}

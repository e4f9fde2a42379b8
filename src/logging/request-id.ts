import { randomUUID } from 'node:crypto';

/**
 * An id a proxy or client may hand in: letters, digits and `._:-`, at most 128 characters. Anything
 * else (a header carrying text, JSON, control characters, a whole query) is replaced, so that a
 * caller cannot write into the logs through it.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value);
}

/** The incoming X-Request-Id when it is sane, otherwise a new one. */
export function requestIdFor(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return isSaneRequestId(value) ? value : randomUUID();
}

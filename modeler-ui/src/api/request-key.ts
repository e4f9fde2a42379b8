/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only on secure pages (HTTPS or localhost), and
 * an intranet deployment may be served over plain HTTP; getRandomValues works on every page.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The query code's twelve characters, upper case, without spaces or dashes (as the API compares it). */
export function normalizeQueryCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * What the query-code field shows while a person types: upper case, grouped XXXX-XXXX-XXXX, anything
 * that is not a letter or digit dropped (full-width characters folded first), at most 12 characters.
 */
export function formatQueryCode(input: string): string {
  const folded = input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Receipts use Crockford's alphabet (no I, L, O, U): read the look-alikes as the digits they stand for.
  const raw = normalizeQueryCode(folded).replace(/O/g, '0').replace(/[IL]/g, '1').replace(/U/g, 'V').slice(0, 12);
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

export function isCompleteQueryCode(input: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(normalizeQueryCode(formatQueryCode(input)));
}

/** The petition number as the API stores it: trimmed, upper case, full-width folded, inner spaces gone. */
export function normalizePetitionNumber(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Text that can be stored: UTF-8 (and so every database and hash here) has no encoding for an
 * unpaired UTF-16 surrogate. With the `u` flag a proper pair is one code point and does not match,
 * so only a lone half does. (String.prototype.isWellFormed is ES2024; the lib here is ES2023.)
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Each unpaired surrogate replaced by U+FFFD, exactly what a UTF-8 encoder stores in its place. */
export function toWellFormedText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}

/** Blank: nothing but white space (the ideographic space U+3000 and the BOM included, as String#trim has it). */
export function isBlankText(text: string): boolean {
  return text.trim().length === 0;
}

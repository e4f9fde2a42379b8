/**
 * Masks personal identifiers that people write into free text before it is published:
 * resident ID numbers, mobile and landline numbers (also written in groups or with +86), and
 * e-mail addresses. Only the first and last digits survive, never the middle.
 */
const SEP = '[\\s-]?';
const ID_NUMBER = /(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/g;
// 1xx xxxx xxxx with optional separators and an optional +86 / 86 / 0086 country code
const MOBILE = new RegExp(`(?<![\\d+])(?:(?:\\+|00)?86${SEP})?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?!\\d)`, 'g');
// area code 0xx(x), then 7-8 digits, optionally grouped
const LANDLINE = new RegExp(`(?<!\\d)\\(?0\\d{2,3}\\)?${SEP}\\d{3,4}${SEP}\\d{4}(?!\\d)`, 'g');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Keeps the first `head` and last `tail` digits, masks every other digit, keeps separators. */
function maskDigits(text: string, head: number, tail: number): string {
  const total = text.replace(/\D/g, '').length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen++;
    return seen <= head || seen > total - tail ? digit : '*';
  });
}

export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => m.slice(0, 4) + '*'.repeat(m.length - 8) + m.slice(-4))
    .replace(MOBILE, (m) => {
      const digits = m.replace(/\D/g, '');
      const countryDigits = digits.length - 11;
      return maskDigits(m, countryDigits + 3, 4);
    })
    .replace(LANDLINE, (m) => {
      // Keep the area code when it is written apart; otherwise its length is unknown, keep 4.
      const areaCode = /^\(?(0\d{2,3})\)?[\s-]/.exec(m);
      return maskDigits(m, areaCode ? areaCode[1].length : 4, 2);
    })
    .replace(EMAIL, () => '***@***');
}

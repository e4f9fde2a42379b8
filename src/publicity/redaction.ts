/**
 * Masks personal identifiers that people write into free text before it is published:
 * resident ID numbers, mobile and landline numbers, and e-mail addresses.
 */
const PATTERNS: [RegExp, (match: string) => string][] = [
  [/(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g, (m) => m.slice(0, 4) + '*'.repeat(m.length - 8) + m.slice(-4)],
  [/(?<![0-9])1[3-9]\d{9}(?![0-9])/g, (m) => m.slice(0, 3) + '****' + m.slice(-4)],
  [/(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])/g, (m) => m.slice(0, 4) + '*'.repeat(Math.max(0, m.length - 6)) + m.slice(-2)],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, () => '***@***'],
];

export function redactText(text: string): string {
  return PATTERNS.reduce((result, [pattern, mask]) => result.replace(pattern, mask), text);
}

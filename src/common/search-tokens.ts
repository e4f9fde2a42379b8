/**
 * Tokens for case search on MariaDB (卷宗检索). InnoDB FULLTEXT has no parser for Chinese and ignores
 * words under three characters, so each character and each pair of adjacent characters of the subject
 * and content is written as a Latin word (`u` + code point, `k` + two code points, hex), and each
 * three-character slice of the number and of Latin/digit runs as `n` + its bytes in hex. A search
 * asks for all tokens of its words (boolean mode) and then checks the real text with LIKE, so the
 * tokens only narrow the rows to look at; they never decide what matches or who may see it.
 */

const ASCII_RUN = /[A-Za-z0-9-]+/g;

const hex = (char: string) => char.codePointAt(0)!.toString(16).padStart(6, '0');
const unigram = (char: string) => `u${hex(char)}`;
const bigram = (a: string, b: string) => `k${hex(a)}${hex(b)}`;
const trigram = (slice: string) => `n${Buffer.from(slice.toUpperCase(), 'ascii').toString('hex')}`;

function trigramsOf(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= run.length; i++) out.push(trigram(run.slice(i, i + 3)));
  return out;
}

function textTokens(text: string, into: Set<string>): void {
  for (const part of text.toLowerCase().split(/\s+/)) {
    const chars = Array.from(part);
    chars.forEach((char, i) => {
      into.add(unigram(char));
      if (i + 1 < chars.length) into.add(bigram(char, chars[i + 1]));
    });
  }
  for (const run of text.match(ASCII_RUN) ?? []) trigramsOf(run).forEach((t) => into.add(t));
}

/** The search tokens of a petition: its number, subject and content. */
export function searchTokens(petition: { number: string; subject: string; content: string }): string {
  const tokens = new Set<string>(trigramsOf(petition.number.toUpperCase()));
  textTokens(petition.subject, tokens);
  textTokens(petition.content, tokens);
  return [...tokens].join(' ');
}

/**
 * Up to three trigrams of a Latin/digit word, the most telling ones: a piece of a number shares its
 * prefix (XF-, the region, the year) and its zero padding with most numbers, and a trigram every row
 * has costs the index a scan of every row. Digits other than 0 tell the most, letters and dashes the
 * least; LIKE checks the whole word afterwards, so leaving trigrams out never finds a wrong row.
 */
function selectiveTrigrams(word: string): string[] {
  const weight = (c: string) => (/[1-9]/.test(c) ? 3 : c === '0' ? 1 : 0);
  const slices = [...new Set(Array.from({ length: word.length - 2 }, (_, i) => word.slice(i, i + 3).toUpperCase()))];
  const scored = slices.map((slice, i) => ({ slice, i, score: Array.from(slice).reduce((sum, c) => sum + weight(c), 0) }));
  scored.sort((a, b) => b.score - a.score || b.i - a.i);
  return scored.slice(0, 3).map((s) => trigram(s.slice));
}

/**
 * What one search word asks the token index for, every token required: a Latin/digit word of three
 * characters or more (a piece of a number, say) its trigrams, anything else its character pairs, or
 * the character itself when it is one.
 */
export function wordTokens(word: string): string[] {
  if (/^[A-Za-z0-9-]{3,}$/.test(word)) return selectiveTrigrams(word);
  const chars = Array.from(word.toLowerCase());
  if (chars.length === 1) return [unigram(chars[0])];
  return [...new Set(chars.slice(1).map((char, i) => bigram(chars[i], char)))];
}

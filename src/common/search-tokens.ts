/**
 * Tokens for case search on MariaDB (卷宗检索). InnoDB FULLTEXT has no parser for Chinese and ignores
 * words under three characters, so each character and each pair of adjacent characters of the subject
 * and content is written as a Latin word (`u` + code point, `k` + two code points, hex), and each
 * three-character slice of the number and of Latin/digit runs as `n` + its bytes in hex. A search
 * asks for all tokens of its words (boolean mode) and then checks the real text with LIKE, so the
 * tokens only narrow the rows to look at; they never decide what matches or who may see it.
 *
 * Every token also carries the petition's county (tokenScope), and an accusation's text tokens an
 * `a` in front: the index then answers "in these counties, readable by this caller" itself. Without
 * that, a word common in another county, or common only in accusations the caller may not read,
 * made the index return many rows the caller could never see, and reading them one by one was what
 * made such searches take seconds at a million petitions.
 */

const ASCII_RUN = /[A-Za-z0-9-]+/g;

/**
 * Tokens are written scoped (kind letter, scope, then the hex), and a search word's tokens are first
 * made unscoped (kind letter and hex) and then scoped for each scope the caller may see (scopedQuery).
 */
const hex = (char: string) => char.codePointAt(0)!.toString(16).padStart(6, '0');
const unigram = (char: string) => `u${hex(char)}`;
const bigram = (a: string, b: string) => `k${hex(a)}${hex(b)}`;
const trigram = (slice: string) => `n${Buffer.from(slice.toUpperCase(), 'ascii').toString('hex')}`;
const scoped = (token: string, scope: string) => `${token[0]}${scope}${token.slice(1)}`;

/** The scope of a petition's tokens: its county, the first six digits of its region code. */
export function tokenScope(regionCode: string): string {
  return regionCode.slice(0, 6).replace(/[^A-Za-z0-9]/g, '');
}

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

/** The search tokens of a petition: its number, subject and content, in its county. */
export function searchTokens(petition: { number: string; subject: string; content: string; regionCode: string; category: string }): string {
  const scope = tokenScope(petition.regionCode);
  const text = new Set<string>();
  textTokens(petition.subject, text);
  textTokens(petition.content, text);
  const withheld = petition.category === 'accusation' ? 'a' : '';
  return [
    ...trigramsOf(petition.number.toUpperCase()).map((t) => scoped(t, scope)),
    ...[...text].map((t) => withheld + scoped(t, scope)),
  ].join(' ');
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
  // A slice without a digit 1–9 ("000", "XF-") is in nearly every number: asking for it adds nothing
  // but a long list to read, so it is asked for only when the word has nothing better.
  const telling = scored.filter((s) => /[1-9]/.test(s.slice));
  return (telling.length ? telling : scored).slice(0, 3).map((s) => trigram(s.slice));
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

/**
 * The boolean-mode query of a search: every token of every word required, each in any of the scopes
 * (counties) the caller may see, and in an accusation's text too where the caller reads accusations.
 */
export function scopedQuery(words: string[], scopes: string[], readsAccusations: boolean): string {
  const tokens = [...new Set(words.flatMap(wordTokens))];
  return tokens
    .map((token) => {
      const inScopes = scopes.map((scope) => scoped(token, scope));
      const alternatives = readsAccusations && token[0] !== 'n' ? [...inScopes, ...inScopes.map((t) => `a${t}`)] : inScopes;
      return `+(${alternatives.join(' ')})`;
    })
    .join(' ');
}

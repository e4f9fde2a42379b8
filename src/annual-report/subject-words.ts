import { redactText } from '../publicity/redaction';

/**
 * Words that say nothing about what a matter is: the verbs and fillers petition subjects are written
 * with ("反映……问题", "要求……"). Kept short on purpose: a long list would start hiding real matters.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '关于',
  '反映',
  '要求',
  '请求',
  '问题',
  '情况',
  '有关',
  '相关',
  '事项',
  '事宜',
  '申请',
  '建议',
  '希望',
  '进行',
  '处理',
  '解决',
  '没有',
  '我们',
  '他们',
  '本人',
  '一个',
  '这个',
  '那个',
  '什么',
  '为什么',
  '怎么',
  '以及',
  '已经',
  '存在',
  '给予',
]);

export interface WordCount {
  word: string;
  /** How many subjects use the word (a subject that repeats a word counts once). */
  count: number;
}

// The segmenter is stateless and costly to build: one per process.
let segmenter: Intl.Segmenter | undefined;

/** A token worth counting: a word of 2+ characters, no digit or ASCII (numbers, masked IDs, codes), not a stop word. */
function keeps(token: string): boolean {
  return [...token].length >= 2 && !/[\p{N}\x00-\x7f]/u.test(token) && !STOP_WORDS.has(token);
}

/**
 * The words of one subject, each once. The subject is redacted first (src/publicity/redaction.ts), so
 * that an ID or phone number written into it can never come out as a "word" of a report; the masked
 * digits are then dropped with the other ASCII.
 */
export function wordsOf(subject: string): Set<string> {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(redactText(subject))) {
    if (isWordLike && keeps(segment)) words.add(segment);
  }
  return words;
}

/** Counts the words of many subjects, fed in batches (a city's year does not sit in memory at once). */
export class WordTally {
  private readonly counts = new Map<string, number>();
  subjects = 0;

  add(subject: string): void {
    this.subjects += 1;
    for (const word of wordsOf(subject)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
  }

  /** The `limit` most frequent words, most frequent first, ties in code-point order (a stable report). */
  top(limit: number): WordCount[] {
    return [...this.counts.entries()]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
      .slice(0, limit);
  }
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DB, OUT_DIR } from './settings';

/**
 * Notes what a fault test measured (timings, counts, what was in flight when the process died)
 * on the console and in test-output/faults-<db>/results.jsonl, one JSON object a line.
 */
export function note(test: string, facts: Record<string, unknown>): void {
  const line = { db: DB, test, at: new Date().toISOString(), ...facts };
  mkdirSync(OUT_DIR, { recursive: true });
  appendFileSync(join(OUT_DIR, 'results.jsonl'), JSON.stringify(line) + '\n');
  console.log(`[faults ${DB}] ${test}: ${JSON.stringify(facts)}`);
}

/** Seconds since `start`, to one decimal. */
export const secondsSince = (start: number): number => Math.round((Date.now() - start) / 100) / 10;

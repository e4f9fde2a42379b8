import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { NumberSequence } from './number-sequence.entity';

// Crockford's base32 without I, L, O, U: nothing a petitioner can misread on a paper receipt.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 random characters (60 bits), shown as XXXX-XXXX-XXXX. */
export function generateQueryCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return formatQueryCode(code);
}

/** XXXX-XXXX-XXXX, however it was typed. */
export function formatQueryCode(input: string): string {
  const code = normalizeQueryCode(input);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What a petitioner types may differ in case, spaces and dashes from the receipt. */
export function normalizeQueryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * XF-<county code>-<year>-<6-digit sequence>, numbered per county and year. The counter row stays
 * locked until the caller's transaction ends, so concurrent registrations never share a number:
 * keep that transaction to this call alone.
 */
export async function allocatePetitionNumber(manager: EntityManager, county: string, year: number): Promise<string> {
  const scope = `${county}-${year}`;
  // One atomic upsert: "insert if missing, then update" would take a shared lock first and let
  // two concurrent registrations deadlock on MySQL/MariaDB.
  const upsert =
    manager.connection.options.type === 'better-sqlite3'
      ? 'INSERT INTO number_sequence (scope, value) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1'
      : 'INSERT INTO number_sequence (scope, value) VALUES (?, 1) ON DUPLICATE KEY UPDATE value = value + 1';
  await manager.query(upsert, [scope]);
  const { value } = await manager.findOneByOrFail(NumberSequence, { scope });
  return `XF-${county}-${year}-${String(value).padStart(6, '0')}`;
}

import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';

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
 * XF-<county code>-<year>-<6-digit sequence>, numbered per county and year, drawn in one statement
 * that increments the counter and answers its new value: run alone (Transactions.alone), it commits
 * as it runs, so the counter row every registration of a county needs is locked inside the database
 * only, never across a round trip to a busy API (registrations of one county queued on it for a
 * fifth of a second each under 16 clients).
 */
export async function allocatePetitionNumber(manager: EntityManager, county: string, year: number): Promise<string> {
  const scope = `${county}-${year}`;
  // One atomic upsert: "insert if missing, then update" would take a shared lock first and let
  // two concurrent registrations deadlock on MySQL/MariaDB.
  let value: number;
  if (manager.connection.options.type === 'better-sqlite3') {
    const [row] = await manager.query<{ value: number }[]>(
      'INSERT INTO number_sequence (scope, value) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET value = value + 1 RETURNING value',
      [scope],
    );
    value = Number(row.value);
  } else {
    // LAST_INSERT_ID(expr) hands the updated value back in the statement's own answer.
    const result = await manager.query<{ affectedRows: number; insertId: number }>(
      'INSERT INTO number_sequence (scope, value) VALUES (?, 1) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)',
      [scope],
    );
    // 1: the row was inserted with 1; 2: an existing row was updated.
    value = result.affectedRows === 1 ? 1 : Number(result.insertId);
  }
  return `XF-${county}-${year}-${String(value).padStart(6, '0')}`;
}

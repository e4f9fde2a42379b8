import { timingSafeEqual } from 'node:crypto';
import type { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { normalizeQueryCode } from './numbering';

/**
 * Whether `code` is the query code of a petition whose keyed hash is `queryCodeHash` (null: no such
 * petition), compared in constant time so that the answer's timing tells nothing about the code.
 */
export function queryCodeMatches(queryCodeHash: string | null | undefined, code: string, cipher: PersonalDataCipher): boolean {
  const expected = Buffer.from(queryCodeHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(cipher.hash(normalizeQueryCode(code)), 'hex');
  return !!queryCodeHash && expected.length === given.length && timingSafeEqual(expected, given);
}

import type { PersonalDataCipher } from '../crypto/personal-data.cipher';

/**
 * The blind index of a petitioner's full name: the keyed hash (the same HMAC key as ID-number and
 * phone hashes, which key rotation leaves in place) of the name as registered, trimmed. The prefix
 * keeps a name's hash apart from an ID number or phone hash of the same text.
 */
export function petitionerNameHash(cipher: PersonalDataCipher, name: string): string {
  return cipher.hash(`name:${name.trim().normalize('NFKC')}`);
}

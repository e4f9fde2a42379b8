import { DataSource, MoreThan } from 'typeorm';
import { Petitioner } from '../petitions/petitioner.entity';
import type { PersonalDataCipher } from '../crypto/personal-data.cipher';

const SEALED_COLUMNS = ['idNumberCipher', 'phoneCipher', 'addressCipher', 'emailCipher'] as const;
const BATCH = 500;

export interface RotationResult {
  checked: number;
  resealed: number;
}

/**
 * Re-encrypts, with the first (active) key, every personal data value still sealed with an older
 * one, a batch at a time, so that the old key can then be dropped from DATA_ENCRYPTION_KEYS. Safe to
 * stop and run again: a value already under the active key is left alone.
 */
export async function resealWithActiveKey(dataSource: DataSource, cipher: PersonalDataCipher): Promise<RotationResult> {
  const repository = dataSource.getRepository(Petitioner);
  let checked = 0;
  let resealed = 0;
  let after = '';
  for (;;) {
    const batch = await repository.find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: BATCH });
    if (batch.length === 0) return { checked, resealed };
    for (const petitioner of batch) {
      checked++;
      const changes: Partial<Record<(typeof SEALED_COLUMNS)[number], string>> = {};
      for (const column of SEALED_COLUMNS) {
        const sealed = petitioner[column];
        if (sealed && cipher.isSealedWithOldKey(sealed)) changes[column] = cipher.encrypt(cipher.decrypt(sealed));
      }
      if (Object.keys(changes).length > 0) {
        // Only if nobody changed the row meanwhile: the values compared are the ones just decrypted.
        const unchanged = Object.fromEntries(Object.keys(changes).map((column) => [column, petitioner[column as keyof Petitioner]]));
        const result = await repository.update({ id: petitioner.id, ...unchanged }, changes);
        if (result.affected) resealed++;
      }
    }
    after = batch[batch.length - 1].id;
  }
}

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { resealWithActiveKey } from './key-rotation';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';

/**
 * `npm run keys:rotate`: after a new key was put first in DATA_ENCRYPTION_KEYS (the old ones kept
 * after it), re-encrypts the stored personal data with it. Exit 0 when done, 2 on error.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const cipher = new PersonalDataCipher(config.personalData);
  const dataSource = new DataSource({ ...dataSourceOptions(config.database), logging: ['error'] });
  await dataSource.initialize();
  try {
    const { checked, resealed } = await resealWithActiveKey(dataSource, cipher);
    console.log(
      `Checked ${checked} petitioner record(s); re-encrypted ${resealed} with key "${config.personalData.encryptionKeys[0].id}". ` +
        'Once every API and worker runs with the new key first, older keys can be removed.',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});

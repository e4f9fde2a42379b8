import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { resealWithActiveKey } from '../../src/key-rotation/key-rotation';
import { PersonalDataCipher } from '../../src/crypto/personal-data.cipher';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Petitioner } from '../../src/petitions/petitioner.entity';

const oldKey = { id: 'k1', key: Buffer.alloc(32, 1) };
const newKey = { id: 'k2', key: Buffer.alloc(32, 2) };
const hashKey = Buffer.alloc(32, 9);

/** Against a real (embedded) database with the real schema: rotation rewrites rows. */
describe('rotating the personal data encryption key', () => {
  let dir: string;
  let dataSource: DataSource;
  const before = new PersonalDataCipher({ encryptionKeys: [oldKey], hashKey });
  const after = new PersonalDataCipher({ encryptionKeys: [newKey, oldKey], hashKey });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'key-rotation-'));
    dataSource = new DataSource({ ...dataSourceOptions({ type: 'sqlite', path: join(dir, 'db.sqlite') }), logging: false });
    await dataSource.initialize();
    await dataSource.runMigrations();
    // Petitioners alone are what is rotated; their petitions are not needed for it.
    await dataSource.query('PRAGMA foreign_keys = OFF');
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  function petitioner(cipher: PersonalDataCipher, idNumber: string, phone: string | null): Partial<Petitioner> {
    return {
      id: randomUUID(),
      petitionId: randomUUID(),
      position: 0,
      name: '张三',
      idNumberCipher: cipher.encrypt(idNumber),
      idNumberHash: cipher.hash(idNumber),
      phoneCipher: phone ? cipher.encrypt(phone) : null,
      phoneHash: phone ? cipher.hash(phone) : null,
      addressCipher: null,
    };
  }

  it('re-encrypts values sealed with the old key, leaves the rest, and loses nothing', async () => {
    // given 1,200 petitioners under the old key (more than one batch) and one already under the new key
    const repository = dataSource.getRepository(Petitioner);
    const rows = Array.from({ length: 1200 }, (_, i) => petitioner(before, `11010519491231${String(i).padStart(4, '0')}`, i % 2 ? `1380013${String(i).padStart(4, '0')}` : null));
    for (let i = 0; i < rows.length; i += 200) await repository.insert(rows.slice(i, i + 200));
    const current = petitioner(after, '330106198001011234', '13900000000');
    await repository.insert(current);

    // when the new key is put first and rotation runs
    const result = await resealWithActiveKey(dataSource, after);

    // then every old row was re-sealed under k2 and decrypts to what it was; the hashes still match
    expect(result).toEqual({ checked: 1201, resealed: 1200 });
    const stored = await repository.find();
    expect(stored.every((p) => p.idNumberCipher.startsWith('v1.k2.'))).toBe(true);
    expect(stored.filter((p) => p.phoneCipher).every((p) => p.phoneCipher!.startsWith('v1.k2.'))).toBe(true);
    const onlyNewKey = new PersonalDataCipher({ encryptionKeys: [newKey], hashKey });
    for (const original of rows.slice(0, 5)) {
      const row = stored.find((p) => p.id === original.id)!;
      expect(onlyNewKey.decrypt(row.idNumberCipher)).toBe(before.decrypt(original.idNumberCipher!));
      expect(row.idNumberHash).toBe(original.idNumberHash);
    }
    expect(stored.find((p) => p.id === current.id)!.idNumberCipher).toBe(current.idNumberCipher);

    // and running it again changes nothing
    expect(await resealWithActiveKey(dataSource, after)).toEqual({ checked: 1201, resealed: 0 });
  });
});

import { PersonalDataCipher } from '../../src/crypto/personal-data.cipher';

const key = (n: number) => Buffer.alloc(32, n);
const hashKey = key(9);

/** Changes one base64url character of the dot-separated part at `index` into another valid one. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const first = parts[index][0];
  parts[index] = (first === 'A' ? 'B' : 'A') + parts[index].slice(1);
  return parts.join('.');
}

describe('personal data encryption (AES-256-GCM) and matching (HMAC)', () => {
  const cipher = new PersonalDataCipher({ encryptionKeys: [{ id: 'k1', key: key(1) }], hashKey });

  it('decrypts what it encrypted, Chinese text included', () => {
    for (const plain of ['张三', '示范市东湖区东湖街道柳岸路8号', '11010519491231002X', '']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('does not leave the plain text readable in the sealed value', () => {
    const sealed = cipher.encrypt('11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(sealed).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('seals the same value differently each time (random IV) yet hashes it the same', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(cipher.hash('11010519491231002X')).toBe(cipher.hash('11010519491231002X'));
  });

  it('matches an ID number regardless of the case of X and surrounding spaces', () => {
    expect(cipher.hash(' 11010519491231002x ')).toBe(cipher.hash('11010519491231002X'));
  });

  it('gives different hashes for different values and for different hash keys', () => {
    expect(cipher.hash('990102198001010010')).not.toBe(cipher.hash('990102198001010029'));
    const other = new PersonalDataCipher({ encryptionKeys: [{ id: 'k1', key: key(1) }], hashKey: key(8) });
    expect(other.hash('990102198001010010')).not.toBe(cipher.hash('990102198001010010'));
  });

  describe('refuses tampered values', () => {
    const sealed = cipher.encrypt('张三');

    it('when the data was changed', () => {
      expect(() => cipher.decrypt(tamper(sealed, 4))).toThrow();
    });

    it('when the authentication tag was changed', () => {
      expect(() => cipher.decrypt(tamper(sealed, 3))).toThrow();
    });

    it('when the IV was changed', () => {
      expect(() => cipher.decrypt(tamper(sealed, 2))).toThrow();
    });

    // Regression: GCM accepts a tag cut down to 4 bytes unless told otherwise, which would make a
    // forgery take about 2^32 tries instead of 2^128.
    it('when the authentication tag was cut short', () => {
      const [version, keyId, iv, tag, data] = sealed.split('.');
      const shortTag = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
      expect(() => cipher.decrypt([version, keyId, iv, shortTag, data].join('.'))).toThrow();
    });

    it('when it is not a sealed value at all', () => {
      expect(() => cipher.decrypt('张三')).toThrow('Not a sealed value');
      expect(() => cipher.decrypt(sealed.replace(/^v1/, 'v2'))).toThrow('Not a sealed value');
    });
  });

  describe('key rotation', () => {
    const old = new PersonalDataCipher({ encryptionKeys: [{ id: 'k1', key: key(1) }], hashKey });
    const rotated = new PersonalDataCipher({
      encryptionKeys: [
        { id: 'k2', key: key(2) },
        { id: 'k1', key: key(1) },
      ],
      hashKey,
    });

    it('still decrypts data sealed with the old key', () => {
      const sealedBefore = old.encrypt('李四');
      expect(rotated.decrypt(sealedBefore)).toBe('李四');
    });

    it('seals new data with the first (new) key', () => {
      const sealed = rotated.encrypt('李四');
      expect(sealed.split('.')[1]).toBe('k2');
      expect(() => old.decrypt(sealed)).toThrow('Encryption key k2 is not configured');
    });

    it('keeps hashes stable across the rotation, so lookups still find old rows', () => {
      expect(rotated.hash('990102198001010010')).toBe(old.hash('990102198001010010'));
    });

    it('cannot decrypt when a key id is reused for a different key', () => {
      const impostor = new PersonalDataCipher({ encryptionKeys: [{ id: 'k1', key: key(7) }], hashKey });
      expect(() => impostor.decrypt(old.encrypt('王五'))).toThrow();
    });
  });

  it('names an unknown key id in its error', () => {
    const sealed = cipher.encrypt('张三').replace(/^v1\.k1\./, 'v1.k0.');
    expect(() => cipher.decrypt(sealed)).toThrow('Encryption key k0 is not configured');
  });

  it('needs at least one encryption key', () => {
    expect(() => new PersonalDataCipher({ encryptionKeys: [], hashKey })).toThrow('At least one encryption key is needed');
  });
});

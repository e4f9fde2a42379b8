import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const TAG_BYTES = 16;

export interface CipherKeys {
  encryptionKeys: { id: string; key: Buffer }[];
  hashKey: Buffer;
}

/**
 * AES-256-GCM for personal data at rest; HMAC-SHA256 to match values without decrypting them.
 * Ciphertext format: v1.<keyId>.<iv>.<tag>.<data> (base64url), so old keys keep decrypting after rotation.
 */
export class PersonalDataCipher {
  private readonly active: { id: string; key: Buffer };
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: CipherKeys) {
    if (keys.encryptionKeys.length === 0) throw new Error('At least one encryption key is needed');
    this.active = keys.encryptionKeys[0];
    this.byId = new Map(keys.encryptionKeys.map((k) => [k.id, k.key]));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.active.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`Encryption key ${keyId} is not configured`);
    const authTag = Buffer.from(tag, 'base64url');
    // A shortened tag would make forgeries cheap: accept only the full 16 bytes.
    if (authTag.length !== TAG_BYTES) throw new Error('Sealed value has a malformed authentication tag');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a sealed value was encrypted with an older key (so `npm run keys:rotate` should re-seal it). */
  isSealedWithOldKey(sealed: string): boolean {
    return sealed.split('.')[1] !== this.active.id;
  }

  /** Keyed, so a leaked table cannot be matched against a list of ID numbers. */
  hash(value: string): string {
    return createHmac('sha256', this.keys.hashKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

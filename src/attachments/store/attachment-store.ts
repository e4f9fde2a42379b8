import type { Readable } from 'node:stream';
import { LocalizedHttpError } from '../../common/errors';

/**
 * Where attachment bytes live. Keys are content addressed (the SHA-256), so writing the same file
 * twice is harmless and an object written before a crash (its row never committed) is an orphan that
 * harms nothing, never a row without its bytes.
 */
export interface AttachmentStore {
  /** Stores the bytes under `key`; resolves once they are durable. */
  put(key: string, bytes: Buffer, mediaType: string): Promise<void>;
  /** The bytes under `key`; AttachmentObjectMissing when there are none. */
  get(key: string): Promise<{ body: Readable; size: number }>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

/** The row exists, its object does not (lost storage, a wrong bucket): the operator must know, the caller gets a clear 503. */
export class AttachmentObjectMissing extends LocalizedHttpError {
  constructor(readonly key: string) {
    super(503, {
      'zh-CN': '附件文件暂时无法读取（存储中找不到该文件），请联系管理员',
      en: 'The attachment’s file cannot be read now (it is missing from the store); contact an administrator',
    });
    this.message = `attachment object ${key} is missing from the store`;
  }
}

/** The store could not be reached or refused the request. */
export class AttachmentStoreUnavailable extends LocalizedHttpError {
  constructor(cause: unknown) {
    super(503, {
      'zh-CN': '附件存储暂时不可用，请稍后重试',
      en: 'The attachment store is unavailable; try again shortly',
    });
    this.message = `attachment store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

/** `ab/cd/abcd…`: a content address spread over two directory levels so no directory grows huge. */
export function keyFor(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

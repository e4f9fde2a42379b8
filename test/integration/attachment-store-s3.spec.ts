import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentObjectMissing, AttachmentStoreUnavailable, keyFor } from '../../src/attachments/store/attachment-store';
import { S3AttachmentStore } from '../../src/attachments/store/s3-attachment-store';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/**
 * The S3 adapter against a real S3-compatible server: s3rver (an npm devDependency; it speaks the S3
 * REST protocol, SigV4 included, over HTTP and keeps objects on disk), started by this file.
 */
const BUCKET = 'petition-attachments';

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('the S3 attachment store', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  let server: { run(): Promise<{ address: string; port: number }>; close(): Promise<void> };
  let endpoint: string;
  let store: S3AttachmentStore;

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    // s3rver's fixed credentials; a wrong secret would be refused (the signature is checked).
    store = new S3AttachmentStore({ endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  });

  afterAll(async () => {
    store?.destroy();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts an object under its content address and gets the same bytes back', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(256 * 1024)]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = keyFor(sha256);
    expect(key).toBe(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`);

    await store.put(key, bytes, 'application/pdf');
    const { body, size } = await store.get(key);
    const read = await bytesOf(body);

    expect(size).toBe(bytes.length);
    expect(createHash('sha256').update(read).digest('hex')).toBe(sha256);
  });

  it('writes the same content twice without harm (content addressed)', async () => {
    const bytes = Buffer.from('同一份材料\n');
    const key = keyFor(createHash('sha256').update(bytes).digest('hex'));
    await store.put(key, bytes, 'text/plain; charset=utf-8');
    await store.put(key, bytes, 'text/plain; charset=utf-8');
    expect((await bytesOf((await store.get(key)).body)).equals(bytes)).toBe(true);
  });

  it('says clearly when an object is missing', async () => {
    const key = keyFor('0'.repeat(64));
    const error = await store.get(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentObjectMissing);
    expect((error as AttachmentObjectMissing).status).toBe(503);
    expect((error as Error).message).toContain(key);
  });

  it('reports a store it cannot use as unavailable, not as a missing object', async () => {
    const wrongBucket = new S3AttachmentStore({ endpoint, bucket: 'no-such-bucket', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    try {
      const error = await wrongBucket.put(keyFor('1'.repeat(64)), Buffer.from('x'), 'text/plain').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AttachmentStoreUnavailable);
    } finally {
      wrongBucket.destroy();
    }
  });
});

import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { AttachmentObjectMissing, AttachmentStore, AttachmentStoreUnavailable } from './attachment-store';

export interface S3StoreOptions {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** Attachments in an S3-compatible bucket (MinIO, Ceph, a cloud's object storage), for several API servers. */
export class S3AttachmentStore implements AttachmentStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible servers do not understand the
      // newer default (aws-chunked uploads with trailing CRC32); the SHA-256 is checked by us anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, bytes: Buffer, mediaType: string): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ContentType: mediaType, ContentLength: bytes.length }),
      );
    } catch (error) {
      throw new AttachmentStoreUnavailable(error);
    }
  }

  async get(key: string) {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error('the S3 client did not answer with a Node stream');
      return { body: object.Body, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata?.httpStatusCode === 404)) {
        throw new AttachmentObjectMissing(key);
      }
      throw new AttachmentStoreUnavailable(error);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}

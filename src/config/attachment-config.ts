import { resolve } from 'node:path';

/** Where attachments (附件) are kept and how much a request and a petition may hold. */
export interface AttachmentConfig {
  store:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string | undefined;
        bucket: string;
        region: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  maxFileBytes: number;
  maxFilesPerRequest: number;
  maxFilesPerPetition: number;
  maxBytesPerPetition: number;
}

class AttachmentConfigError extends Error {}

const MB = 1024 * 1024;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new AttachmentConfigError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * ATTACHMENT_STORE=local (default: files under ATTACHMENT_DIR, ./data/attachments beside the default
 * SQLite file) or s3 (S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_FORCE_PATH_STYLE — MinIO and most self-hosted servers need path style).
 */
export function loadAttachmentConfig(env: NodeJS.ProcessEnv, required: (name: string, devDefault: string) => string): AttachmentConfig {
  const kind = env.ATTACHMENT_STORE ?? 'local';
  let store: AttachmentConfig['store'];
  if (kind === 'local') store = { kind, dir: resolve(env.ATTACHMENT_DIR ?? './data/attachments') };
  else if (kind === 's3') {
    const bucket = env.S3_BUCKET;
    if (!bucket) throw new AttachmentConfigError('ATTACHMENT_STORE=s3 needs S3_BUCKET');
    const endpoint = env.S3_ENDPOINT || undefined;
    if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new AttachmentConfigError(`S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
    const forcePathStyle = (env.S3_FORCE_PATH_STYLE ?? (endpoint ? 'true' : 'false')).toLowerCase();
    if (!['true', 'false', '1', '0'].includes(forcePathStyle)) throw new AttachmentConfigError('S3_FORCE_PATH_STYLE must be true or false');
    store = {
      kind,
      endpoint,
      bucket,
      region: env.S3_REGION || 'us-east-1',
      accessKeyId: required('S3_ACCESS_KEY_ID', ''),
      secretAccessKey: required('S3_SECRET_ACCESS_KEY', ''),
      forcePathStyle: forcePathStyle === 'true' || forcePathStyle === '1',
    };
  } else throw new AttachmentConfigError(`ATTACHMENT_STORE must be local or s3, got "${kind}"`);
  return {
    store,
    maxFileBytes: Math.round(positive(env, 'ATTACHMENT_MAX_FILE_MB', 20) * MB),
    maxFilesPerRequest: Math.round(positive(env, 'ATTACHMENT_MAX_FILES_PER_REQUEST', 20)),
    maxFilesPerPetition: Math.round(positive(env, 'ATTACHMENT_MAX_FILES_PER_PETITION', 50)),
    maxBytesPerPetition: Math.round(positive(env, 'ATTACHMENT_MAX_PETITION_MB', 200) * MB),
  };
}

import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment-store';
import { LocalAttachmentStore } from './local-attachment-store';
import { S3AttachmentStore } from './s3-attachment-store';

/** The adapter ATTACHMENT_STORE names: files on this server's disk, or an S3-compatible bucket. */
export const attachmentStoreProvider: FactoryProvider<AttachmentStore> = {
  provide: ATTACHMENT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const store = config.attachments.store;
    return store.kind === 's3' ? new S3AttachmentStore(store) : new LocalAttachmentStore(store.dir);
  },
};

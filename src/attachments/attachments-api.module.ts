import { Module } from '@nestjs/common';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsModule } from './attachments.module';

/** The routes of attachments; the API process only (the worker has no use for them). */
@Module({
  imports: [AttachmentsModule],
  controllers: [AttachmentsController],
  providers: [AttachmentUploadInterceptor],
})
export class AttachmentsApiModule {}

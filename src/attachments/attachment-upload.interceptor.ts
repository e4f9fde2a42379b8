import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { fileTooLarge, MALFORMED_UPLOAD, tooManyFilesInRequest } from './attachment-errors';

/**
 * Reads the multipart body of an upload with the limits of the configuration (the JSON body limit does
 * not apply to multipart): a file over the size limit stops the upload as soon as it is exceeded, the files wait
 * in a temporary directory (never in memory all at once); multer's English errors become localized ones.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { maxFileBytes, maxFilesPerRequest } = config.attachments;
    const Inner = FilesInterceptor('file', maxFilesPerRequest, {
      // On disk, not in memory: a request may carry 20 files of 20 MB; the controller removes them.
      dest: join(tmpdir(), 'petition-attachment-uploads'),
      limits: { fileSize: maxFileBytes, files: maxFilesPerRequest, fields: 10, fieldSize: 1024, parts: maxFilesPerRequest + 10 },
    });
    this.inner = new Inner();
  }

  async intercept(context: ExecutionContext, next: CallHandler) {
    const { maxFileBytes, maxFilesPerRequest } = this.config.attachments;
    try {
      return await this.inner.intercept(context, next);
    } catch (error) {
      if (error instanceof LocalizedHttpError) throw error;
      if (error instanceof PayloadTooLargeException) throw fileTooLarge(maxFileBytes);
      if (error instanceof HttpException && /too many files|unexpected file field|too many parts/i.test(error.message)) {
        throw tooManyFilesInRequest(maxFilesPerRequest);
      }
      if (error instanceof HttpException && error.getStatus() === 400) throw MALFORMED_UPLOAD;
      throw error;
    }
  }
}

import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { LocalizedHttpError } from '../common/errors';
import { SHEET_KEYS } from './org-import.format';
import { MAX_UPLOAD_BYTES } from './org-import.reader';

export const tooLarge = () =>
  new LocalizedHttpError(413, {
    'zh-CN': `导入文件过大：每个文件最多 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请分批导入`,
    en: `The import file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file; import in parts`,
  });

export const badUpload = () =>
  new LocalizedHttpError(400, {
    'zh-CN': '请以 multipart/form-data 上传：工作簿放在 file 字段，或 CSV 文件分别放在 regions、units、users 字段',
    en: 'Upload as multipart/form-data: a workbook in the field "file", or CSV files in the fields "regions", "units", "users"',
  });

/**
 * Reads the upload with limits: a file over MAX_UPLOAD_BYTES stops as soon as it is exceeded (413),
 * and only the four known fields are taken. In memory: four files of 16 MB at most, and the reader
 * needs the whole workbook anyway.
 */
@Injectable()
export class OrgImportUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor() {
    const Inner = FileFieldsInterceptor(
      ['file', ...SHEET_KEYS].map((name) => ({ name, maxCount: 1 })),
      { storage: memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 4, fields: 4, fieldSize: 1024, parts: 8 } },
    );
    this.inner = new Inner();
  }

  async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await this.inner.intercept(context, next);
    } catch (error) {
      if (error instanceof LocalizedHttpError) throw error;
      if (error instanceof PayloadTooLargeException) throw tooLarge();
      if (error instanceof HttpException && error.getStatus() < 500) throw badUpload();
      throw error;
    }
  }
}

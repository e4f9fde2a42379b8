import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { unlink } from 'node:fs/promises';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { AttachmentsService, AttachmentView } from './attachments.service';
import { contentDisposition } from './content-disposition';
import { UploadAttachmentsDto } from './dto/upload-attachments.dto';

/** What multer leaves of each uploaded file (disk storage). */
interface UploadedFile {
  originalname: string;
  path: string;
  size: number;
}

/**
 * Shown in place, an attachment is a document of its own on the API's origin: it runs nothing
 * (sandbox, no scripts, no requests) and is never sniffed into something else.
 */
const INLINE_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";
const DOWNLOAD_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('petitions/:id/attachments')
  @HttpCode(201)
  @UseInterceptors(AttachmentUploadInterceptor)
  @Audit({
    action: 'attachment.upload',
    resourceType: 'petition',
    idParam: 'id',
    detail: (result) => ({ attachments: (result as AttachmentView[]).map((a) => ({ id: a.id, sha256: a.sha256, size: a.size, mediaType: a.mediaType })) }),
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'stage'],
      properties: {
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
        stage: { type: 'string', enum: ['materials', 'evidence', 'reply', 'other'] },
        taskId: { type: 'string' },
      },
    },
  })
  @ApiOperation({ summary: 'Attach files to a petition (PDF, images, Word, Excel, OFD, plain text; type judged from the bytes); lists what was attached' })
  async upload(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UploadAttachmentsDto,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<AttachmentView[]> {
    try {
      return await this.attachments.upload(
        principal,
        id,
        dto.stage,
        dto.taskId ?? null,
        (files ?? []).map((f) => ({ originalName: f.originalname, path: f.path, size: f.size })),
      );
    } finally {
      // The temporary copies multer wrote: kept or refused, they are not needed any more.
      await Promise.all((files ?? []).map((f) => unlink(f.path).catch(() => undefined)));
    }
  }

  @Get('petitions/:id/attachments')
  @ApiOperation({ summary: 'The attachments of a petition, oldest first (an accusation’s only for the discipline inspection unit handling it)' })
  list(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<AttachmentView[]> {
    return this.attachments.list(principal, id);
  }

  @Get('attachments/:id/content')
  @Audit({ action: 'attachment.download', resourceType: 'attachment', idParam: 'id' })
  @ApiQuery({ name: 'download', required: false, description: '1: always as a download (Content-Disposition: attachment)' })
  @ApiOperation({ summary: 'The bytes of an attachment: images and PDF in place, the rest as a download; every read is audited' })
  async content(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('download') download: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, inline, body, size } = await this.attachments.content(principal, id);
    const showInPlace = inline && download !== '1' && download !== 'true';
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', showInPlace ? INLINE_POLICY : DOWNLOAD_POLICY);
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // RFC 9530: lets a client check the bytes it got against the hash the list shows.
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(body, {
      type: attachment.mediaType,
      length: size,
      disposition: contentDisposition(showInPlace ? 'inline' : 'attachment', attachment.fileName),
    });
  }
}

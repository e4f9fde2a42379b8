import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audit } from '../audit/audit.decorator';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NoticeListQueryDto, PostedNoticeDto, PrintQueueQueryDto, ReceiptRequestDto, ResendNoticeDto, ServedNoticeDto } from './dto/notice.dto';
import { NoticeServing } from './notice-serving';
import { NoticesDesk, NoticeView } from './notices-desk.service';
import { RegistrationReceipt } from './registration-receipt';

/** A PDF for the browser to show (print) or save, named in Chinese where the browser allows. */
function pdfFile(response: Response, { pdf, filename }: { pdf: Buffer; filename: string }): StreamableFile {
  response.setHeader('Content-Type', 'application/pdf');
  response.setHeader('Content-Disposition', `inline; filename="notice.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(pdf);
}

/** The written notices to petitioners: a case's list, the documents, the print queue of letters, failed deliveries. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(
    private readonly desk: NoticesDesk,
    private readonly receipt: RegistrationReceipt,
    private readonly serving: NoticeServing,
  ) {}

  @Get('petitions/:id/notices')
  @ApiOperation({ summary: 'Every notice of a case to each petitioner: channel, delivery status, document' })
  forPetition(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<NoticeView[]> {
    return this.desk.forPetition(principal, id);
  }

  @Post('petitions/:id/receipt')
  @HttpCode(200)
  @Audit({ action: 'petition.print-receipt', resourceType: 'petition', idParam: 'id' })
  @ApiOperation({ summary: '登记回执 as PDF, with the query code registration answered with (it is kept only as a hash)' })
  async registrationReceipt(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReceiptRequestDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return pdfFile(response, await this.receipt.render(principal, id, dto.queryCode));
  }

  @Get('notices')
  @ApiOperation({ summary: 'Notices of the units within your reach by status (default: failed deliveries)' })
  list(@CurrentUser() principal: Principal, @Query() query: NoticeListQueryDto) {
    return this.desk.list(principal, query);
  }

  @Get('print-queue')
  @ApiOperation({ summary: 'Letters your unit prints and posts: to-print, printed, posted' })
  printQueue(@CurrentUser() principal: Principal, @Query() query: PrintQueueQueryDto) {
    return this.desk.printQueue(principal, query);
  }

  @Get('notices/:id/document.pdf')
  @Audit({ action: 'notice.download', resourceType: 'notice', idParam: 'id' })
  @ApiOperation({ summary: 'The written notice as PDF, as it was sent' })
  async document(
    @CurrentUser() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return pdfFile(response, await this.desk.document(principal, id));
  }

  @Post('notices/:id/resend')
  @HttpCode(200)
  @Audit({ action: 'notice.resend', resourceType: 'notice', idParam: 'id' })
  @ApiOperation({ summary: 'Send a failed notice again, after correcting the phone or e-mail, or by another channel' })
  resend(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResendNoticeDto): Promise<NoticeView> {
    return this.desk.resend(principal, id, dto);
  }

  @Post('notices/:id/printed')
  @HttpCode(200)
  @Audit({ action: 'notice.printed', resourceType: 'notice', idParam: 'id' })
  @ApiOperation({ summary: 'A letter was printed' })
  printed(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<NoticeView> {
    return this.desk.markPrinted(principal, id);
  }

  @Post('notices/:id/posted')
  @HttpCode(200)
  @Audit({ action: 'notice.posted', resourceType: 'notice', idParam: 'id' })
  @ApiOperation({ summary: 'A printed letter was posted by registered mail (挂号信)' })
  posted(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PostedNoticeDto): Promise<NoticeView> {
    return this.desk.markPosted(principal, id, dto);
  }

  @Post('notices/:id/served')
  @HttpCode(200)
  @Audit({ action: 'notice.served', resourceType: 'notice', idParam: 'id' })
  @ApiOperation({ summary: '送达登记: the day a printed letter reached the petitioner; for a reply, the rating and review windows count from it (Art. 35)' })
  served(@CurrentUser() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ServedNoticeDto): Promise<NoticeView> {
    return this.serving.record(principal, id, dto);
  }
}

import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { Public } from '../auth/auth.decorators';
import { LocalizedHttpError } from '../common/errors';
import { DeliveryReceipts, DeliveryReport } from './delivery-receipts';

const MALFORMED = new LocalizedHttpError(400, { 'zh-CN': '状态报告格式不正确', en: 'Malformed delivery report' });
const MAX_REPORTS = 1000;

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

/** "2026-11-29 10:00:00" in China time, as Aliyun writes it. */
function chinaTime(value: unknown): Date | null {
  const raw = text(value, 32);
  if (!raw || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw)) return null;
  const at = new Date(`${raw.replace(' ', 'T')}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

function reports(body: unknown, parse: (item: Record<string, unknown>) => DeliveryReport): DeliveryReport[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0 || items.length > MAX_REPORTS || items.some((i) => typeof i !== 'object' || i === null || Array.isArray(i))) throw MALFORMED;
  return items.map((i) => parse(i as Record<string, unknown>));
}

/**
 * Where SMS providers push delivery receipts (no sign-in: the provider calls us; the shared token
 * in the URL, NOTICE_RECEIPT_TOKEN, is its credential).
 */
@ApiTags('notices')
@Controller('notices/receipts')
export class DeliveryReceiptsController {
  constructor(private readonly receipts: DeliveryReceipts) {}

  @Public()
  @Post('aliyun')
  @HttpCode(200)
  @Audit({ action: 'notice.receipt', resourceType: 'notice' })
  @ApiOperation({ summary: 'Aliyun SMS status reports (SmsReport, HTTP batch push): answers {code: 0} as Aliyun expects' })
  async aliyun(@Query('token') token: string | undefined, @Body() body: unknown): Promise<{ code: number; msg: string }> {
    this.receipts.requireToken(token);
    await this.receipts.record(
      reports(body, (item) => ({
        noticeId: text(item.out_id, 36),
        providerMessageId: text(item.biz_id, 64),
        delivered: item.success === true,
        at: chinaTime(item.report_time),
        error: [text(item.err_code, 64), text(item.err_msg, 200)].filter(Boolean).join(' ') || null,
      })),
    );
    return { code: 0, msg: '成功' };
  }

  @Public()
  @Post('http')
  @HttpCode(200)
  @Audit({ action: 'notice.receipt', resourceType: 'notice' })
  @ApiOperation({ summary: 'Status reports of an HTTP SMS platform: {outId, msgId?, status: delivered|failed, error?} or an array of them' })
  async http(@Query('token') token: string | undefined, @Body() body: unknown): Promise<{ code: number; changed: number }> {
    this.receipts.requireToken(token);
    const changed = await this.receipts.record(
      reports(body, (item) => {
        if (item.status !== 'delivered' && item.status !== 'failed') throw MALFORMED;
        return {
          noticeId: text(item.outId, 36),
          providerMessageId: text(item.msgId, 64),
          delivered: item.status === 'delivered',
          at: typeof item.at === 'string' && !Number.isNaN(Date.parse(item.at)) ? new Date(item.at) : null,
          error: text(item.error, 200),
        };
      }),
    );
    return { code: 0, changed };
  }
}

import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import type { NoticeConfig } from '../../config/app-config';
import { OutgoingNotice, SendFailure, SendResult, SmsChannel } from './outgoing-notice';

type AliyunConfig = Extract<NoticeConfig['sms'], { provider: 'aliyun' }>;

/**
 * Codes after which the same request can never succeed: the number, the signature or the template is
 * wrong. Anything else (flow control, a provider outage) is worth another attempt.
 * https://help.aliyun.com/zh/sms/developer-reference/api-error-codes
 */
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isp.RAM_PERMISSION_DENY',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
]);

/**
 * Alibaba Cloud SMS (短信服务) through its official SDK. The words of an SMS are the provider's
 * approved template (a template code per notice kind); we send its variables: the petition number
 * and the unit, which is all a text message may carry. The full notice goes by e-mail or letter.
 */
export class AliyunSmsChannel implements SmsChannel {
  readonly name = 'aliyun';
  private readonly client: Dysmsapi;

  constructor(
    private readonly config: AliyunConfig,
    private readonly timeoutMs: number,
  ) {
    this.client = new Dysmsapi(
      new $OpenApiUtil.Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        endpoint: config.endpoint,
        protocol: config.protocol,
      }),
    );
  }

  async send(phone: string, notice: OutgoingNotice): Promise<SendResult> {
    const templateCode = this.config.templates[notice.kind] ?? this.config.templates.default;
    if (!templateCode) throw new SendFailure(`No SMS template code configured for notice kind ${notice.kind} (SMS_TEMPLATE_CODES)`, true);
    const request = new SendSmsRequest({
      phoneNumbers: phone,
      signName: this.config.signName,
      templateCode,
      templateParam: JSON.stringify({ number: notice.petitionNumber, unit: notice.unitName.slice(0, 35) }),
      outId: notice.id,
    });
    const runtime = new $dara.RuntimeOptions({ connectTimeout: this.timeoutMs, readTimeout: this.timeoutMs, autoretry: false });
    let body: { code?: string; message?: string; bizId?: string } | undefined;
    try {
      body = (await this.client.sendSmsWithOptions(request, runtime)).body;
    } catch (error) {
      const failure = error as { code?: string; statusCode?: number; message?: string };
      const permanent = PERMANENT_CODES.has(failure.code ?? '') || (failure.statusCode !== undefined && failure.statusCode >= 400 && failure.statusCode < 500 && failure.statusCode !== 429);
      throw new SendFailure(`Aliyun SMS: ${failure.code ?? 'error'} ${failure.message ?? String(error)}`, permanent);
    }
    if (body?.code !== 'OK') {
      throw new SendFailure(`Aliyun SMS: ${body?.code ?? 'no code'} ${body?.message ?? ''}`.trim(), PERMANENT_CODES.has(body?.code ?? ''));
    }
    return { providerMessageId: body.bizId ?? null };
  }
}

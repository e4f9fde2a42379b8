import type { NoticeConfig } from '../../config/app-config';
import { OutgoingNotice, SendFailure, SendResult, SmsChannel } from './outgoing-notice';

type HttpSmsConfig = Extract<NoticeConfig['sms'], { provider: 'http' }>;

/**
 * A government SMS platform (政务短信平台) reached by plain HTTP: many cities run their own, with a
 * JSON interface of this shape. It takes the whole text (the signature in 【】 first), the notice's
 * id as idempotency key (a platform that honours it sends a retried request once), and answers
 * {code: 0, msgId}. A 5xx or a timeout is retried; a 4xx or a non-zero code is the request's fault.
 */
export class HttpSmsChannel implements SmsChannel {
  readonly name = 'http';

  constructor(
    private readonly config: HttpSmsConfig,
    private readonly timeoutMs: number,
  ) {}

  async send(phone: string, notice: OutgoingNotice): Promise<SendResult> {
    const content = `${this.config.signName ? `【${this.config.signName}】` : ''}${notice.body}`;
    let response: Response;
    try {
      response = await fetch(this.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': notice.id,
          ...(this.config.token ? { authorization: `Bearer ${this.config.token}` } : {}),
        },
        body: JSON.stringify({ mobile: phone, content, outId: notice.id }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SendFailure(`SMS platform unreachable: ${(error as Error).name === 'TimeoutError' ? `no answer in ${this.timeoutMs} ms` : String(error)}`, false);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new SendFailure(`SMS platform answered ${response.status}: ${text.slice(0, 200)}`, response.status < 500 && response.status !== 429);
    let answer: { code?: unknown; msgId?: unknown; message?: unknown };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new SendFailure(`SMS platform answered something that is not JSON: ${text.slice(0, 200)}`, false);
    }
    if (answer.code !== 0 && answer.code !== '0') throw new SendFailure(`SMS platform refused: ${String(answer.code)} ${String(answer.message ?? '')}`.trim(), true);
    return { providerMessageId: typeof answer.msgId === 'string' ? answer.msgId.slice(0, 64) : null };
  }
}

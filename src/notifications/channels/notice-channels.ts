import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AliyunSmsChannel } from './aliyun-sms.channel';
import { HttpSmsChannel } from './http-sms.channel';
import { EmailChannel, SmsChannel } from './outgoing-notice';
import { SmtpEmailChannel } from './smtp-email.channel';

/** The channels this installation is configured for (SMS_PROVIDER, SMTP_URL); letters need none. */
@Injectable()
export class NoticeChannels {
  readonly sms: SmsChannel | null;
  readonly email: EmailChannel | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { sms, smtp, dispatch } = config.notices;
    this.sms =
      sms.provider === 'aliyun' ? new AliyunSmsChannel(sms, dispatch.timeoutMs) : sms.provider === 'http' ? new HttpSmsChannel(sms, dispatch.timeoutMs) : null;
    this.email = smtp ? new SmtpEmailChannel(smtp.url, smtp.from, dispatch.timeoutMs) : null;
  }

  close(): void {
    this.email?.close();
  }
}

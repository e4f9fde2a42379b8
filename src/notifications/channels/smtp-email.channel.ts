import { createTransport, Transporter } from 'nodemailer';
import { EmailChannel, OutgoingNotice, SendFailure, SendResult } from './outgoing-notice';

/**
 * E-mail through an SMTP server (nodemailer): the notice's words in the body, the written notice as
 * a PDF attachment. A 5xx answer (no such mailbox) needs a corrected address; anything else is
 * retried.
 */
export class SmtpEmailChannel implements EmailChannel {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    // SMTP_URL as nodemailer documents it: smtp://user:pass@host:587 or smtps://… (TLS from the start).
    const parsed = new URL(url);
    this.transport = createTransport({
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : parsed.protocol === 'smtps:' ? 465 : 587,
      secure: parsed.protocol === 'smtps:',
      auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
      // A test or an internal relay without a certificate: SMTP_URL …?ignoreTLS=true.
      ignoreTLS: parsed.searchParams.get('ignoreTLS') === 'true',
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(to: string, notice: OutgoingNotice, document: Buffer): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to,
        subject: `${notice.title}（编号 ${notice.petitionNumber}）`,
        text: `${notice.body}\n\n${notice.unitName}`,
        headers: { 'X-Notice-Id': notice.id },
        attachments: [{ filename: `${notice.title}-${notice.petitionNumber}.pdf`, content: document, contentType: 'application/pdf' }],
      });
      return { providerMessageId: String(info.messageId ?? '').slice(0, 64) || null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new SendFailure(`SMTP: ${(error as Error).message}`, code !== undefined && code >= 500 && code < 600);
    }
  }

  close(): void {
    this.transport.close();
  }
}

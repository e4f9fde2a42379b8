import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Local stand-ins for the notice channels' providers, started once per integration run (global
 * setup) and pointed at by the stack's configuration:
 *  - an SMS endpoint that speaks Alibaba Cloud's SendSms RPC request and JSON answer (the official
 *    SDK is the client), and a government SMS platform's plain JSON interface;
 *  - a real SMTP server (smtp-server) that keeps what arrives.
 * Tests steer them per phone number or address (fail, reject, time out, answer slowly) and read
 * what arrived through a small control API, so that test files running at once do not interfere.
 */

export type Behaviour = { mode: 'ok' } | { mode: 'error' | 'server-error' | 'illegal' | 'timeout'; times?: number } | { mode: 'slow'; delayMs: number };

export interface SmsRecord {
  provider: 'aliyun' | 'http';
  phone: string;
  outId: string;
  templateCode: string | null;
  templateParam: Record<string, string> | null;
  signName: string | null;
  content: string | null;
  bizId: string;
  at: string;
}

export interface MailRecord {
  to: string[];
  from: string;
  subject: string;
  text: string;
  noticeId: string | null;
  attachments: { filename: string; contentType: string; base64: string }[];
}

export interface NoticeProviders {
  smsEndpoint: string;
  httpSmsUrl: string;
  controlUrl: string;
  smtpUrl: string;
  stop(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

export async function startNoticeProviders(): Promise<NoticeProviders> {
  const behaviours = new Map<string, Behaviour & { used?: number }>();
  const messages: SmsRecord[] = [];
  const requests: { provider: string; phone: string; outId: string }[] = [];
  const mail: MailRecord[] = [];
  const held = new Set<ServerResponse>();
  let sequence = 0;

  /** What to do with this request: the phone's behaviour, counting down `times`. */
  function behaviourFor(phone: string): Behaviour {
    const behaviour = behaviours.get(phone);
    if (!behaviour || behaviour.mode === 'ok' || behaviour.mode === 'slow') return behaviour ?? { mode: 'ok' };
    if (behaviour.times !== undefined) {
      behaviour.used = (behaviour.used ?? 0) + 1;
      if (behaviour.used > behaviour.times) return { mode: 'ok' };
    }
    return behaviour;
  }

  async function answer(res: ServerResponse, phone: string, ok: () => void, failure: (mode: string) => void): Promise<void> {
    const behaviour = behaviourFor(phone);
    if (behaviour.mode === 'timeout') {
      held.add(res); // never answered: the client's timeout is what ends it
      res.on('close', () => held.delete(res));
      return;
    }
    if (behaviour.mode === 'slow') await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (behaviour.mode === 'ok' || behaviour.mode === 'slow') ok();
    else failure(behaviour.mode);
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const text = await body(req);
    try {
      // Alibaba Cloud SendSms (RPC style, signature v3): action and version in headers, parameters in the query.
      if (req.method === 'POST' && url.pathname === '/' && req.headers['x-acs-action'] === 'SendSms') {
        const p = url.searchParams;
        const authorization = String(req.headers.authorization ?? '');
        if (req.headers['x-acs-version'] !== '2017-05-25' || !authorization.startsWith('ACS3-HMAC-SHA256 Credential=')) {
          return json(res, 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'stub' });
        }
        const phone = p.get('PhoneNumbers') ?? '';
        for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
          if (!p.get(name)) return json(res, 400, { Code: 'MissingParameter', Message: `${name} is mandatory for this action.`, RequestId: 'stub' });
        }
        const outId = p.get('OutId') ?? '';
        requests.push({ provider: 'aliyun', phone, outId });
        return answer(
          res,
          phone,
          () => {
            const bizId = `${Date.now()}${++sequence}^0`;
            messages.push({
              provider: 'aliyun',
              phone,
              outId,
              templateCode: p.get('TemplateCode'),
              templateParam: JSON.parse(p.get('TemplateParam') ?? 'null') as Record<string, string> | null,
              signName: p.get('SignName'),
              content: null,
              bizId,
              at: new Date().toISOString(),
            });
            json(res, 200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: `req-${sequence}` });
          },
          (mode) =>
            mode === 'server-error'
              ? json(res, 503, { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.', RequestId: 'stub' })
              : mode === 'illegal'
                ? json(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `非法手机号 ${phone}`, RequestId: 'stub' })
                : json(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'stub' }),
        );
      }
      // A government SMS platform: JSON in, {code, msgId} out, Idempotency-Key honoured.
      if (req.method === 'POST' && url.pathname === '/gov-sms') {
        const input = JSON.parse(text) as { mobile: string; content: string; outId: string };
        const key = String(req.headers['idempotency-key'] ?? '');
        requests.push({ provider: 'http', phone: input.mobile, outId: input.outId });
        const earlier = messages.find((m) => m.provider === 'http' && m.outId === key);
        if (earlier) return json(res, 200, { code: 0, msgId: earlier.bizId });
        return answer(
          res,
          input.mobile,
          () => {
            const bizId = `gov-${++sequence}`;
            messages.push({ provider: 'http', phone: input.mobile, outId: key, templateCode: null, templateParam: null, signName: null, content: input.content, bizId, at: new Date().toISOString() });
            json(res, 200, { code: 0, msgId: bizId });
          },
          (mode) => (mode === 'server-error' ? json(res, 502, { code: 502, message: 'gateway' }) : json(res, 200, { code: 40001, message: 'invalid mobile' })),
        );
      }
      // Control: steer a phone number, read what arrived.
      if (url.pathname === '/__stub/behaviour' && req.method === 'POST') {
        const { phone, ...behaviour } = JSON.parse(text) as Behaviour & { phone: string };
        behaviours.set(phone, behaviour);
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/__stub/messages') {
        const phone = url.searchParams.get('phone');
        return json(res, 200, { messages: messages.filter((m) => m.phone === phone), requests: requests.filter((r) => r.phone === phone) });
      }
      if (url.pathname === '/__stub/mail') {
        const to = url.searchParams.get('to');
        return json(res, 200, mail.filter((m) => m.to.includes(to ?? '')));
      }
      json(res, 404, { Code: 'InvalidAction.NotFound' });
    } catch (error) {
      json(res, 400, { Code: 'BadRequest', Message: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
          mail.push({
            to,
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            noticeId: (parsed.headers.get('x-notice-id') as string | undefined) ?? null,
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, base64: a.content.toString('base64') })),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  return {
    smsEndpoint: `127.0.0.1:${port}`,
    httpSmsUrl: `http://127.0.0.1:${port}/gov-sms`,
    controlUrl: `http://127.0.0.1:${port}/__stub`,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
    async stop() {
      for (const res of held) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

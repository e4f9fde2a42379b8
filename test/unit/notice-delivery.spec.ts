import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/app-config';
import { chooseChannel, ChannelFacts } from '../../src/notifications/channels/channel-choice';
import { HttpSmsChannel } from '../../src/notifications/channels/http-sms.channel';
import { AliyunSmsChannel } from '../../src/notifications/channels/aliyun-sms.channel';
import { OutgoingNotice, redactContacts, SendFailure } from '../../src/notifications/channels/outgoing-notice';
import { nextAttemptAt } from '../../src/notifications/dispatch/retry-schedule';
import { noticeText, NOTICE_DOCUMENTS } from '../../src/notifications/notice-texts';
import { Notice } from '../../src/camunda/process-contract';

const everything: ChannelFacts = { preference: null, hasPhone: true, hasEmail: true, smsConfigured: true, emailConfigured: true };

describe('the channel a notice goes by', () => {
  it('follows the stated preference when it can be honoured', () => {
    expect(chooseChannel({ ...everything, preference: 'email' })).toBe('email');
    expect(chooseChannel({ ...everything, preference: 'sms' })).toBe('sms');
    expect(chooseChannel({ ...everything, preference: 'letter' })).toBe('letter');
  });

  it('falls back to SMS, then e-mail, then a letter, by what exists and what is configured', () => {
    expect(chooseChannel(everything)).toBe('sms');
    expect(chooseChannel({ ...everything, preference: 'email', hasEmail: false })).toBe('sms');
    expect(chooseChannel({ ...everything, preference: 'email', emailConfigured: false })).toBe('sms');
    expect(chooseChannel({ ...everything, hasPhone: false })).toBe('email');
    expect(chooseChannel({ ...everything, preference: 'sms', smsConfigured: false })).toBe('email');
    expect(chooseChannel({ ...everything, hasPhone: false, hasEmail: false })).toBe('letter');
    expect(chooseChannel({ ...everything, smsConfigured: false, emailConfigured: false })).toBe('letter');
  });
});

describe('when a failed send is tried again', () => {
  const policy = { maxAttempts: 4, retryBaseMs: 1_000, retryMaxMs: 5_000 };
  const at = new Date('2026-11-29T00:00:00Z');

  it('waits the base, then twice as long each time, up to the cap', () => {
    expect(nextAttemptAt(at, 1, policy)?.getTime()).toBe(at.getTime() + 1_000);
    expect(nextAttemptAt(at, 2, policy)?.getTime()).toBe(at.getTime() + 2_000);
    expect(nextAttemptAt(at, 3, policy)?.getTime()).toBe(at.getTime() + 4_000);
    expect(nextAttemptAt(at, 3, { ...policy, retryMaxMs: 3_000 })?.getTime()).toBe(at.getTime() + 3_000);
  });

  it('never, after the last attempt', () => {
    expect(nextAttemptAt(at, 4, policy)).toBeNull();
    expect(nextAttemptAt(at, 5, policy)).toBeNull();
  });
});

describe('provider error texts, as stored and shown to staff', () => {
  it('keep no phone number or e-mail address', () => {
    expect(redactContacts('invalid mobile 13912345678 for zhang.san@example.com')).toBe('invalid mobile *** for ***@***');
    expect(redactContacts('+86 139 1234 5678 rejected')).toBe('*** rejected');
    expect(new SendFailure('bad 13800138000', true).message).toBe('bad ***');
  });

  it('are cut to what the column holds', () => {
    expect(redactContacts('x'.repeat(800))).toHaveLength(500);
  });
});

describe('notice texts', () => {
  const facts = { number: 'XF-990102-2026-000001', unitName: '东湖区第一办理室', declineReason: null, replyOutcome: null, legalRoute: null };

  it('every kind has a document title and the article it rests on', () => {
    for (const kind of Object.values(Notice)) {
      expect(NOTICE_DOCUMENTS[kind].title).toMatch(/书|回执/);
      expect(NOTICE_DOCUMENTS[kind].article).toMatch(/^《信访工作条例》第.+条$/);
    }
  });

  it('the acceptance notice names the unit, the date and the limit (Art. 23, 34)', () => {
    const text = noticeText('accept', { ...facts, acceptance: { at: new Date('2026-11-29T02:00:00Z'), simplified: false, committedAt: new Date('2027-01-10T02:00:00Z') } });
    expect(text).toBe('您的信访事项（编号 XF-990102-2026-000001）已由东湖区第一办理室于2026年11月29日依法受理，将在受理之日起60日内办结，承诺于2027年1月10日前答复。您可凭编号和查询码查询办理进展。');
    expect(noticeText('accept', { ...facts, acceptance: { at: new Date('2026-11-29T02:00:00Z'), simplified: true, committedAt: null } })).toContain('10个工作日内办结。');
  });

  it('the reply carries its full text; the review opinion its decision and the next remedy', () => {
    expect(noticeText('reply', { ...facts, replyOutcome: 'support', replyText: '  已修复外墙。 ' })).toContain('支持。\n已修复外墙。\n如对处理意见不服');
    const review = noticeText('review-opinion', { ...facts, review: { stage: 'review', outcome: 'uphold', opinion: '原处理意见正确。', reviewingUnitName: '示范市信访局' } });
    expect(review).toContain('经示范市信访局复查，决定：维持原处理意见。\n复查意见：原处理意见正确。');
    expect(review).toContain('请求复核');
    expect(noticeText('re-review-opinion', { ...facts, review: { stage: 're-review', outcome: 'revoke', opinion: '撤销。', reviewingUnitName: '示范市人民政府' } })).toContain('不再受理');
  });

  it('the transfer notice names both units', () => {
    expect(noticeText('transfer', { ...facts, transfer: { fromUnitName: '东湖区信访局', toUnitName: '东湖区住建局', at: new Date('2026-11-29T02:00:00Z') } })).toContain(
      '经东湖区信访局审查，属于东湖区住建局的职责范围，已于2026年11月29日转送其办理。',
    );
  });
});

describe('notice configuration', () => {
  it('reads template codes per kind, and refuses a malformed list or an unknown provider', () => {
    const config = loadConfig({ SMS_PROVIDER: 'aliyun', SMS_TEMPLATE_CODES: 'default=SMS_1, accept=SMS_2' });
    expect(config.notices.sms).toMatchObject({ provider: 'aliyun', templates: { default: 'SMS_1', accept: 'SMS_2' }, endpoint: 'dysmsapi.aliyuncs.com', protocol: 'https' });
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun', SMS_TEMPLATE_CODES: 'SMS_1' })).toThrow(/kind=code/);
    expect(() => loadConfig({ SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/SMS_PROVIDER/);
    expect(loadConfig({}).notices).toMatchObject({ sms: { provider: 'none' }, smtp: null });
  });

  it('production needs the provider credentials', () => {
    const secrets = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ENGINE_USER: 'svc',
      ENGINE_PASSWORD: 'Str0ng!Passw0rd#2026',
      DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      DATA_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    expect(() => loadConfig({ ...secrets, SMS_PROVIDER: 'aliyun' })).toThrow(/SMS_ACCESS_KEY_ID/);
  });
});

describe('SMS channels against a local provider', () => {
  let server: Server;
  let url: string;
  let answer: (body: string, headers: Record<string, string | string[] | undefined>, query: URLSearchParams) => { status: number; body: unknown } | 'hang';
  const notice: OutgoingNotice = { id: 'n-1', kind: 'accept', title: '信访事项受理告知书', body: '您的信访事项已受理。', petitionNumber: 'XF-1', unitName: '东湖区第一办理室' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const result = answer(body, req.headers, new URL(req.url!, 'http://x').searchParams);
        if (result === 'hang') return;
        res.writeHead(result.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const aliyun = () =>
    new AliyunSmsChannel(
      { provider: 'aliyun', endpoint: url, protocol: 'http', accessKeyId: 'id', accessKeySecret: 'secret', signName: '示范市信访局', templates: { default: 'SMS_1', accept: 'SMS_2' } },
      500,
    );

  it('Aliyun: sends the template, its variables and our id as OutId; an OK answer gives the BizId', async () => {
    let seen: URLSearchParams | undefined;
    answer = (_b, _h, query) => ((seen = query), { status: 200, body: { Code: 'OK', Message: 'OK', BizId: 'biz-1', RequestId: 'r' } });
    await expect(aliyun().send('13800138000', notice)).resolves.toEqual({ providerMessageId: 'biz-1' });
    expect(Object.fromEntries(seen!)).toMatchObject({ PhoneNumbers: '13800138000', SignName: '示范市信访局', TemplateCode: 'SMS_2', OutId: 'n-1' });
    expect(JSON.parse(seen!.get('TemplateParam')!)).toEqual({ number: 'XF-1', unit: '东湖区第一办理室' });
  });

  it('Aliyun: flow control is retried, an illegal number is not, an outage and a silent provider are retried', async () => {
    answer = () => ({ status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'limit' } });
    await expect(aliyun().send('13800138000', notice)).rejects.toMatchObject({ permanent: false });
    answer = () => ({ status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'bad 13800138000' } });
    await expect(aliyun().send('13800138000', notice)).rejects.toMatchObject({ permanent: true, message: expect.not.stringContaining('13800138000') });
    answer = () => ({ status: 503, body: { Code: 'ServiceUnavailable', Message: 'down' } });
    await expect(aliyun().send('13800138000', notice)).rejects.toMatchObject({ permanent: false });
    answer = () => 'hang';
    await expect(aliyun().send('13800138000', notice)).rejects.toMatchObject({ permanent: false });
  });

  it('Aliyun: a kind without a template code fails for good, saying which setting is missing', async () => {
    const channel = new AliyunSmsChannel({ provider: 'aliyun', endpoint: url, protocol: 'http', accessKeyId: 'i', accessKeySecret: 's', signName: 's', templates: {} }, 500);
    await expect(channel.send('13800138000', notice)).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('SMS_TEMPLATE_CODES') });
  });

  it('HTTP platform: the whole text with the signature, our id as idempotency key; 5xx and timeouts retried, refusals not', async () => {
    const channel = new HttpSmsChannel({ provider: 'http', url: `http://${url}/sms`, token: 't0k', signName: '示范市信访局' }, 500);
    let headers: Record<string, string | string[] | undefined> = {};
    let body: { mobile: string; content: string; outId: string } | undefined;
    answer = (b, h) => ((headers = h), (body = JSON.parse(b)), { status: 200, body: { code: 0, msgId: 'm-1' } });
    await expect(channel.send('13800138000', notice)).resolves.toEqual({ providerMessageId: 'm-1' });
    expect(body).toEqual({ mobile: '13800138000', content: '【示范市信访局】您的信访事项已受理。', outId: 'n-1' });
    expect(headers).toMatchObject({ 'idempotency-key': 'n-1', authorization: 'Bearer t0k' });
    answer = () => ({ status: 502, body: {} });
    await expect(channel.send('13800138000', notice)).rejects.toMatchObject({ permanent: false });
    answer = () => ({ status: 200, body: { code: 40001, message: 'invalid mobile' } });
    await expect(channel.send('13800138000', notice)).rejects.toMatchObject({ permanent: true });
    answer = () => 'hang';
    await expect(channel.send('13800138000', notice)).rejects.toMatchObject({ permanent: false, message: expect.stringContaining('no answer in 500 ms') });
  });
});

import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login, stackInfo } from '../support/harness';
import { download, mailTo, pdfText, smsTo, steer, uniqueEmail, uniquePhone, waitForMail } from '../support/notices';
import { complete, freshPetitioner, register, Registered, waitForTask } from '../support/petitions';

interface NoticeView {
  id: string;
  kind: string;
  title: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  recipientContact: string | null;
  registeredMailNumber: string | null;
}

const HANDLER = 'donghu.room1';
const REGISTRAR = 'donghu.registrar';
const ROOM = '990102-handling-room-1';
const ROOM_NAME = '东湖区信访接待办理中心第一办理室（城建国土）';

/** A petition registered for one petitioner with the given contact data, accepted by 东湖区第一办理室. */
async function accepted(contact: Record<string, string | undefined>): Promise<Registered> {
  const [petitioner] = freshPetitioner('赵六');
  const petition = await register({ petitioners: [{ ...petitioner, phone: undefined, ...contact }] });
  const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
  expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
  return petition;
}

async function notices(petitionId: string, username = REGISTRAR): Promise<NoticeView[]> {
  const response = await api('GET', `/api/petitions/${petitionId}/notices`, { token: await login(username) });
  expect(response.status).toBe(200);
  return response.body as NoticeView[];
}

/** Waits until the petition's acceptance notice reaches `status`. */
function acceptanceNotice(petitionId: string, status: string): Promise<NoticeView> {
  return eventually(async () => (await notices(petitionId)).find((n) => n.kind === 'accept' && n.status === status), {
    what: `acceptance notice ${status}`,
    timeoutMs: 30_000,
  });
}

const flat = (text: string) => text.replace(/\s+/g, '');

describe('notices that arrive', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  describe('by SMS through the Aliyun SDK', () => {
    it('sends the acceptance notice (Art. 23) once, with the template and its variables, and a delivery receipt marks it delivered', async () => {
      // given a petitioner with a phone
      const phone = uniquePhone();

      // when the handling unit accepts the matter
      const petition = await accepted({ phone });

      // then the acceptance notice is sent by SMS, once, the notice's id as the provider's OutId
      const notice = await acceptanceNotice(petition.id, 'sent');
      expect(notice).toMatchObject({ channel: 'sms', title: '信访事项受理告知书', attempts: 1, lastError: null });
      const { messages, requests } = await smsTo(phone);
      expect(messages).toHaveLength(1);
      expect(requests).toHaveLength(1);
      expect(messages[0]).toMatchObject({ outId: notice.id, templateCode: 'SMS_900002', signName: '示范市信访局' });
      expect(messages[0].templateParam).toEqual({ number: petition.number, unit: ROOM_NAME });
      // and it was written within the 15 days of Art. 23 (with the decision itself)
      const [row] = await db.query<{ createdAt: string; unitCode: string }>('SELECT "createdAt", "unitCode" FROM "notification" WHERE "id" = ?', [notice.id]);
      expect(row.unitCode).toBe(ROOM);

      // when the provider reports delivery: a wrong token and a malformed report are refused
      const token = stackInfo().noticeProviders.receiptToken;
      const report = [{ phone_number: phone, send_time: '2026-11-29 10:00:00', report_time: '2026-11-29 10:00:05', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: messages[0].bizId, out_id: notice.id }];
      expect((await api('POST', '/api/notices/receipts/aliyun?token=wrong', { body: report })).status).toBe(401);
      expect((await api('POST', `/api/notices/receipts/aliyun?token=${token}`, { body: ['x'] })).status).toBe(400);
      const accepted200 = await api('POST', `/api/notices/receipts/aliyun?token=${token}`, { body: report });
      expect(accepted200).toMatchObject({ status: 200, body: { code: 0 } });

      // then it is delivered, and a repeated report changes nothing
      expect((await notices(petition.id)).find((n) => n.id === notice.id)).toMatchObject({ status: 'delivered' });
      expect((await api('POST', `/api/notices/receipts/aliyun?token=${token}`, { body: report })).status).toBe(200);
      expect((await smsTo(phone)).requests).toHaveLength(1);
    });

    it('retries a provider error and a timeout with back-off, and a slow answer is still a success', async () => {
      // given three petitioners whose provider fails once, times out once, answers slowly
      const failingOnce = uniquePhone();
      const silentOnce = uniquePhone();
      const slow = uniquePhone();
      await steer(failingOnce, { mode: 'server-error', times: 1 });
      await steer(silentOnce, { mode: 'timeout', times: 1 });
      await steer(slow, { mode: 'slow', delayMs: 800 });

      // when their matters are accepted
      const petitions = await Promise.all([accepted({ phone: failingOnce }), accepted({ phone: silentOnce }), accepted({ phone: slow })]);

      // then each notice is sent, after a second attempt where the first failed
      const [a, b, c] = await Promise.all(petitions.map((p) => acceptanceNotice(p.id, 'sent')));
      expect(a.attempts).toBe(2);
      expect(b.attempts).toBe(2);
      expect(c.attempts).toBe(1);
      expect((await smsTo(failingOnce)).requests).toHaveLength(2);
      expect((await smsTo(failingOnce)).messages).toHaveLength(1);
      expect((await smsTo(silentOnce)).messages).toHaveLength(1);

      // and a government platform's receipt format marks one delivered, and another undelivered (tried again)
      const token = stackInfo().noticeProviders.receiptToken;
      const delivered = await api('POST', `/api/notices/receipts/http?token=${token}`, { body: { outId: c.id, status: 'delivered', at: '2026-11-29T02:00:00Z' } });
      expect(delivered.body).toMatchObject({ code: 0, changed: 1 });
      expect((await notices(petitions[2].id)).find((n) => n.id === c.id)).toMatchObject({ status: 'delivered' });
      expect((await api('POST', `/api/notices/receipts/http?token=${token}`, { body: { outId: a.id, status: 'lost' } })).status).toBe(400);
      const undelivered = await api('POST', `/api/notices/receipts/http?token=${token}`, { body: [{ outId: a.id, status: 'failed', error: '关机 13912345678' }] });
      expect(undelivered.body).toMatchObject({ code: 0, changed: 1 });
      const retried = await acceptanceNotice(petitions[0].id, 'sent');
      expect(retried.attempts).toBe(3);
      expect((await smsTo(failingOnce)).messages).toHaveLength(2);
    });

    it('gives up after the last attempt, tells the sending unit, and sends again to the corrected number', async () => {
      // given a petitioner whose number the provider keeps failing on
      const wrong = uniquePhone();
      await steer(wrong, { mode: 'server-error' });
      const petition = await accepted({ phone: wrong });

      // then after three attempts the notice has failed, with the provider's reason and no phone number in it
      const failed = await acceptanceNotice(petition.id, 'failed');
      expect(failed.attempts).toBe(3);
      expect(failed.lastError).toContain('ServiceUnavailable');
      expect(failed.lastError).not.toContain(wrong);
      // and it is on the unit's list of failed deliveries and in its staff's inbox
      const failedList = await api('GET', '/api/notices?status=failed&pageSize=100', { token: await login(HANDLER) });
      expect(failedList.body.items.map((n: { id: string }) => n.id)).toContain(failed.id);
      const inbox = await eventually(async () => {
        const page = await api('GET', '/api/inbox?pageSize=100', { token: await login(HANDLER) });
        return (page.body.items as { kind: string; petitionId: string }[]).find((i) => i.kind === 'delivery-failed' && i.petitionId === petition.id);
      }, { what: 'delivery-failed inbox item' });
      expect(inbox).toBeTruthy();
      // and another unit's handler can neither see it nor resend it
      expect((await api('POST', `/api/notices/${failed.id}/resend`, { token: await login('qingshan.supervisor'), body: {} })).status).toBe(404);

      // when the unit corrects the number (a malformed one is refused first) and sends it again
      const right = uniquePhone();
      const bad = await api('POST', `/api/notices/${failed.id}/resend`, { token: await login(HANDLER), body: { phone: '12345' }, lang: 'zh-CN' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('联系电话');
      const resent = await api('POST', `/api/notices/${failed.id}/resend`, { token: await login(HANDLER), body: { phone: right } });
      expect(resent.status).toBe(200);
      expect(resent.body).toMatchObject({ status: 'pending', attempts: 0, channel: 'sms' });

      // then it reaches the corrected number, and the wrong one gets nothing more
      const sent = await acceptanceNotice(petition.id, 'sent');
      expect(sent.attempts).toBe(1);
      expect((await smsTo(right)).messages.map((m) => m.outId)).toEqual([failed.id]);
      expect((await smsTo(wrong)).requests).toHaveLength(3);
      // and sending it again now is refused: it did not fail
      expect((await api('POST', `/api/notices/${failed.id}/resend`, { token: await login(HANDLER), body: {} })).status).toBe(409);
    });

    it('fails at once when the provider rejects the number: retrying cannot help', async () => {
      const illegal = uniquePhone();
      await steer(illegal, { mode: 'illegal' });
      const petition = await accepted({ phone: illegal });
      const failed = await acceptanceNotice(petition.id, 'failed');
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toContain('isv.MOBILE_NUMBER_ILLEGAL');
      expect(failed.lastError).not.toContain(illegal);
    });
  });

  describe('by e-mail through SMTP', () => {
    it('arrives with a Chinese subject, the text, and the written notice as a PDF that carries the number, the unit and no ID number', async () => {
      // given a petitioner who asked for e-mail
      const email = uniqueEmail();
      const [petitioner] = freshPetitioner('孙八');
      const petition = await register({ petitioners: [{ ...petitioner, phone: uniquePhone(), email, contactPreference: 'email' }] });
      const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
      expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);

      // then the notice arrives at the SMTP server
      const mail = await waitForMail(email);
      expect(mail.subject).toBe(`信访事项受理告知书（编号 ${petition.number}）`);
      expect(mail.from).toContain('xinfang@demo.gov.cn');
      expect(mail.text).toContain(`您的信访事项（编号 ${petition.number}）已由${ROOM_NAME}于`);
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf', filename: `信访事项受理告知书-${petition.number}.pdf` });
      const text = flat(pdfText(Buffer.from(mail.attachments[0].base64, 'base64')));
      expect(text).toContain(petition.number);
      expect(text).toContain(ROOM_NAME);
      expect(text).toContain('信访事项受理告知书');
      expect(text).toContain('将在受理之日起60日内办结');
      expect(text).toContain('《信访工作条例》第二十三条');
      expect(text).not.toContain(petitioner.idNumber);
      const notice = await acceptanceNotice(petition.id, 'sent');
      expect(notice.channel).toBe('email');
      expect(mail.noticeId).toBe(notice.id);
      expect(await mailTo(email)).toHaveLength(1);
    });
  });

  describe('by letter, through the print queue', () => {
    it('waits at the sending unit to be printed, then is posted with a registered-mail number; other units see none of it', async () => {
      // given a petitioner with neither phone nor e-mail
      const petition = await accepted({ address: '东湖区柳岸路8号' });

      // then the acceptance notice is a letter waiting at the unit's print queue
      const letter = await acceptanceNotice(petition.id, 'pending');
      expect(letter.channel).toBe('letter');
      const handler = await login(HANDLER);
      const queue = await api('GET', '/api/print-queue?state=to-print&pageSize=100', { token: handler });
      expect(queue.status).toBe(200);
      const row = queue.body.items.find((n: { id: string }) => n.id === letter.id);
      expect(row).toMatchObject({ petitionNumber: petition.number, recipientContact: '东湖区柳岸路8号' });

      // when the unit downloads and prints it
      const pdf = await download('GET', `/api/notices/${letter.id}/document.pdf`, handler);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(flat(pdfText(pdf.bytes))).toContain('送达方式：邮寄送达');
      expect((await api('POST', `/api/notices/${letter.id}/posted`, { token: handler, body: { registeredMailNumber: 'XA123456789CN' } })).status).toBe(409);
      expect((await api('POST', `/api/notices/${letter.id}/printed`, { token: handler })).body).toMatchObject({ status: 'sent' });
      expect((await api('POST', `/api/notices/${letter.id}/printed`, { token: handler })).status).toBe(409);

      // and posts it by registered mail
      const bad = await api('POST', `/api/notices/${letter.id}/posted`, { token: handler, body: { registeredMailNumber: '<script>' } });
      expect(bad.status).toBe(400);
      const posted = await api('POST', `/api/notices/${letter.id}/posted`, { token: handler, body: { registeredMailNumber: 'xa123456789cn' } });
      expect(posted.body).toMatchObject({ status: 'delivered', registeredMailNumber: 'XA123456789CN' });
      expect((await api('GET', '/api/print-queue?state=posted&pageSize=100', { token: handler })).body.items.map((n: { id: string }) => n.id)).toContain(letter.id);

      // and a unit of another county sees neither the letter nor its document
      const other = await login('qingshan.supervisor');
      expect((await api('GET', `/api/notices/${letter.id}/document.pdf`, { token: other })).status).toBe(404);
      expect((await api('POST', `/api/notices/${letter.id}/printed`, { token: other })).status).toBe(404);
    });
  });

  describe('the registration receipt (登记回执)', () => {
    it('is printed at the desk with the one-time query code, and refused with a wrong one or to another county', async () => {
      // given a petition just registered, its query code on the registrar's screen
      const petition = await register();
      const registrar = await login(REGISTRAR);

      // when the registrar prints the receipt
      const receipt = await download('POST', `/api/petitions/${petition.id}/receipt`, registrar, { queryCode: petition.queryCode.toLowerCase() });

      // then it is a PDF with the number, the query code, the unit and the QR code's caption
      expect(receipt.status).toBe(200);
      expect(receipt.type).toBe('application/pdf');
      const text = flat(pdfText(receipt.bytes));
      expect(text).toContain(petition.number);
      expect(text).toContain(petition.queryCode);
      expect(text).toContain('信访事项登记回执');
      expect(text).toContain('扫码查询办理进展');
      expect(text).not.toContain('11010519491231002X');

      // and a wrong code, a hostile one, or another county's registrar get no receipt
      const wrong = await api('POST', `/api/petitions/${petition.id}/receipt`, { token: registrar, body: { queryCode: 'AAAA-BBBB-CCCC' }, lang: 'zh-CN' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toContain('查询码');
      expect((await api('POST', `/api/petitions/${petition.id}/receipt`, { token: registrar, body: { queryCode: '\ud800'.repeat(10) } })).status).toBe(400);
      expect((await api('POST', `/api/petitions/${petition.id}/receipt`, { token: await login('qingshan.supervisor'), body: { queryCode: petition.queryCode } })).status).toBe(404);
    });
  });

  it('the reply reaches the petitioner in full, and the public page with phone and ID numbers masked', async () => {
    // given an accepted matter, investigated
    const petition = await accepted({ phone: uniquePhone() });
    const handle = await waitForTask(HANDLER, petition.id, 'handle-petition');
    expect((await complete(HANDLER, handle.id, { findings: '已核实' })).status).toBe(204);

    // when the unit replies, naming a phone number in its text
    const replyText = '经核实，物业公司已于11月20日修复外墙。如有问题请联系物业13912345678。';
    const reply = await waitForTask(HANDLER, petition.id, 'reply-petition');
    expect((await complete(HANDLER, reply.id, { replyOutcome: 'support', replyText })).status).toBe(204);

    // then the written reply carries the whole text
    const notice = await eventually(async () => (await notices(petition.id)).find((n) => n.kind === 'reply'), { what: 'reply notice' });
    const pdf = await download('GET', `/api/notices/${notice.id}/document.pdf`, await login(HANDLER));
    expect(flat(pdfText(pdf.bytes))).toContain(flat(replyText));
    // and the public page shows it with the number masked
    const page = await api('GET', `/api/public/progress?number=${petition.number}&code=${petition.queryCode}`);
    expect(page.body.afterReply.replyText).toBe('经核实，物业公司已于11月20日修复外墙。如有问题请联系物业139****5678。');
  });

  describe('templates (告知书模板)', () => {
    it('a system administrator changes the wording as a new version; notices already written keep theirs', async () => {
      // given an acceptance notice written with the product's wording
      const before = await accepted({ address: '东湖区柳岸路9号' });
      const earlier = await acceptanceNotice(before.id, 'pending');
      const admin = await login('sysadmin');
      const list = await api('GET', '/api/admin/notice-templates', { token: admin });
      const accept = list.body.find((t: { kind: string }) => t.kind === 'accept');
      expect(accept).toMatchObject({ title: '信访事项受理告知书', article: '《信访工作条例》第二十三条' });
      expect(accept.variables.map((v: { name: string }) => v.name)).toEqual(['number', 'unit', 'date', 'period', 'committed']);

      // when the administrator adds a sentence (a variable the notice lacks, an empty text, and a handler are refused)
      const unknown = await api('PUT', '/api/admin/notice-templates/accept', { token: admin, body: { body: '编号 {{number}}，{{petitionerPhone}}' }, lang: 'zh-CN' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('{{petitionerPhone}}');
      expect(unknown.body.message).toContain('{{committed}}');
      expect((await api('PUT', '/api/admin/notice-templates/accept', { token: admin, body: { body: '  ' } })).status).toBe(400);
      expect((await api('PUT', '/api/admin/notice-templates/accept', { token: await login(HANDLER), body: { body: accept.body } })).status).toBe(403);
      expect((await api('PUT', '/api/admin/notice-templates/no-such-notice', { token: admin, body: { body: accept.body } })).status).toBe(404);
      const saved = await api('PUT', '/api/admin/notice-templates/accept', { token: admin, body: { body: `${accept.body}如需帮助，请拨打12345热线。` } });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(accept.version + 1);

      try {
        // then the next acceptance notice is written with it, and says which version
        const after = await accepted({ address: '东湖区柳岸路10号' });
        const next = await acceptanceNotice(after.id, 'pending');
        const [row] = await db.query<{ body: string; templateVersion: number }>('SELECT "body", "templateVersion" FROM "notification" WHERE "id" = ?', [next.id]);
        expect(row.body).toMatch(/如需帮助，请拨打12345热线。$/);
        expect(row.templateVersion).toBe(saved.body.version);
        // and the earlier notice, and its document, keep the words they were written with
        const [old] = await db.query<{ body: string; templateVersion: number }>('SELECT "body", "templateVersion" FROM "notification" WHERE "id" = ?', [earlier.id]);
        expect(old.body).not.toContain('12345');
        expect(flat(pdfText((await download('GET', `/api/notices/${earlier.id}/document.pdf`, await login(HANDLER))).bytes))).not.toContain('12345');
        // and the change is in the versions and the audit log
        const versions = await api('GET', '/api/admin/notice-templates/accept/versions', { token: admin });
        expect(versions.body[0]).toMatchObject({ version: saved.body.version, createdBy: 'sysadmin' });
        // and the list says who saved the wording in use
        const listed = (await api('GET', '/api/admin/notice-templates', { token: admin })).body.find((t: { kind: string }) => t.kind === 'accept');
        expect(listed).toMatchObject({ version: saved.body.version, savedBy: 'sysadmin', savedAt: expect.any(String) });
      } finally {
        await api('PUT', '/api/admin/notice-templates/accept', { token: admin, body: { body: accept.body } });
      }
    });
  });

  it('a second completion of the same acceptance adds no second notice', async () => {
    const phone = uniquePhone();
    const [petitioner] = freshPetitioner('周九');
    const petition = await register({ petitioners: [{ ...petitioner, phone }] });
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    const [first, second] = await Promise.all([complete(HANDLER, accept.id, { decision: 'accept' }), complete(HANDLER, accept.id, { decision: 'accept' })]);
    expect([first.status, second.status]).toContain(204);
    await acceptanceNotice(petition.id, 'sent');
    const rows = await db.query<{ id: string }>('SELECT "id" FROM "notification" WHERE "petitionId" = ? AND "kind" = ?', [petition.id, 'accept']);
    expect(rows).toHaveLength(1);
    expect((await smsTo(phone)).messages).toHaveLength(1);
  });
});

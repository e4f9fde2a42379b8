import { chinaDate } from '../../src/clocks/deadline';
import { replyWindows, requestWindow, servedOnDay } from '../../src/clocks/request-windows';
import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login } from '../support/harness';
import { dbTime } from '../support/statutory-clock';
import { complete, freshPetitioner, register, Registered, timerAt, waitForTask } from '../support/petitions';

/**
 * 送达 (信访工作条例 第三十五条): a reply sent by post is served when it arrives, and the rating and
 * review windows count from that day, not from the day the reply was written. The day comes from
 * the letter's return receipt, recorded at the unit that posted it.
 */
const HANDLER = 'donghu.room1';
const DAY = 86_400_000;

interface NoticeView {
  id: string;
  kind: string;
  channel: string;
  status: string;
  servedAt: string | null;
  serviceMethod: string | null;
}

const today = () => chinaDate(new Date());
/** The engine keeps a timer's due date to the second on MySQL/MariaDB, to the millisecond on H2. */
const seconds = (instant: string | Date) => Math.floor((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) / 1000);
const dayAfter = (days: number) => chinaDate(new Date(Date.now() + days * DAY));

async function noticeOf(petitionId: string, kind: string): Promise<NoticeView> {
  const token = await login(HANDLER);
  return eventually(
    async () => ((await api('GET', `/api/petitions/${petitionId}/notices`, { token })).body as NoticeView[]).find((n) => n.kind === kind),
    { what: `${kind} notice of ${petitionId}`, timeoutMs: 30_000 },
  );
}

/** A petitioner with only a postal address, whose reply goes out by post, expected to arrive in `days` days. */
async function repliedByPost(expectedInDays: number): Promise<Registered> {
  const [petitioner] = freshPetitioner('孙八');
  const petition = await register({ petitioners: [{ ...petitioner, phone: undefined, address: '东湖区柳岸路9号' }] });
  await complete(HANDLER, (await waitForTask(HANDLER, petition.id, 'accept-decision')).id, { decision: 'accept' });
  await complete(HANDLER, (await waitForTask(HANDLER, petition.id, 'handle-petition')).id, { findings: '已核实' });
  const replied = await complete(HANDLER, (await waitForTask(HANDLER, petition.id, 'reply-petition')).id, {
    replyOutcome: 'explain',
    replyText: '经核实，已向您解释相关政策。',
    serviceMethod: 'post',
    servedOn: dayAfter(expectedInDays),
  });
  expect(replied.status).toBe(204);
  return petition;
}

/** Prints and posts a letter at the sending unit. */
async function printAndPost(noticeId: string): Promise<void> {
  const token = await login(HANDLER);
  expect((await api('POST', `/api/notices/${noticeId}/printed`, { token })).status).toBe(200);
  expect((await api('POST', `/api/notices/${noticeId}/posted`, { token, body: { registeredMailNumber: 'XA987654321CN' } })).status).toBe(200);
}

const served = async (noticeId: string, body: Record<string, unknown>, as = HANDLER) =>
  api('POST', `/api/notices/${noticeId}/served`, { token: await login(as), body, lang: 'zh-CN' });

const caseOf = async (petitionId: string) => (await api('GET', `/api/petitions/${petitionId}`, { token: await login(HANDLER) })).body;

describe('the service date of a posted reply (送达登记)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  it('moves the rating and review windows, in the records and in the engine, to the day on the return receipt', async () => {
    // given a reply posted with an expected arrival in 5 days, the windows counted from then
    const petition = await repliedByPost(5);
    const expected = replyWindows(servedOnDay(dayAfter(5)));
    const reviewTimer = await timerAt(petition.processInstanceId, 'review-window-closed');
    expect(seconds(reviewTimer.dueDate)).toBe(seconds(expected.reviewRequestClosesAt));
    const letter = await noticeOf(petition.id, 'reply');
    expect(letter.channel).toBe('letter');
    await printAndPost(letter.id);

    // when the return receipt comes back signed today
    const recorded = await served(letter.id, { servedOn: today() });

    // then the letter is served by post today
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'delivered', serviceMethod: 'post', servedAt: servedOnDay(today()).toISOString() });
    // and the case counts its windows from today: the record, the timeline, and both timers in the engine
    const moved = replyWindows(servedOnDay(today()));
    const view = await caseOf(petition.id);
    expect(view).toMatchObject({ status: 'replied', servedAt: servedOnDay(today()).toISOString(), serviceMethod: 'post' });
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'served')).toHaveLength(2);
    expect(seconds((await timerAt(petition.processInstanceId, 'review-window-closed')).dueDate)).toBe(seconds(moved.reviewRequestClosesAt));
    expect(seconds((await timerAt(petition.processInstanceId, 'rating-window-closed')).dueDate)).toBe(seconds(moved.ratingClosesAt));
    // and the public page tells the petitioner the same day
    const progress = await api('GET', `/api/public/progress?number=${petition.number}&code=${petition.queryCode}`);
    expect(progress.body.afterReply).toMatchObject({ servedAt: servedOnDay(today()).toISOString(), serviceMethod: 'post' });

    // when the same receipt is recorded again (a retried request)
    const again = await served(letter.id, { servedOn: today() });

    // then nothing is recorded twice
    expect(again.status).toBe(200);
    expect((await caseOf(petition.id)).timeline.filter((e: { kind: string }) => e.kind === 'served')).toHaveLength(2);
  });

  it('refuses a day that is in the future, before the posting, or does not exist, and changes nothing', async () => {
    // given a posted reply letter
    const petition = await repliedByPost(3);
    const letter = await noticeOf(petition.id, 'reply');
    await printAndPost(letter.id);

    // when the unit enters impossible days, then each is refused with the range that is allowed
    for (const servedOn of [dayAfter(1), dayAfter(-1), '2026-02-30', '2026-13-01']) {
      const refused = await served(letter.id, { servedOn });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain(`${today()} 至 ${today()}`);
    }
    // and malformed or hostile input is refused by validation
    for (const body of [{}, { servedOn: '29/11/2026' }, { servedOn: "2026-11-29' OR 1=1" }, { servedOn: today(), method: 'pigeon' }]) {
      expect((await served(letter.id, body)).status).toBe(400);
    }
    // and the case still counts from the expected arrival
    const view = await caseOf(petition.id);
    expect(view.servedAt).toBe(servedOnDay(dayAfter(3)).toISOString());
    expect(seconds((await timerAt(petition.processInstanceId, 'review-window-closed')).dueDate)).toBe(
      seconds(replyWindows(servedOnDay(dayAfter(3))).reviewRequestClosesAt),
    );
  });

  it('records a letter handed over at the desk, refuses SMS and letters not yet printed, and hides the letter from other counties', async () => {
    // given an acceptance letter waiting to be printed
    const petition = await repliedByPost(2);
    const acceptance = await noticeOf(petition.id, 'accept');
    expect(acceptance.channel).toBe('letter');

    // then it cannot be served before it is printed
    expect((await served(acceptance.id, { servedOn: today() })).status).toBe(409);

    // when it is printed and handed over in person
    expect((await api('POST', `/api/notices/${acceptance.id}/printed`, { token: await login(HANDLER) })).status).toBe(200);
    expect((await served(acceptance.id, { servedOn: today(), method: 'post' })).status).toBe(409);
    const handed = await served(acceptance.id, { servedOn: today() });

    // then it is served in person, and the reply's windows stay as they were
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ status: 'delivered', serviceMethod: 'in-person' });
    expect((await caseOf(petition.id)).servedAt).toBe(servedOnDay(dayAfter(2)).toISOString());

    // and a unit of another county cannot record it
    expect((await served(acceptance.id, { servedOn: today() }, 'qingshan.supervisor')).status).toBe(404);
  });

  it('Art. 36: a posted review opinion’s return receipt moves the re-review window', async () => {
    // given a reply the petitioner asked to have reviewed, and the city bureau's opinion upholding it
    const petition = await repliedByPost(0);
    await timerAt(petition.processInstanceId, 'review-window-closed');
    const requested = await api('POST', '/api/public/review-request', {
      body: { number: petition.number, code: petition.queryCode, reasons: '处理意见没有回应我的诉求' },
    });
    expect([requested.status, requested.body.message]).toEqual([201, undefined]);
    const reviewer = 'city.handler';
    await complete(reviewer, (await waitForTask(reviewer, petition.id, 'decide-review')).id, { outcome: 'uphold', opinion: '维持原处理意见。' });
    await timerAt(petition.processInstanceId, 're-review-window-closed');
    const opinion = await noticeOf(petition.id, 'review-opinion');
    expect(opinion.channel).toBe('letter');
    // and the opinion given ten days ago, as a letter posted the next day (time moved in the records)
    const given = Date.now() - 10 * DAY;
    await db.query('UPDATE "petition_event" SET "occurredAt" = ? WHERE "petitionId" = ? AND "kind" = ?', [dbTime(given), petition.id, 'reviewed']);
    await db.query('UPDATE "notification" SET "createdAt" = ? WHERE "id" = ?', [dbTime(given), opinion.id]);
    const token = await login(reviewer);
    expect((await api('POST', `/api/notices/${opinion.id}/printed`, { token })).status).toBe(200);
    expect((await api('POST', `/api/notices/${opinion.id}/posted`, { token, body: { registeredMailNumber: 'XA135792468CN' } })).status).toBe(200);
    await db.query('UPDATE "notification" SET "printedAt" = ?, "postedAt" = ? WHERE "id" = ?', [dbTime(given + DAY), dbTime(given + DAY), opinion.id]);
    const progress = async () => (await api('GET', `/api/public/progress?number=${petition.number}&code=${petition.queryCode}`)).body.afterReply.reviewRequest;
    expect(await progress()).toMatchObject({ stage: 're-review', closesAt: requestWindow('re-review', new Date(given)).closesAt.toISOString() });

    // when the return receipt shows it arrived five days ago
    const servedOn = dayAfter(-5);
    const recorded = await api('POST', `/api/notices/${opinion.id}/served`, { token, body: { servedOn } });

    // then the re-review window counts from that day: on the public page, on the timeline and in the engine
    expect(recorded.status).toBe(200);
    const closesAt = requestWindow('re-review', servedOnDay(servedOn)).closesAt;
    expect(await progress()).toMatchObject({ stage: 're-review', open: true, closesAt: closesAt.toISOString() });
    expect(seconds((await timerAt(petition.processInstanceId, 're-review-window-closed')).dueDate)).toBe(seconds(closesAt));
    const view = await caseOf(petition.id);
    expect(view.status).toBe('reviewed');
    const services = view.timeline.filter((e: { kind: string }) => e.kind === 'served');
    expect(services).toHaveLength(2);
    expect(services[1]).toMatchObject({ actor: reviewer, note: '挂号信 XA135792468CN', data: { stage: 'review', method: 'post', servedAt: servedOnDay(servedOn).toISOString() } });
  });
});

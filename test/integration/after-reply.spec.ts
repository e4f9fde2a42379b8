import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login, setEngineTaskDue } from '../support/harness';
import { complete, freshPetitioner, letWindowsLapse, petitionInput, Registered, replied, waitForProcessEnd, waitForTask } from '../support/petitions';
import { calendarDaysAfter } from '../support/statutory-calendar';
import { dbTime, sec } from '../support/statutory-clock';

/**
 * After the reply (信访工作条例 第三十二条、第三十五条、第三十六条): the rating of the reply, the review
 * and re-review windows, the reviews themselves, and the conclusion that closes the matter for good.
 * Time is moved in the records (the service date), never by waiting; timers are fired through the job API.
 */
describe('after the reply: rating, review, re-review and conclusion', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const DAY = 86_400_000;


  /** The reply reached the petitioner `days` days ago (a DBA's edit: the stack's clock is real). */
  async function servedDaysAgo(petitionId: string, days: number): Promise<Date> {
    const servedAt = new Date(Date.now() - days * DAY);
    await db.query('UPDATE "petition" SET "servedAt" = ? WHERE "id" = ?', [dbTime(servedAt), petitionId]);
    return servedAt;
  }

  const progressOf = (p: Registered) => api('GET', `/api/public/progress?number=${p.number}&code=${p.queryCode}`);
  const caseOf = async (p: Registered, as = 'donghu.registrar') => (await api('GET', `/api/petitions/${p.id}`, { token: await login(as) })).body;
  const kinds = (view: { timeline: { kind: string }[] }) => view.timeline.map((e) => e.kind);

  it('Art. 35: rated on both parts as unsatisfied, a review asked for on day 29 goes to the body above, due 30 days after the request', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    // given the reply was served by post, which the case records
    expect(await caseOf(matter)).toMatchObject({ status: 'replied', serviceMethod: 'post', servedAt: expect.any(String) });
    // when the petitioner rates the handling unit and the petition office on the public page
    const rated = await api('POST', '/api/public/rating', {
      body: { number: matter.number, code: matter.queryCode, handlingUnit: 'dissatisfied', petitionOffice: 'basically-satisfied', comment: '没有解决问题' },
    });
    expect(rated.status).toBe(201);
    // then a second rating of the same reply is refused
    const again = await api('POST', '/api/public/rating', {
      lang: 'zh-CN',
      body: { number: matter.number, code: matter.queryCode, handlingUnit: 'satisfied', petitionOffice: 'satisfied' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('只能评价一次');
    let progress = (await progressOf(matter)).body;
    expect(progress.afterReply.rating).toMatchObject({ open: false, given: { handlingUnit: 'dissatisfied', petitionOffice: 'basically-satisfied' } });
    expect(progress.afterReply.reviewRequest).toMatchObject({ stage: 'review', open: true, article: '信访工作条例 第三十五条' });

    // when the reply was served 29 days ago and the petitioner asks for a review
    await servedDaysAgo(matter.id, 29);
    const requested = await api('POST', '/api/public/review-request', {
      body: { number: matter.number, code: matter.queryCode, reasons: '处理意见没有回应我的诉求' },
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ stage: 'review', reviewingUnit: expect.any(String) });

    // then the review task is offered to the city bureau, the body above the county room that replied
    const task = await waitForTask('city.handler', matter.id, 'decide-review');
    const view = await caseOf(matter, 'city.handler');
    expect(view.status).toBe('under-review');
    expect(view.reviews).toEqual([
      expect.objectContaining({ stage: 'review', reviewedUnit: expect.objectContaining({ code: '990102-handling-room-1' }), reviewingUnit: expect.objectContaining({ code: '990100-petition-office' }) }),
    ]);
    const requestEntry = view.timeline.find((e: { kind: string }) => e.kind === 'review-requested');
    expect(sec(task.due!)).toBe(sec(calendarDaysAfter(Date.parse(requestEntry.at), 30)));
    // and the petitioner was told the same due date
    expect(sec(requested.body.dueAt)).toBe(sec(task.due!));
    // and the unit that replied cannot act on it
    expect((await api('GET', `/api/tasks/${task.id}`, { token: await login('donghu.room1') })).status).toBe(404);
    // and the reply's rating stays as given
    expect(kinds(view)).toEqual(expect.arrayContaining(['replied', 'served', 'rated', 'review-requested']));
    expect(kinds(view)).not.toContain('rating-lapsed');
  });

  it('Art. 35: a review asked for on day 31 is refused, citing the article and the day the window closed', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    const servedAt = await servedDaysAgo(matter.id, 31);
    const late = await api('POST', '/api/public/review-request', {
      lang: 'zh-CN',
      body: { number: matter.number, code: matter.queryCode, reasons: '不服处理意见' },
    });
    expect(late.status).toBe(409);
    const closedOn = calendarDaysAfter(servedAt, 30);
    const day = new Date(closedOn.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(late.body.message).toContain('第三十五条');
    expect(late.body.message).toContain(day);
    expect((await caseOf(matter)).status).toBe('replied');
  });

  it('a reply left unrated becomes 未评价 when the window ends; the lapsed review window concludes the matter, and the same matter is then not accepted, citing the lapse', async () => {
    const input = petitionInput({ petitioners: freshPetitioner('钱七') });
    const matter = await replied(input);
    // when both windows end unused
    await letWindowsLapse(matter.processInstanceId);
    // then the reply is unrated, the matter concluded
    const view = await caseOf(matter);
    expect(view).toMatchObject({ status: 'concluded', conclusionGround: 'review-lapsed', ratings: [expect.objectContaining({ handlingUnit: null, petitionOffice: null })] });
    expect(kinds(view)).toEqual(expect.arrayContaining(['rating-lapsed', 'concluded']));
    expect((await progressOf(matter)).body.afterReply).toMatchObject({ rating: { lapsed: true, open: false }, reviewRequest: { open: false }, conclusion: { ground: 'review-lapsed' } });
    // and the same matter again is registered and refused, saying why
    const again = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: input });
    expect(again.status).toBe(201);
    expect(again.body.repeatOf).toBe(matter.number);
    await waitForProcessEnd(again.body.processInstanceId);
    const refused = await caseOf(again.body);
    expect(refused).toMatchObject({ status: 'closed', decision: 'refuse-concluded' });
    const entry = refused.timeline.find((e: { kind: string }) => e.kind === 'refused');
    expect(entry.note).toContain('未申请复查');
    expect(entry.note).toContain(matter.number);
  });

  it('while the review window is open, the same matter on day 10 is recorded on the case with the review guidance, not refused', async () => {
    const input = petitionInput({ petitioners: freshPetitioner('钱七') });
    const matter = await replied(input);
    await servedDaysAgo(matter.id, 10);
    const again = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: input });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeat: 'recorded-on-open-case', id: matter.id, reviewGuidance: { stage: 'review', article: '信访工作条例 第三十五条' } });
    const view = await caseOf(matter);
    expect(view.status).toBe('replied');
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'repeat').pop().note).toContain('申请复查');
  });

  it('a petition with new facts or reasons is a new case, recorded as such, even while the window is open', async () => {
    const input = petitionInput({ petitioners: freshPetitioner('钱七') });
    const matter = await replied(input);
    const fresh = await api('POST', '/api/petitions', {
      token: await login('donghu.registrar'),
      body: { ...input, newFactsOrReasons: '物业公司更换后外墙再次脱落，有新的照片和维修合同' },
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(matter.id);
    const view = await caseOf(fresh.body);
    expect(view.timeline.find((e: { kind: string }) => e.kind === 'new-facts')).toMatchObject({ note: expect.stringContaining('新的照片') });
  });

  it('revoke (撤销, 责令重新办理): the unit that replied handles the matter again on a new 60-day period, and replies again', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    expect((await api('POST', `/api/petitions/${matter.id}/review-request`, {
      token: await login('donghu.registrar'),
      body: { reasons: '电话申请复查：调查不充分', channel: 'phone' },
    })).status).toBe(201);
    const review = await waitForTask('city.handler', matter.id, 'decide-review');
    expect((await complete('city.handler', review.id, { outcome: 'revoke', opinion: '调查不充分，撤销原处理意见，责令重新办理。' })).status).toBe(204);
    // then the unit handles it again, without deciding on acceptance again, due 60 days from the order
    const handling = await waitForTask('donghu.room1', matter.id, 'handle-petition');
    const view = await caseOf(matter, 'donghu.room1');
    const revoked = view.timeline.filter((e: { kind: string }) => e.kind === 'reviewed').pop();
    expect(sec(handling.due!)).toBe(sec(calendarDaysAfter(Date.parse(revoked.at), 60)));
    expect(view).toMatchObject({ status: 'handling', replyOutcome: null, reviews: [expect.objectContaining({ outcome: 'revoke', opinion: expect.stringContaining('撤销') })] });
    // and the case goes through reply again, opening new windows
    await complete('donghu.room1', handling.id, { findings: '重新核实' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', matter.id, 'reply-petition')).id, { replyOutcome: 'support', replyText: '支持您的诉求。' });
    await eventually(async () => ((await caseOf(matter)).status === 'replied' ? true : undefined), { what: 'the second reply' });
    const progress = (await progressOf(matter)).body;
    expect(progress.afterReply).toMatchObject({ rating: { open: true, given: null }, reviewRequest: { stage: 'review', open: true } });
    expect(progress.afterReply.reviews).toEqual([expect.objectContaining({ outcome: 'revoke', opinion: expect.stringContaining('撤销') })]);
  });

  it('Art. 36: a township reply reviewed by the county, re-reviewed by the city, concludes the matter; the same matter again is not accepted, citing Art. 36', async () => {
    const input = petitionInput({ petitioners: freshPetitioner('钱七'), matterScope: 'township', regionCode: '990102001002' });
    const matter = await replied(input, 'dhjd.handler');
    expect((await api('POST', '/api/public/review-request', { body: { number: matter.number, code: matter.queryCode, reasons: '不服街道处理意见' } })).status).toBe(201);
    // the county bureau reviews the township office's reply, and upholds it
    const review = await waitForTask('donghu.handler', matter.id, 'decide-review');
    expect((await complete('donghu.handler', review.id, { outcome: 'uphold', opinion: '维持街道处理意见。' })).status).toBe(204);
    await eventually(async () => ((await caseOf(matter)).status === 'reviewed' ? true : undefined), { what: 'the review opinion' });
    expect((await progressOf(matter)).body.afterReply.reviewRequest).toMatchObject({ stage: 're-review', open: true, article: '信访工作条例 第三十六条' });
    // the city bureau re-reviews it
    expect((await api('POST', '/api/public/review-request', { body: { number: matter.number, code: matter.queryCode, reasons: '不服复查意见' } })).status).toBe(201);
    const reReview = await waitForTask('city.handler', matter.id, 'decide-re-review');
    expect((await complete('city.handler', reReview.id, { outcome: 'change', opinion: '变更为部分支持。' })).status).toBe(204);
    await waitForProcessEnd(matter.processInstanceId);
    const view = await caseOf(matter);
    expect(view).toMatchObject({ status: 'concluded', conclusionGround: 're-reviewed' });
    expect(view.reviews.map((r: { stage: string; outcome: string }) => [r.stage, r.outcome])).toEqual([['review', 'uphold'], ['re-review', 'change']]);
    // a further request is refused
    const more = await api('POST', '/api/public/review-request', { lang: 'zh-CN', body: { number: matter.number, code: matter.queryCode, reasons: '还是不服' } });
    expect(more.status).toBe(409);
    // and the same matter is not accepted again (Art. 36)
    const again = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: input });
    await waitForProcessEnd(again.body.processInstanceId);
    const refused = (await caseOf(again.body)).timeline.find((e: { kind: string }) => e.kind === 'refused');
    expect(refused.note).toContain('经复核终结');
    expect(refused.note).toContain('第三十六条');
  });

  it('the county’s supervisor reads the case under review, another county’s does not; the supervisor above the reviewing body sees the review in the overdue report; the public page never shows the reasons', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    await api('POST', '/api/public/review-request', { body: { number: matter.number, code: matter.queryCode, reasons: '私密理由：邻居张某某' } });
    await waitForTask('city.handler', matter.id, 'decide-review');
    expect((await api('GET', `/api/petitions/${matter.id}`, { token: await login('donghu.supervisor') })).status).toBe(200);
    expect((await api('GET', `/api/petitions/${matter.id}`, { token: await login('qingshan.supervisor') })).status).toBe(404);
    const reviewsInReach = async (who: string) =>
      ((await api('GET', '/api/reports/overdue?maxResults=500&window=60&step=decide-review', { token: await login(who) })).body.items as { petition: { id: string } }[]).some(
        (i) => i.petition.id === matter.id,
      );
    // the review is due within 60 days: the supervisor above the reviewing body sees it coming, another county's does not
    expect(await reviewsInReach('city.supervisor')).toBe(true);
    expect(await reviewsInReach('qingshan.supervisor')).toBe(false);
    expect(JSON.stringify((await progressOf(matter)).body)).not.toContain('私密理由');
    // and only a registrar takes a request down for a petitioner
    const byHandler = await api('POST', `/api/petitions/${matter.id}/rating`, {
      token: await login('donghu.room1'),
      body: { handlingUnit: 'satisfied', petitionOffice: 'satisfied', channel: 'phone' },
    });
    expect(byHandler.status).toBe(403);
  });

  it('lets the city supervisor find an overdue review in the overdue report, filtered by its step', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    await api('POST', '/api/public/review-request', { body: { number: matter.number, code: matter.queryCode, reasons: '不服' } });
    const task = await waitForTask('city.handler', matter.id, 'decide-review');
    // the review is 3 days overdue, and the bureau takes it (which refreshes the report's copy of it)
    await setEngineTaskDue(task.id, new Date(Date.now() - 3 * DAY));
    expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('city.handler') })).status).toBe(200);
    const report = await api('GET', '/api/reports/overdue?maxResults=500&step=decide-review', { token: await login('city.supervisor') });
    expect(report.status).toBe(200);
    expect(report.body.items.find((i: { taskId: string }) => i.taskId === task.id)).toMatchObject({ step: 'decide-review', daysOverdue: 3 });
    expect(report.body.items.every((i: { step: string }) => i.step === 'decide-review')).toBe(true);
  });

  it('refuses a rating or a review request with a wrong query code, revealing nothing', async () => {
    const matter = await replied(petitionInput({ petitioners: freshPetitioner('钱七') }));
    const rating = await api('POST', '/api/public/rating', { body: { number: matter.number, code: 'AAAA-BBBB-CCCC', handlingUnit: 'satisfied', petitionOffice: 'satisfied' } });
    const review = await api('POST', '/api/public/review-request', { body: { number: matter.number, code: 'AAAA-BBBB-CCCC', reasons: 'x' } });
    expect([rating.status, review.status]).toEqual([404, 404]);
    expect((await caseOf(matter)).ratings).toEqual([]);
  });
});

import type { Browser } from 'playwright-core';
import { api, eventually, login, stackInfo } from '../support/harness';
import { complete, register, timerAt, waitForTask } from '../support/petitions';
import { launchBrowser, screenshotPath, signInAt } from './browser';

/**
 * After the reply, in a real browser: the petitioner rates the reply and asks for a review on a phone
 * (375 px wide, Chinese), and the city bureau decides the review in its workbench (Art. 35).
 */
describe('after the reply, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('a petitioner rates the reply as unsatisfied and asks for a review on a phone; the reviewer upholds it in the workbench', async () => {
    // given a reply served to the petitioner
    const created = await register();
    await complete('donghu.room1', (await waitForTask('donghu.room1', created.id, 'accept-decision')).id, { decision: 'accept' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', created.id, 'handle-petition')).id, { findings: '已核实' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', created.id, 'reply-petition')).id, { replyOutcome: 'explain', replyText: '已向您解释相关政策。' });
    await timerAt(created.processInstanceId, 'review-window-closed');

    // when the petitioner looks the case up on a phone
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    try {
      await phone.goto(`${stackInfo().apiUrl}/progress`);
      await phone.locator('input[data-testid="progress-number"], [data-testid="progress-number"] input').first().fill(created.number);
      await phone.locator('input[data-testid="progress-code"], [data-testid="progress-code"] input').first().fill(created.queryCode);
      await phone.getByTestId('progress-submit').click();
      await phone.getByTestId('rating-form').waitFor({ timeout: 20_000 });
      // and rates the handling unit 不满意 and the petition office 基本满意
      await phone.getByTestId('rating-handlingUnit-dissatisfied').click();
      await phone.getByTestId('rating-petitionOffice-basically-satisfied').click();
      // then the review is offered right there
      await phone.getByTestId('review-offer').first().waitFor();
      await phone.getByTestId('rating-submit').click();
      await phone.getByTestId('rating-given').waitFor();
      await expect(phone.getByTestId('rating-given-handlingUnit').textContent()).resolves.toContain('不满意');
      // and nothing on the page is wider than the phone
      await expect(phone.evaluate('document.documentElement.scrollWidth') as Promise<number>).resolves.toBeLessThanOrEqual(375);

      // when the petitioner asks for a review with reasons
      await phone.locator('textarea[data-testid="review-reasons"], [data-testid="review-reasons"] textarea').first().fill('处理意见没有回应我的诉求');
      await phone.getByTestId('review-submit').click();
      await phone.getByTestId('review-requested').waitFor({ timeout: 20_000 });
      await expect(phone.getByTestId('review-requested').textContent()).resolves.toContain('复查');
      await phone.screenshot({ path: screenshotPath('public-after-reply-375'), fullPage: true });
    } finally {
      await phone.close();
    }

    // when the city bureau decides the review in its workbench
    const task = await waitForTask('city.handler', created.id, 'decide-review');
    const reviewer = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signInAt(reviewer, `/workbench/tasks/${task.id}`, 'city.handler');
      await reviewer.getByTestId('petition-summary').waitFor({ timeout: 20_000 });
      // the task is offered to the bureau: the reviewer takes it, then decides
      const claim = reviewer.getByTestId('task-claim');
      if (await claim.isVisible()) await claim.click();
      await reviewer.locator('[data-testid="step-form"][data-step="decide-review"]').waitFor({ timeout: 20_000 });
      await reviewer.locator('[data-testid="field-outcome-uphold"]').click();
      await reviewer.locator('textarea[data-testid="input-opinion"], [data-testid="input-opinion"] textarea').first().fill('原处理意见认定事实清楚，维持。');
      await reviewer.getByTestId('task-submit').click();
      await reviewer.getByTestId('workbench-tasks').waitFor({ timeout: 20_000 });
    } finally {
      await reviewer.close();
    }

    // then the petitioner's page shows the review opinion, and the re-review window is open
    const progress = await eventually(
      async () => {
        const body = (await api('GET', `/api/public/progress?number=${created.number}&code=${created.queryCode}`)).body;
        return body.status === 'reviewed' ? body : undefined;
      },
      { what: 'the review opinion' },
    );
    expect(progress.afterReply.reviews).toEqual([expect.objectContaining({ stage: 'review', outcome: 'uphold', opinion: '原处理意见认定事实清楚，维持。' })]);
    expect(progress.afterReply.reviewRequest).toMatchObject({ stage: 're-review', open: true });
    expect((await api('GET', `/api/petitions/${created.id}`, { token: await login('city.handler') })).body.status).toBe('reviewed');
  });
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { stackInfo } from '../support/harness';
import { complete, freshPetitioner, register, waitForTask } from '../support/petitions';
import { launchBrowser, screenshotPath } from './browser';

/**
 * 公告公示 in a real browser, on a phone (375 × 740), without signing in: reached from the sign-in page,
 * it lists a matter just accepted, with its ID number masked, fits the screen, and switches to English.
 */
describe('the public notice board, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows an accepted matter on a phone, masked, without horizontal scrolling, in Chinese and in English', async () => {
    // given a complaint about 湖滨社区 whose subject carries an ID number, accepted by 东湖区第一办理室
    const marker = randomUUID().slice(0, 8);
    const created = await register({
      regionCode: '990102002001',
      subject: `湖滨社区路灯损坏（身份证110105194912310021）${marker}`,
      petitioners: freshPetitioner('诸葛亮'),
    });
    const accepted = await complete('donghu.room1', (await waitForTask('donghu.room1', created.id, 'accept-decision')).id, { decision: 'accept' });
    expect(accepted.status).toBe(204);

    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    try {
      // when a visitor follows the link on the sign-in page
      await phone.goto(`${stackInfo().apiUrl}/login`);
      await phone.getByTestId('link-public-board').click();
      await phone.getByTestId('board-title').waitFor({ timeout: 20_000 });
      await expect(phone.getByTestId('board-title').textContent()).resolves.toBe('信访事项公告公示');

      // and opens the board of 湖滨社区
      await phone.goto(`${stackInfo().apiUrl}/board?region=990102002001`);
      const card = phone.getByTestId(`board-item-${created.id}`);
      await card.waitFor({ timeout: 20_000 });

      // then the matter is there, with its unit and status, the ID number masked and no name
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(marker);
      expect(text).toContain('1101**********0021');
      expect(text).not.toContain('110105194912310021');
      expect(text).toContain('第一办理室');
      expect(text).toContain('办理中');
      expect(await phone.locator('body').textContent()).not.toContain('诸葛亮');
      // and nothing on the page is wider than the phone
      await expect(phone.evaluate('document.documentElement.scrollWidth') as Promise<number>).resolves.toBeLessThanOrEqual(375);
      await phone.screenshot({ path: screenshotPath('public-board-375-zh'), fullPage: true });

      // when the visitor switches to English
      await phone.getByTestId('language-switch').getByText('English').click();
      await expect(phone.getByTestId('board-title').textContent()).resolves.toBe('Public notice board');
      await expect(card.textContent()).resolves.toContain('Being handled');
      await expect(phone.getByTestId('board-tabs').textContent()).resolves.toContain('Results');
      await expect(phone.evaluate('document.documentElement.scrollWidth') as Promise<number>).resolves.toBeLessThanOrEqual(375);
      await phone.screenshot({ path: screenshotPath('public-board-375-en'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});

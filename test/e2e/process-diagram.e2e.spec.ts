import type { Page } from 'playwright-core';
import { stackInfo } from '../support/harness';
import { browserPerFile, screenshotPath, signInAt } from './browser';

describe('the web app in a real browser', () => {
  const { newPage } = browserPerFile();
  let page: Page;

  beforeEach(async () => {
    page = await newPage();
  });
  afterEach(() => page.close());

  it('signs an administrator in and shows the deployed petition diagram with its four tier lanes', async () => {
    await signInAt(page, '/', 'admin');

    const diagram = page.getByTestId('diagram');
    await diagram.locator('[data-element-id="register-petition"]').waitFor({ timeout: 20_000 });
    // the four tiers as lanes, with the entry, routing, hand-over and superior-decision paths drawn
    for (const id of [
      'lane-city',
      'lane-county',
      'lane-township',
      'lane-village',
      'forward-to-township',
      'assign-competent-unit',
      'handle-at-township',
      'flow-outcome-handed-over',
      'decide-dispute-city',
      'flow-decision-loop',
      // after the reply: the windows, review and re-review, the way back to handling, the conclusion
      'after-reply',
      'rating-window-closed',
      'review-stage',
      're-review-stage',
      'flow-review-revoked',
      'conclude-unused',
      'petition-concluded',
    ]) {
      await expect(diagram.locator(`[data-element-id="${id}"]`).count()).resolves.toBe(1);
    }
    for (const key of ['unit-handling', 'review', 'hearing']) {
      await expect(page.getByTestId('process-list').locator(`[data-process-key="${key}"]`).count()).resolves.toBe(1);
    }
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    await page.screenshot({ path: screenshotPath('process-diagram'), fullPage: true });
  });

  it('tells a person who mistypes the password what went wrong, in Chinese', async () => {
    await page.goto(stackInfo().apiUrl + '/login');
    const form = page.getByTestId('login-form');
    await form.locator('input').nth(0).fill('admin');
    await form.locator('input[type="password"]').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
  });

  it('opens a deep link to a diagram after sign-in', async () => {
    await signInAt(page, '/processes/unit-handling', 'donghu.room1');
    await page.getByTestId('diagram').locator('[data-element-id="accept-decision"]').waitFor({ timeout: 20_000 });
  });

  it('signs out on the server too: the token left behind no longer opens anything', async () => {
    await signInAt(page, '/login', 'donghu.room2');
    await page.getByTestId('sign-out').waitFor();
    // evaluated in the page, where sessionStorage exists
    const token = await page.evaluate('sessionStorage.getItem("petition.ui.accessToken")');
    expect(token).toBeTruthy();
    const me = () => fetch(`${stackInfo().apiUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-form').waitFor();
    expect((await me()).status).toBe(401);
  });
});

import type { Page } from 'playwright-core';
import { browserPerFile, screenshotPath, signInAt } from './browser';

/**
 * The scoring table (考核评分表, assessment-scoring.dmn) in the modeler: the process administrator
 * finds it among the decisions, it opens in the decision editor with its rules, and an edit leaves it
 * deployable (no check blocks it). Deploying is left to test/integration/scores.spec.ts, which deploys
 * through the same API and checks which months the new version scores; a deployment here would race it.
 */
describe('the scoring table in the modeler, in a real browser', () => {
  const { newPage } = browserPerFile();
  let page: Page;

  beforeEach(async () => {
    page = await newPage();
  });
  afterEach(() => page.close());

  it('lists it, opens its rules, and keeps it deployable after an edit', async () => {
    await signInAt(page, '/decisions', 'admin');
    const entry = page.getByTestId('decision-list').locator('[data-definition-key="assessment-scoring"]');
    await entry.waitFor({ timeout: 20_000 });
    await expect(entry.textContent()).resolves.toContain('考核评分表');
    await entry.click();
    await page.waitForURL('**/decisions/assessment-scoring');

    const editor = page.locator('[data-testid="decision-modeler"][data-baseline="assessment-scoring"]');
    await editor.waitFor({ timeout: 20_000 });
    const rows = editor.locator('.tjs-table tbody tr');
    await expect(rows.count()).resolves.toBe(7);
    await expect(editor.locator('.tjs-table tbody').textContent()).resolves.toContain('"timelyAcceptance"');
    await expect(editor.locator('.tjs-table tbody').textContent()).resolves.toContain('"discipline-recommended"');

    // an administrator's edit: first-time resolution weighted 15 instead of 10
    const points = rows.nth(4).locator('td.output-cell').last();
    await expect(points.textContent()).resolves.toContain('10');
    await points.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15');
    await page.keyboard.press('Escape');
    await editor.getByTestId('change-count').filter({ hasNotText: '0' }).waitFor();
    await expect(editor.getByTestId('deploy-blocked').count()).resolves.toBe(0);
    await expect(editor.getByTestId('editor-deploy').isDisabled()).resolves.toBe(false);
    await page.screenshot({ path: screenshotPath('scoring-table'), fullPage: true });
  });
});

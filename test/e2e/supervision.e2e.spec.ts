import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { api, DEMO_PASSWORD, engine, eventually, login, stackInfo, setEngineTaskDue } from '../support/harness';
import { register, Registered } from '../support/petitions';
import { launchBrowser, screenshotPath } from './browser';

const DAY = 86_400_000;
const SUBJECT = `督办浏览器测试：路灯损坏三个月未修（${Date.now()}）`;

/**
 * Makes the petition's acceptance decision `days` overdue, as test/integration/overdue-report.spec.ts
 * does: move the engine's due date, then have the unit claim the task through the API, which updates
 * the report's copy of it.
 */
async function overdue(petition: Registered, days: number): Promise<string> {
  const task = await eventually(
    async () =>
      (await engine<{ id: string; taskDefinitionKey: string }[]>('GET', `/task?processInstanceBusinessKey=${petition.number}`)).find(
        (t) => t.taskDefinitionKey === 'accept-decision',
      ),
    { what: `the acceptance decision of ${petition.number}` },
  );
  await setEngineTaskDue(task.id, new Date(Date.now() - days * DAY));
  expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('donghu.room1') })).status).toBe(200);
  return task.id;
}

async function signIn(page: Page, username: string, path: string): Promise<void> {
  await page.goto(`${stackInfo().apiUrl}/login?redirect=${encodeURIComponent(path)}`);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input').nth(0).fill(username);
  await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('supervising overdue work and following a case in a real browser', () => {
  let browser: Browser;
  let petition: Registered;
  let taskId: string;
  let noticeId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    petition = await register({ subject: SUBJECT });
    taskId = await overdue(petition, 45);
  });
  afterAll(() => browser?.close());

  it('lets a county supervisor find the overdue case, send a supervision notice and export the report', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    try {
      await signIn(page, 'donghu.supervisor', '/supervision');
      await page.getByTestId('nav-supervision-overdue').waitFor();
      const row = page.getByTestId(`overdue-row-${petition.number}`);
      await row.waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('chart-ageing').textContent()).resolves.toContain('超期时长分布');
      // the row: its subject, and the days as "超期 N 天" under a header that fits both kinds of row
      await expect(page.getByTestId(`overdue-subject-${taskId}`).textContent()).resolves.toBe(SUBJECT);
      await expect(page.getByTestId(`overdue-days-${taskId}`).textContent()).resolves.toContain('超期 45 天');
      await expect(page.getByTestId('overdue-table').locator('th').filter({ hasText: '超期/剩余' }).count()).resolves.toBe(1);
      // the level chart draws bars, not "暂无数据"
      const byLevel = page.getByTestId('chart-by-level');
      await byLevel.locator('canvas').first().waitFor({ timeout: 10_000 });
      await expect(byLevel.textContent()).resolves.not.toContain('暂无数据');

      // 督办
      await page.getByTestId(`supervise-${taskId}`).click();
      await page.getByTestId('issue-note').fill('请于三日内办结并反馈');
      await page.getByTestId('issue-submit').click();
      await page.locator('.el-message--success').filter({ hasText: '督办通知已发送' }).waitFor();
      const notices = await api('GET', '/api/supervision?kind=supervision&maxResults=200', { token: await login('donghu.supervisor') });
      noticeId = notices.body.items.find((n: { petition: { number: string } }) => n.petition.number === petition.number)?.id;
      expect(noticeId).toBeTruthy();

      // 导出 Excel
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('overdue-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('超期督办')!;
      const rows: unknown[][] = [];
      sheet.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1)));
      const mine = rows.find((r) => r[0] === petition.number);
      expect(mine).toBeDefined();
      expect(mine![1]).toBe(SUBJECT);
      expect(mine![2]).toBe('受理决定');
      expect(mine![5]).toBeInstanceOf(Date);
      expect(mine![6]).toBe('超期');
      expect(mine![7]).toBe(45);

      await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => undefined);
      // the shell scrolls inside its main area: grow the window so the picture holds the whole page
      await page.setViewportSize({ width: 1366, height: 1500 });
      await page.locator('.el-message').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await page.screenshot({ path: screenshotPath('supervision'), fullPage: true });

      // English
      await page.getByTestId('language-switch').getByText('English').click();
      await expect(page.getByTestId('chart-ageing').textContent()).resolves.toContain('Days overdue');
      await expect(page.getByTestId('overdue-table').textContent()).resolves.toContain('Acceptance decision');
      await expect(page.getByTestId(`overdue-days-${taskId}`).textContent()).resolves.toContain('45 days overdue');
    } finally {
      await page.close();
    }
  });

  it('takes the supervisor from a report row to the case page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signIn(page, 'donghu.supervisor', '/supervision');
      const row = page.getByTestId(`overdue-row-${petition.number}`);
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      await page.waitForURL((url) => url.pathname === `/workbench/petitions/${petition.id}`, { timeout: 10_000 });
    } finally {
      await page.close();
    }
  });

  it('shows the supervisor where work is stuck on the process diagram', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signIn(page, 'donghu.supervisor', '/supervision/heat');
      const diagram = page.getByTestId('heat-diagram');
      // the acceptance step carries the county's open and overdue counts, the overdue case among them
      const badge = diagram.locator('[data-badge-for="accept-decision"]');
      await badge.waitFor({ timeout: 20_000 });
      await expect(badge.textContent()).resolves.toMatch(/^在办 \d+ · 超期 [1-9]\d*$/);
      await expect(diagram.locator('[data-element-id="accept-decision"]').getAttribute('class')).resolves.toMatch(/heat-(low|mid|high)/);
      // the legend is coloured like the cells: four swatches, the darkest the "all overdue" red
      const swatches = page.getByTestId('heat-legend').locator('.heat-swatch');
      await expect(swatches.count()).resolves.toBe(4);
      // (the function runs in the page; the test's own types have no DOM)
      const background = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
      await expect(swatches.last().evaluate(background)).resolves.toBe('rgb(248, 152, 152)');
      await page.screenshot({ path: screenshotPath('supervision-heat') });

      // a step leads to the tasks behind it: the report filtered by that step, the overdue case among them
      await diagram.locator('[data-element-id="accept-decision"]').click();
      await page.waitForURL((url) => url.pathname === '/supervision' && url.searchParams.get('step') === 'accept-decision', { timeout: 10_000 });
      await page.getByTestId(`overdue-row-${petition.number}`).waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('filter-step').textContent()).resolves.toContain('受理决定');

      // and the same from the list of steps under the diagram (keyboard-reachable buttons)
      await page.goBack();
      const step = page.getByTestId('heat-step-accept-decision');
      await step.waitFor({ timeout: 20_000 });
      await step.click();
      await page.waitForURL((url) => url.searchParams.get('step') === 'accept-decision', { timeout: 10_000 });
      await page.getByTestId(`overdue-row-${petition.number}`).waitFor({ timeout: 20_000 });
    } finally {
      await page.close();
    }
  });

  it('lets the handling room answer the supervision notice', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signIn(page, 'donghu.room1', '/supervision/notices');
      // the notice's case is a link to its page
      await expect(page.getByTestId(`notice-case-${noticeId}`).getAttribute('href')).resolves.toBe(`/workbench/petitions/${petition.id}`);
      await page.getByTestId(`answer-${noticeId}`).click();
      await page.getByTestId('answer-text').fill('已联系信访人，预计三日内作出受理决定');
      await page.getByTestId('answer-submit').click();
      await page.locator('.el-message--success').filter({ hasText: '反馈已提交' }).waitFor();
      // the table reloads after the answer: wait for the row to show it rather than read it mid-load
      await page.getByTestId('notices-table').getByText('已联系信访人，预计三日内作出受理决定').first().waitFor({ timeout: 10_000 });
      await page.locator('.el-overlay-dialog').first().waitFor({ state: 'hidden' });
      await page.screenshot({ path: screenshotPath('supervision-notices') });
    } finally {
      await page.close();
    }
  });

  it('lets the petitioner, signed out on a phone, follow the case with the number and query code', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true });
    try {
      await page.goto(`${stackInfo().apiUrl}/progress`);
      await page.getByTestId('progress-form').waitFor();
      await page.getByTestId('progress-number').fill(petition.number);
      await page.getByTestId('progress-code').fill(petition.queryCode.replace(/-/g, '').toLowerCase());
      await page.getByTestId('progress-submit').click();
      await page.getByTestId('progress-result').waitFor();
      await expect(page.getByTestId('progress-status').textContent()).resolves.toContain('待受理');
      await expect(page.getByTestId('progress-timeline').textContent()).resolves.toContain('登记');
      // nothing sticks out sideways at phone width
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      await page.screenshot({ path: screenshotPath('public-progress'), fullPage: true });

      // a wrong code is explained
      await page.getByTestId('progress-code').fill('ZZZZ-ZZZZ-ZZZZ');
      await page.getByTestId('progress-submit').click();
      await expect(page.getByTestId('progress-error').textContent()).resolves.toContain('查询码不正确');
    } finally {
      await page.close();
    }
  });
});

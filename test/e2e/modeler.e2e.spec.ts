import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, api, login, stackInfo } from '../support/harness';
import { launchBrowser, screenshotPath } from './browser';

// Deploys only its own tiny process (key e2e-modeler-demo, from a fixture), so the processes the
// other tests run on the same stack are not touched.
const FIXTURES = join(__dirname, 'fixtures');
const DEMO_KEY = 'e2e-modeler-demo';

async function deployedVersionOf(key: string): Promise<number | null> {
  const response = await api<Array<{ key: string; version: number }>>('GET', '/api/processes', {
    token: await login('admin'),
  });
  expect(response.status).toBe(200);
  return response.body.find((d) => d.key === key)?.version ?? null;
}

describe('the process modeler in a real browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  });
  afterEach(() => page.close());

  it('lets a process administrator import, rename a task in the properties panel and deploy new versions; lint errors block deploying', async () => {
    await page.goto(stackInfo().apiUrl + '/processes/unit-handling');
    const form = page.getByTestId('login-form');
    await form.locator('input').nth(0).fill('admin');
    await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();

    const diagram = page.getByTestId('diagram');
    await diagram.locator('[data-element-id="accept-decision"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('properties-panel').waitFor();
    const deploy = page.getByTestId('modeler-deploy');

    // import the fixture from disk: a new process, every element listed as added
    await page.getByTestId('modeler-file').setInputFiles(join(FIXTURES, 'modeler-demo.bpmn'));
    await diagram.locator('[data-element-id="demo-review"]').waitFor();
    await expect(page.getByTestId('lint-count').textContent()).resolves.toContain('错误 0');
    await page.getByTestId('change-list').locator('[data-element-ref="demo-review"][data-change="added"]').waitFor({ state: 'attached' });

    // deploy it: its first version, listed, and the page switches to it
    const before = await deployedVersionOf(DEMO_KEY);
    await deploy.click();
    await page.getByTestId('deploy-result').filter({ hasText: DEMO_KEY }).waitFor();
    const first = await deployedVersionOf(DEMO_KEY);
    expect(first).toBe((before ?? 0) + 1);
    await page.getByTestId('process-list').locator(`[data-process-key="${DEMO_KEY}"]`).waitFor();
    await page.waitForURL(`**/processes/${DEMO_KEY}`);
    await page.getByTestId('diagram-version').filter({ hasText: `版本 ${first}` }).waitFor();
    // edits made before the deployed version has loaded would be replaced by it
    await page.locator(`.process-modeler[data-baseline="${DEMO_KEY}"]`).waitFor();

    // rename the task through the properties panel: marked as changed against the deployed version
    await diagram.locator('[data-element-id="demo-review"]').click();
    const name = page.getByTestId('properties-panel').locator('#bio-properties-panel-name');
    await name.waitFor();
    await expect(name.inputValue()).resolves.toBe('登记材料');
    await name.fill('复核材料');
    await page.getByTestId('change-list').locator('[data-element-ref="demo-review"][data-change="changed"]').waitFor({ state: 'attached' });
    await diagram.locator('[data-element-id="demo-review"].modeler-changed').waitFor();
    await expect(diagram.locator('[data-element-id="demo-review"]').textContent()).resolves.toContain('复核材料');

    await deploy.click();
    await page.getByTestId('deploy-result').filter({ hasText: `版本 ${first! + 1}` }).waitFor();
    await expect(deployedVersionOf(DEMO_KEY)).resolves.toBe(first! + 1);
    const xml = await api('GET', `/api/processes/${DEMO_KEY}/xml`, { token: await login('admin') });
    expect(xml.body.bpmn20Xml).toContain('复核材料');

    // the current diagram downloads as <process id>.bpmn
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('modeler-download').click()]);
    expect(download.suggestedFilename()).toBe(`${DEMO_KEY}.bpmn`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toContain('name="复核材料"');

    // a disconnected task is a lint error: deploying is blocked and the error names the element
    await page.getByTestId('modeler-file').setInputFiles(join(FIXTURES, 'modeler-broken.bpmn'));
    await diagram.locator('[data-element-id="demo-lonely"]').waitFor();
    const blocked = page.getByTestId('deploy-blocked');
    await blocked.waitFor();
    await expect(blocked.textContent()).resolves.toContain('孤立任务');
    await expect(deploy.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('lint-count').textContent()).resolves.not.toContain('错误 0');
    await page.getByRole('tab', { name: /检查/ }).click();
    const issue = page.getByTestId('lint-issues').locator('[data-element-ref="demo-lonely"][data-category="error"]').first();
    await issue.waitFor();
    await issue.click();
    // the click selects the element and shows its properties
    await expect(page.getByTestId('properties-panel').locator('#bio-properties-panel-name').inputValue()).resolves.toBe('孤立任务');
    await expect(deployedVersionOf('e2e-modeler-broken')).resolves.toBeNull();

    // leaving with undeployed edits asks first; "继续编辑" stays
    await page.getByTestId('process-list').locator('[data-process-key="unit-handling"]').click();
    const dialog = page.locator('.el-message-box');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('未部署的修改');
    await dialog.getByRole('button', { name: '继续编辑' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`/processes/${DEMO_KEY}`);

    await page.getByRole('tab', { name: /检查/ }).click();
    await page.getByRole('tab', { name: /检查/, selected: true }).waitFor();
    await page.locator('.el-message').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await page.screenshot({ path: screenshotPath('modeler'), fullPage: true });

    // the editor's own labels follow the UI language
    await expect(page.locator('.djs-palette [aria-label="创建任务"]').count()).resolves.toBe(1);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.locator('.djs-palette [aria-label="Create task"]').waitFor();
  });

  it('keeps the read-only viewer for a person without the process-admin role', async () => {
    await page.goto(stackInfo().apiUrl + '/processes/unit-handling');
    const form = page.getByTestId('login-form');
    await form.locator('input').nth(0).fill('donghu.room1');
    await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('diagram').locator('[data-element-id="accept-decision"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('modeler-deploy').count()).resolves.toBe(0);
    await expect(page.getByTestId('properties-panel').count()).resolves.toBe(0);
  });
});

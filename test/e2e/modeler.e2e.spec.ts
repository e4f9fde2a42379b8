import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { api, engine, login } from '../support/harness';
import { browserPerFile, screenshotPath, signInAt } from './browser';

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
  const { newPage } = browserPerFile();
  let page: Page;

  beforeEach(async () => {
    page = await newPage();
  });
  afterEach(() => page.close());

  it('lets a process administrator import, rename a task in the properties panel and deploy new versions; lint errors block deploying', async () => {
    await signInAt(page, '/processes/unit-handling', 'admin');

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
    await signInAt(page, '/processes/unit-handling', 'donghu.room1');
    await page.getByTestId('diagram').locator('[data-element-id="accept-decision"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('modeler-deploy').count()).resolves.toBe(0);
    await expect(page.getByTestId('properties-panel').count()).resolves.toBe(0);
  });
});

describe('decision tables and forms in the modeler, in a real browser', () => {
  const { newPage } = browserPerFile();
  let page: Page;

  beforeEach(async () => {
    page = await newPage();
  });
  afterEach(() => page.close());

  async function createNew(kind: 'decision' | 'form', key: string, name?: string): Promise<void> {
    await page.getByTestId('definition-new').click();
    const dialog = page.getByTestId('new-definition-dialog');
    await dialog.locator(`[data-kind="${kind}"]`).click();
    await dialog.getByTestId('new-definition-key').fill(key);
    if (name) await dialog.getByTestId('new-definition-name').fill(name);
    await dialog.getByTestId('new-definition-create').click();
  }

  /** Types into a decision-table cell the way a person does: click it, type. */
  async function typeInCell(cell: ReturnType<Page['locator']>, text: string): Promise<void> {
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  it('lists processes with their versions and running instances, and decisions and forms in their own tabs', async () => {
    await signInAt(page, '/processes', 'admin');
    const petition = page.getByTestId('process-list').locator('[data-process-key="petition"]');
    await petition.waitFor({ timeout: 20_000 });
    const listed = await api<Array<{ key: string; versionCount: number; runningInstances: number }>>('GET', '/api/processes', {
      token: await login('admin'),
    });
    const row = listed.body.find((d) => d.key === 'petition')!;
    await expect(petition.getByTestId('definition-counts').textContent()).resolves.toContain(`共 ${row.versionCount} 个版本`);
    await expect(petition.getByTestId('definition-counts').textContent()).resolves.toMatch(/运行中 \d+/);

    await page.getByTestId('definition-tabs').getByRole('tab', { name: '决策' }).click();
    await page.waitForURL('**/decisions/**');
    await page.getByTestId('decision-list').locator('[data-definition-key="routing"]').waitFor();
    // The tab opens the first decision by key (assessment-scoring sorts before routing): open routing.
    await page.getByTestId('decision-list').locator('[data-definition-key="routing"]').click();
    await page.locator('[data-testid="decision-modeler"][data-baseline="routing"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('decision-list').locator('[data-definition-key="routing"]').textContent()).resolves.toMatch(/已执行 \d+ 次/);
  });

  it('lets a process administrator create a decision table, fill a rule, deploy two versions and open the first again', async () => {
    const key = `e2e-decision-${Date.now()}`;
    await signInAt(page, '/decisions', 'admin');
    await page.getByTestId('decision-list').locator('[data-definition-key="routing"]').waitFor({ timeout: 20_000 });

    // a new decision from the blank template: a draft, not in the engine yet
    await createNew('decision', key, '端到端决策');
    await page.waitForURL(`**/decisions/${key}`);
    await page.getByTestId('definition-draft').waitFor();
    const editor = page.locator(`[data-testid="decision-modeler"][data-baseline="${key}"]`);
    await editor.waitFor({ timeout: 20_000 });

    // one rule: input "city" gives output "A"
    const table = editor.locator('.tjs-table');
    await table.waitFor();
    await editor.locator('.add-rule-add').click();
    await typeInCell(table.locator('tbody td.input-cell').first(), '"city"');
    await typeInCell(table.locator('tbody td.output-cell').first(), '"A"');
    await page.keyboard.press('Escape');

    // rename the decision in the DRD's properties panel: click its shape, edit the name there
    const renamed = '端到端决策（已改名）';
    await editor.getByTestId('decision-views').getByRole('tab', { name: '决策需求图' }).click();
    await editor.locator(`.djs-element.djs-shape[data-element-id="${key}"]`).click();
    const panel = editor.getByTestId('decision-properties-panel');
    await panel.locator('.bio-properties-panel-header-label').filter({ hasText: '端到端决策' }).waitFor();
    await expect(panel.locator('[name="historyTimeToLive"]').inputValue()).resolves.toBe('180');
    await panel.locator('[name="name"]').fill(renamed);
    await editor.getByTestId('decision-views').getByRole('tab', { name: renamed }).waitFor();

    const deploy = editor.getByTestId('editor-deploy');
    await expect(deploy.isDisabled()).resolves.toBe(false);
    await deploy.click();
    await page.getByTestId('decision-list').locator(`[data-definition-key="${key}"]`).waitFor();
    await page.getByTestId('diagram-version').filter({ hasText: '版本 1' }).waitFor();
    const first = await api('GET', `/api/decisions/${key}/xml`, { token: await login('admin') });
    expect(first.status).toBe(200);
    expect(first.body.dmnXml).toContain('"A"');
    const listed = await api<Array<{ key: string; name: string | null }>>('GET', '/api/decisions', { token: await login('admin') });
    expect(listed.body.find((d) => d.key === key)?.name).toBe(renamed);

    // the engine evaluates the deployed table: "city" gives "A", and the list counts the evaluation
    const result = await engine<Array<Record<string, { value: unknown }>>>('POST', `/decision-definition/key/${key}/evaluate`, {
      variables: { input: { value: 'city', type: 'String' } },
    });
    expect(result).toEqual([{ output: expect.objectContaining({ value: 'A' }) }]);
    await page.getByTestId('process-list-reload').click();
    await page.getByTestId('decision-list').locator(`[data-definition-key="${key}"]`).filter({ hasText: '已执行 1 次' }).waitFor();

    // change the output and deploy again: version 2, and version 1 still opens
    await page.locator(`[data-testid="decision-modeler"][data-baseline="${key}"]`).waitFor();
    await typeInCell(editor.locator('.tjs-table tbody td.output-cell').first(), '"B"');
    await page.keyboard.press('Escape');
    await editor.getByTestId('change-count').filter({ hasNotText: '0' }).waitFor();
    await editor.getByTestId('editor-deploy').click();
    await page.getByTestId('diagram-version').filter({ hasText: '版本 2' }).waitFor();
    const second = await api('GET', `/api/decisions/${key}/xml`, { token: await login('admin') });
    expect(second.body.version).toBe(2);
    expect(second.body.dmnXml).toContain('"B"');

    await page.getByTestId('version-select').click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: '版本 1' }).click();
    await page.waitForURL(`**/decisions/${key}?version=1`);
    await page.getByTestId('old-version').waitFor();
    await page.getByTestId('diagram-version').filter({ hasText: '版本 1' }).waitFor();
    await expect(page.locator('.tjs-table tbody td.output-cell').first().textContent()).resolves.toContain('"A"');
    await page.screenshot({ path: screenshotPath('modeler-decision'), fullPage: true });
  });

  it('lets a process administrator create a Camunda Form from the blank template and deploy it', async () => {
    const key = `e2e-form-${Date.now()}`;
    await signInAt(page, '/forms', 'admin');
    await page.getByTestId('definition-tabs').getByRole('tab', { name: '表单', selected: true }).waitFor({ timeout: 20_000 });

    await createNew('form', key);
    await page.waitForURL(`**/forms/${key}`);
    const editor = page.locator(`[data-testid="form-modeler"][data-baseline="${key}"]`);
    await editor.waitFor({ timeout: 20_000 });
    await editor.locator('.fjs-editor-container').waitFor();
    await editor.getByTestId('editor-deploy').click();

    await page.getByTestId('form-list').locator(`[data-definition-key="${key}"]`).waitFor();
    await page.getByTestId('diagram-version').filter({ hasText: '版本 1' }).waitFor();
    const schema = await api('GET', `/api/forms/${key}/schema`, { token: await login('admin') });
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.body.schema).id).toBe(key);
    await page.screenshot({ path: screenshotPath('modeler-form'), fullPage: true });
  });

  it('refuses the decision and form pages to a person without the process-admin role', async () => {
    await signInAt(page, '/decisions', 'donghu.room1');
    await page.waitForURL((url) => !url.pathname.startsWith('/decisions') && !url.pathname.startsWith('/login'));
    await expect(page.getByTestId('definition-tabs').count()).resolves.toBe(0);
  });
});

import type { Page } from 'playwright-core';
import { api, engine, eventually, login } from '../support/harness';
import { register } from '../support/petitions';
import { browserPerFile, fillField, screenshotPath, taskLinkInList } from './browser';

// 办件台 in a real browser: the handler keeps the case across steps; the unit head reassigns; the
// task page's time to show is measured (issue #16 parts 3 and 4).

async function taskOf(username: string, number: string, step: string): Promise<{ id: string }> {
  const token = await login(username);
  return eventually(
    async () => (await api('GET', `/api/tasks?number=${encodeURIComponent(number)}&step=${step}`, { token })).body.items?.[0] as { id: string } | undefined,
    { what: `${step} of ${number} for ${username}` },
  );
}

type InPage = {
  document: { addEventListener: (type: string, listener: () => void, options: object) => void; querySelector: (s: string) => unknown };
  performance: { now: () => number };
  clickedAt: number;
};

/**
 * Clicks the task's link in the list and returns how long, in the page's own clock, the step form
 * took to appear after the click (rendered, measured at the next animation frame).
 */
async function openFromList(page: Page, number: string, ready: string): Promise<number> {
  const link = await taskLinkInList(page, number);
  // In the page (the test's TypeScript has no DOM types: the page's globals are named by hand).
  await page.evaluate(() => {
    const g = globalThis as unknown as InPage;
    g.document.addEventListener('click', () => (g.clickedAt = g.performance.now()), { capture: true, once: true });
  });
  await link.click();
  const shown = await page.waitForFunction(
    (selector) => {
      const g = globalThis as unknown as InPage;
      return g.document.querySelector(selector) ? g.performance.now() - g.clickedAt : false;
    },
    ready,
    { polling: 'raf', timeout: 20_000 },
  );
  return Math.round(Number(await shown.jsonValue()));
}

describe('the desk in a real browser', () => {
  const { signIn } = browserPerFile({ width: 1366, height: 900 });

  it('a handler accepts, then handles and replies without claiming again (the task page timings are printed)', async () => {
    const { number } = await register();
    await taskOf('donghu.room1', number, 'accept-decision');
    const handler = await signIn('donghu.room1');

    await openFromList(handler, number, '[data-testid="step-form"][data-step="accept-decision"], [data-testid="task-claim"]');
    await handler.getByTestId('task-claim').click();
    await handler.locator('[data-testid="step-form"][data-step="accept-decision"]').waitFor();
    await handler.getByTestId('field-decision-accept').click();
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();

    // the handling step is already the handler's: the form is there, no claim button
    await taskOf('donghu.room1', number, 'handle-petition');
    const handleMs = await openFromList(handler, number, '[data-testid="step-form"][data-step="handle-petition"]');
    expect(await handler.getByTestId('task-claim').count()).toBe(0);
    await handler.getByTestId('desk-holder').filter({ hasText: '刘洋' }).waitFor();
    await fillField(handler, 'input-findings', '经现场核实，路灯损坏属实，已报修。');
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();

    // the reply step too, and it shows what the investigation found
    await taskOf('donghu.room1', number, 'reply-petition');
    const replyMs = await openFromList(handler, number, '[data-testid="camunda-form"][data-form-key="reply-petition"] .fjs-form');
    expect(await handler.getByTestId('task-claim').count()).toBe(0);
    await handler.getByTestId('desk-findings').filter({ hasText: '路灯损坏属实' }).waitFor();
    await handler.screenshot({ path: screenshotPath('desk-reply'), fullPage: true });

    // a second, warm opening of the same page (what a handler going back and forth sees)
    const warmMs = await openFromList(handler, number, '[data-testid="camunda-form"][data-form-key="reply-petition"] .fjs-form');
    console.log(`task page shown in ${handleMs} ms (handle-petition), ${replyMs} ms (reply-petition), ${warmMs} ms (reply-petition again)`);
    const replyForm = handler.getByTestId('camunda-form');
    await replyForm.getByText('支持', { exact: true }).click();
    await replyForm.locator('textarea').fill('路灯已修复。');
    await replyForm.getByRole('textbox', { name: '备注' }).fill('已电话告知');
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();
    // the handler never claimed after accepting: the engine's history says who completed each step
    const done = await api('GET', '/api/tasks/done?maxResults=10', { token: await login('donghu.room1') });
    expect(done.body.items.filter((t: { petition: { number: string } | null }) => t.petition?.number === number).map((t: { step: string }) => t.step)).toEqual([
      'reply-petition',
      'handle-petition',
      'accept-decision',
    ]);
  }, 180_000);

  it('the unit head reassigns a claimed task to a colleague', async () => {
    const { number } = await register();
    const task = await taskOf('donghu.room1', number, 'accept-decision');
    expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login('donghu.room1') })).status).toBe(200);

    const head = await signIn('donghu.room1.head');
    await head.getByTestId('home-approvals').waitFor();
    await openFromList(head, number, '[data-testid="desk-assign"]');
    await head.getByTestId('desk-holder').filter({ hasText: '刘洋' }).waitFor();
    await head.getByTestId('desk-assign').click();
    await head.getByTestId('desk-colleague').click();
    await head.locator('.el-select-dropdown__item', { hasText: '马骏' }).click();
    await head.getByTestId('desk-confirm').click();
    await head.getByTestId('desk-holder').filter({ hasText: '马骏' }).waitFor();
    await head.screenshot({ path: screenshotPath('desk-reassigned') });
    const engineTask = await engine<{ assignee: string }>('GET', `/task/${task.id}`);
    expect(engineTask.assignee).toBe('donghu.room1.head');
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { api, eventually, login } from '../support/harness';
import { browserPerFile, fillField, screenshotPath, taskLinkInList } from './browser';

/** The open task of a petition at a step, as the handler's list shows it (narrowed by number and step). */
async function taskOf(username: string, number: string, step: string): Promise<{ id: string }> {
  const token = await login(username);
  return eventually(
    async () => {
      const response = await api('GET', `/api/tasks?number=${encodeURIComponent(number)}&step=${step}`, { token });
      return response.body.items?.[0] as { id: string } | undefined;
    },
    { what: `${step} of ${number} for ${username}` },
  );
}

describe('the workbench in a real browser', () => {
  const { signIn } = browserPerFile();

  /**
   * Opens the petition's task from the task list (tab 全部, searched by number), claiming it when
   * unclaimed; then waits for the step's own form, or for the Camunda Form named by `camundaForm`.
   */
  async function openTask(page: Page, number: string, step: string, camundaForm?: string): Promise<void> {
    const link = await taskLinkInList(page, number);
    if (step === 'accept-decision') await page.screenshot({ path: screenshotPath('workbench-tasks') });
    await link.click();
    const form = page.getByTestId('task-form-card');
    await form.waitFor();
    await expect(page.getByTestId('task-petition-number').textContent()).resolves.toContain(number);
    const claim = page.getByTestId('task-claim');
    await page.getByTestId('petition-summary').waitFor();
    if (await claim.isVisible()) await claim.click();
    const stepForm = camundaForm
      ? page.locator(`[data-testid="camunda-form"][data-form-key="${camundaForm}"] .fjs-form`)
      : page.locator(`[data-testid="step-form"][data-step="${step}"]`);
    await stepForm.waitFor();
  }

  it('registers a petition, then the handling room accepts, handles and replies to it through the UI', async () => {
    // the registrar registers a county-scope complaint about 柳岸社区
    const registrar = await signIn('donghu.registrar');
    await registrar.getByTestId('nav-workbench-register').click();
    const subject = `小区外墙脱落无人维修（界面登记 ${randomUUID().slice(0, 8)}）`;
    await fillField(registrar, 'register-subject', subject);
    await fillField(registrar, 'register-content', '柳岸小区3号楼外墙瓷砖多次脱落，物业和社区均未处理。');
    await fillField(registrar, 'register-region', '柳岸社区');
    await registrar.locator('.el-cascader__suggestion-item', { hasText: '柳岸社区' }).first().click();
    await fillField(registrar, 'register-name-0', '张三');
    // a mistyped ID number is caught in the browser, in Chinese
    await fillField(registrar, 'register-id-0', '110105194912310021');
    await registrar.getByTestId('register-submit').click();
    await registrar.locator('.el-form-item__error', { hasText: '校验位' }).waitFor();
    await registrar.screenshot({ path: screenshotPath('workbench-register-form') });
    await fillField(registrar, 'register-id-0', '11010519491231002X');
    await fillField(registrar, 'register-phone-0', '13800138000');
    await registrar.getByTestId('register-submit').click();
    const numberCell = registrar.getByTestId('register-number');
    await numberCell.waitFor({ timeout: 20_000 });
    const number = (await numberCell.textContent())!.trim();
    expect(number).toMatch(/^XF-990102-\d{4}-\d{6}$/);
    await expect(registrar.getByTestId('register-query-code').textContent()).resolves.toMatch(/\S{6,}/);
    await registrar.screenshot({ path: screenshotPath('workbench-register') });

    // the first handling room finds it on its list, claims it and accepts it
    await taskOf('donghu.room1', number, 'accept-decision');
    const handler = await signIn('donghu.room1');
    await handler.getByTestId('home-count-unclaimed').waitFor();
    await handler.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    await handler.screenshot({ path: screenshotPath('workbench-home') });
    await openTask(handler, number, 'accept-decision');
    await handler.getByTestId('field-decision-accept').click();
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();

    // investigates
    await taskOf('donghu.room1', number, 'handle-petition');
    await openTask(handler, number, 'handle-petition');
    // the task page's diagram shows the way the petition came and where it is now
    const path = handler.getByTestId('path-diagram');
    await path.locator('[data-element-id="handle-petition"].path-current').waitFor({ timeout: 20_000 });
    await path.locator('[data-element-id="accept-decision"].path-passed').waitFor();
    await fillField(handler, 'input-findings', '经现场核实，3号楼外墙瓷砖确有脱落，已责成物业维修。');
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();

    // and replies through the reply's Camunda Form (processes/reply-petition.form), drawn by form-js
    await taskOf('donghu.room1', number, 'reply-petition');
    await openTask(handler, number, 'reply-petition', 'reply-petition');
    const replyForm = handler.getByTestId('camunda-form');
    // sent empty, the form stays open and marks what is missing, in Chinese
    await handler.getByTestId('task-submit').click();
    await replyForm.locator('.fjs-form-field-error', { hasText: '请填写此项' }).first().waitFor();
    await expect(handler.getByTestId('workbench-task').isVisible()).resolves.toBe(true);
    await replyForm.getByText('支持', { exact: true }).click();
    await replyForm.locator('textarea').fill('您反映的外墙脱落问题属实，物业已于本周完成维修。');
    await replyForm.getByRole('textbox', { name: '备注' }).fill('已电话告知信访人');
    await replyForm.locator('.fjs-form-field-error').first().waitFor({ state: 'detached' });
    await handler.screenshot({ path: screenshotPath('workbench'), fullPage: true });
    await replyForm.screenshot({ path: screenshotPath('workbench-camunda-form') });
    await handler.getByTestId('task-submit').click();
    await handler.getByTestId('workbench-tasks').waitFor();

    // the petition has ended with the reply
    const token = await login('donghu.room1');
    const petition = await eventually(
      async () => {
        const list = await api('GET', `/api/petitions?number=${encodeURIComponent(number)}`, { token });
        const id = (list.body.items as { id: string; number: string }[] | undefined)?.find((p) => p.number === number)?.id;
        if (!id) return undefined;
        const detail = await api('GET', `/api/petitions/${id}`, { token });
        return ['closed', 'replied'].includes(detail.body.status) ? detail.body : undefined;
      },
      { what: `petition ${number} to be replied or closed` },
    );
    expect(petition.replyOutcome).toBe('support');
    // served at the desk unless the form says otherwise: the review window runs from now (Art. 35)
    expect(petition.serviceMethod).toBe('in-person');
    // with every field of the Camunda Form, the optional note included
    expect(petition.timeline.some((e: { kind: string; note: string | null }) => e.kind === 'replied' && e.note === '已电话告知信访人')).toBe(true);
    expect(petition.subject).toBe(subject);

    // the workbench reads in English after the language switch
    await handler.getByTestId('nav-workbench-home').click();
    await handler.getByTestId('language-switch').getByText('English').click();
    await handler.getByText('Tasks I have claimed').waitFor();
    await handler.screenshot({ path: screenshotPath('workbench-en') });
  });
});

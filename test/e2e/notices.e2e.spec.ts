import type { Browser } from 'playwright-core';
import { chinaDate } from '../../src/clocks/deadline';
import { api, eventually, login, stackInfo } from '../support/harness';
import { complete, freshPetitioner, register, waitForTask } from '../support/petitions';
import { launchBrowser, screenshotPath, signInAt } from './browser';

/**
 * Notices in a real browser: the bell tells a handler about a new task without a reload (the inbox
 * stream), and a letter waits in the unit's print queue to be printed and posted.
 */
describe('notices and the inbox, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the bell counts a new task for the unit as it arrives, and the letter for the petitioner waits in the print queue', async () => {
    // given a handler of 东湖区第一办理室 with the workbench open
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signInAt(page, '/workbench/print-queue', 'donghu.room1');
      const bell = page.getByTestId('inbox-bell');
      await bell.waitFor({ timeout: 20_000 });
      await eventually(async () => (await bell.getAttribute('data-count')) !== null, { what: 'the unread count on the bell' });
      const before = Number(await bell.getAttribute('data-count'));

      // when a petition with neither phone nor e-mail is registered and routed to the unit
      const [petitioner] = freshPetitioner('吴十');
      const petition = await register({ petitioners: [{ ...petitioner, phone: undefined, address: '东湖区柳岸路12号' }] });

      // then the bell counts the new task, without a reload
      // (read from the page every 100 ms: the page's own stream updates it, nothing reloads)
      await eventually(async () => Number(await bell.getAttribute('data-count')) > before, { what: 'the bell to count the new task', timeoutMs: 30_000 });
      await page.getByTestId('inbox-unread').waitFor();

      // when the handler accepts it, the acceptance notice is a letter in the unit's print queue
      await complete('donghu.room1', (await waitForTask('donghu.room1', petition.id, 'accept-decision')).id, { decision: 'accept' });
      await page.goto(`${stackInfo().apiUrl}/workbench/print-queue?tab=to-print`);
      await page.getByTestId('print-queue-table').waitFor({ timeout: 20_000 });
      await page.getByText(petition.number).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath('print-queue'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('a posted letter’s return receipt is recorded in the print queue, and the case shows the day it was served', async () => {
    // given an acceptance letter of 东湖区第一办理室, printed and posted
    const [petitioner] = freshPetitioner('郑十一');
    const petition = await register({ petitioners: [{ ...petitioner, phone: undefined, address: '东湖区柳岸路14号' }] });
    await complete('donghu.room1', (await waitForTask('donghu.room1', petition.id, 'accept-decision')).id, { decision: 'accept' });
    const token = await login('donghu.room1');
    const letter = await eventually(
      async () => ((await api('GET', `/api/petitions/${petition.id}/notices`, { token })).body as { id: string; kind: string }[]).find((n) => n.kind === 'accept'),
      { what: 'the acceptance letter', timeoutMs: 30_000 },
    );
    expect((await api('POST', `/api/notices/${letter.id}/printed`, { token })).status).toBe(200);
    expect((await api('POST', `/api/notices/${letter.id}/posted`, { token, body: { registeredMailNumber: 'XA246813579CN' } })).status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      // when the handler opens the posted letters and records the receipt signed today
      await signInAt(page, '/workbench/print-queue?tab=posted', 'donghu.room1');
      const served = page.getByTestId(`queue-served-${letter.id}`);
      await served.waitFor({ timeout: 30_000 });
      expect(await served.textContent()).toContain('待回执');
      await page.getByTestId(`queue-serve-${letter.id}`).click();
      const dialog = page.getByTestId('served-dialog');
      await dialog.getByTestId('served-mail-number').waitFor();
      expect(await dialog.getByTestId('served-mail-number').textContent()).toContain('XA246813579CN');
      const today = chinaDate(new Date());
      const date = dialog.getByTestId('served-date').locator('input');
      await date.fill(today);
      await date.press('Enter');
      await dialog.getByTestId('served-submit').click();

      // then the row shows the day, and the record says the letter was served by post that day
      await eventually(async () => ((await served.textContent()) ?? '').includes(today), { what: 'the served day in the print queue', timeoutMs: 20_000 });
      const notices = (await api('GET', `/api/petitions/${petition.id}/notices`, { token })).body as { id: string; servedAt: string | null; serviceMethod: string | null }[];
      expect(notices.find((n) => n.id === letter.id)).toMatchObject({ serviceMethod: 'post', servedAt: expect.stringContaining('T04:00:00') });
      await page.screenshot({ path: screenshotPath('print-queue-served'), fullPage: true });
    } finally {
      await page.close();
    }

    // and the county's supervisor finds it among the region's delivered notices, the recipient masked
    const watch = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      await signInAt(watch, '/supervision/deliveries?status=delivered', 'donghu.supervisor');
      const row = watch.getByTestId(`delivery-row-${letter.id}`);
      await row.waitFor({ timeout: 30_000 });
      const table = (await watch.getByTestId('deliveries-table').textContent()) ?? '';
      expect(table).toContain(petition.number);
      expect(table).not.toContain('东湖区柳岸路14号');
      await watch.screenshot({ path: screenshotPath('supervision-deliveries'), fullPage: true });
    } finally {
      await watch.close();
    }
  });

  it('a system administrator lands on the notice templates and sees the variables a notice may use', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      // when the system administrator signs in
      await signInAt(page, '/', 'sysadmin');

      // then the templates page lists the acceptance notice, and its editor offers its variables
      await page.getByTestId('notice-templates').waitFor({ timeout: 30_000 });
      await page.getByTestId('template-edit-accept').click();
      const dialog = page.getByTestId('template-dialog');
      await dialog.getByTestId('template-variable-number').waitFor();
      // and a variable the notice does not have is flagged before anything is saved
      // (Element Plus puts the test id on the textarea itself)
      await dialog.getByTestId('template-body').fill('编号 {{number}}，{{petitionerPhone}}');
      await eventually(async () => ((await dialog.getByTestId('template-problems').textContent()) ?? '').includes('petitionerPhone'), {
        what: 'the unknown variable flagged',
      });
      expect(await dialog.getByTestId('template-save').isDisabled()).toBe(true);
      await page.screenshot({ path: screenshotPath('notice-templates'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

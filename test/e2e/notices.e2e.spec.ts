import type { Browser } from 'playwright-core';
import { eventually, stackInfo } from '../support/harness';
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
});

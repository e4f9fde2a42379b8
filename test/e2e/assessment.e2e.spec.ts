import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { periodOf } from '../../src/clocks/deadline';
import { openDatabase, TestDatabase } from '../support/database';
import { transferredReturnedAndAcceptedLate } from '../support/petitions';
import { dbTime } from '../support/statutory-clock';
import { launchBrowser, screenshotPath, signInAt } from './browser';

const ROOM1 = '990102-handling-room-1';

/** 目标管理考核 in a real browser: a county supervisor reads the month's figures, drills into a late case and exports the table. */
describe('the assessment dashboard in a real browser', () => {
  let browser: Browser;
  let db: TestDatabase;
  beforeAll(async () => {
    browser = await launchBrowser();
    db = await openDatabase({ writable: true });
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  it('shows a unit’s rates with their parts, lists the late case behind one, rolls up by region and exports the table', async () => {
    // given 第一办理室 accepted a matter after its limit this month
    const late = await transferredReturnedAndAcceptedLate((id, dueAt) => db.query('UPDATE "petition" SET "acceptDueAt" = ? WHERE "id" = ?', [dbTime(dueAt), id]));
    const month = periodOf(new Date());
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    try {
      // when the county supervisor opens the dashboard for this month
      await signInAt(page, '/supervision/assessment', 'donghu.supervisor');
      await page.getByTestId('assessment-dashboard').waitFor();
      const picker = page.getByTestId('period-chooser').locator('input.el-input__inner').first();
      await picker.click();
      await picker.fill(month);
      await picker.press('Enter');

      // then the room's timely-acceptance rate is a percentage with its parts, and at least one acceptance was late
      await page.getByTestId(`rate-${ROOM1}-timelyAcceptance-value`).filter({ hasText: /%$/ }).waitFor({ timeout: 20_000 });
      const [numerator, denominator] = await Promise.all(
        ['numerator', 'denominator'].map(async (part) => Number(await page.getByTestId(`rate-${ROOM1}-timelyAcceptance-${part}`).textContent())),
      );
      expect(denominator).toBeGreaterThan(numerator);

      // when the supervisor opens the cases behind the denominator and keeps the missed ones
      await page.getByTestId(`rate-${ROOM1}-timelyAcceptance-denominator`).click();
      await page.getByTestId('case-drawer').waitFor();
      await page.getByTestId('case-filter-missed').click();
      // then the late case is listed by its number
      await page.getByTestId(`case-link-${late.number}`).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath('assessment-drill-down') });
      await page.keyboard.press('Escape');

      // and the export holds the room's row with the same parts
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('assessment-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('考核指标')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const rows: unknown[][] = [];
      sheet.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1)));
      const room = rows.find((r) => r[header.indexOf('代码')] === ROOM1)!;
      expect(room[header.indexOf('及时受理率·分母')]).toBeGreaterThanOrEqual(denominator);

      // and grouped by region, the county's own row is shown
      await page.getByTestId('assessment-by-region').click();
      await page.getByTestId('row-990102').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath('assessment-by-region') });
    } finally {
      await page.close();
    }
  });
});

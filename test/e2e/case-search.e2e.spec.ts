import type { Page } from 'playwright-core';
import { register, Registered } from '../support/petitions';
import { browserPerFile, screenshotPath } from './browser';

/** Characters no other test writes: a keyword that finds this file's petition only. */
function rareWord(length = 4): string {
  return Array.from({ length }, () => String.fromCharCode(0x5a00 + Math.floor(Math.random() * 0x800))).join('');
}

describe('case search (卷宗检索) in a real browser', () => {
  const { signIn } = browserPerFile();
  const word = rareWord();
  let petition: Registered;

  beforeAll(async () => {
    petition = await register({ subject: `${word}楼道堆物无人清理` });
  });

  /** Types into the search box of the search page and submits, from the navigation entry. */
  async function searchFor(page: Page, text: string): Promise<void> {
    if (!(await page.getByTestId('petition-search').isVisible())) {
      await page.getByTestId('nav-workbench-petitions').click();
      await page.getByTestId('petition-search').waitFor();
    }
    await page.locator('input[data-testid="petition-search-q"], [data-testid="petition-search-q"] input').first().fill(text);
    await page.getByTestId('petition-search-submit').click();
    await page.waitForURL((url) => url.searchParams.get('q') === text);
  }

  /** Waits until the result count reads `text` (the newest answer has arrived). */
  async function totalIs(page: Page, text: string): Promise<void> {
    await page.getByTestId('petition-search-total').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).waitFor();
  }

  it('a registrar finds the petition by part of its number and by a keyword, and opens its case page', async () => {
    const page = await signIn('donghu.registrar');
    const row = page.getByTestId(`petition-search-open-${petition.number}`);

    await searchFor(page, petition.number.slice(-9));
    await row.waitFor();
    await expect(page.getByTestId('petition-search-table').textContent()).resolves.toContain(word);

    await searchFor(page, word);
    await row.waitFor();
    await totalIs(page, '共 1 件');
    // The search is in the URL: reloading the bookmark shows the same result.
    await page.reload();
    await row.waitFor();
    await page.screenshot({ path: screenshotPath('case-search') });

    await row.click();
    await page.waitForURL(`**/workbench/petitions/${petition.id}`);
    expect(new URL(page.url()).pathname).toBe(`/workbench/petitions/${petition.id}`);
  });

  it('a handler of another county searching the same number sees nothing', async () => {
    const page = await signIn('qingshan.room1');
    await searchFor(page, petition.number);
    await totalIs(page, '共 0 件');
    expect(await page.getByTestId(`petition-search-open-${petition.number}`).count()).toBe(0);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Locator, Page, chromium } from 'playwright-core';
import { DEMO_PASSWORD, stackInfo } from '../support/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  const dir = join(stackInfo().outDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/**
 * Element Plus puts a text input's attributes on the <input>/<textarea> itself, and a picker's on
 * its wrapper: fill whichever the test id names.
 */
export async function fillField(page: Page, testId: string, value: string): Promise<void> {
  await page
    .locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input:not([type="hidden"]):not([type="radio"])`)
    .first()
    .fill(value);
}

/** From the navigation, the task list's 全部 tab narrowed to one petition number: the link to its task, once listed. */
export async function taskLinkInList(page: Page, number: string): Promise<Locator> {
  await page.getByTestId('nav-workbench-tasks').click();
  await page.getByTestId('workbench-tasks').waitFor();
  await page.locator('#tab-all').click();
  await fillField(page, 'task-search-number', number);
  await page.getByTestId('task-search-submit').click();
  const link = page.getByTestId(`task-open-${number}`);
  await link.waitFor();
  return link;
}

/** Opens `path` (the app sends a signed-out visitor to the sign-in form) and signs in there as `username`. */
export async function signInAt(page: Page, path: string, username: string): Promise<void> {
  await page.goto(stackInfo().apiUrl + path);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input').nth(0).fill(username);
  await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

export interface SignInOptions {
  /** Where to sign in (the app keeps it as the destination). */
  path?: string;
  /** The test id that shows once the person's page is there. */
  home?: string;
}

/**
 * One browser for a describe block, launched before its tests and closed after them with every page
 * it opened. `signIn` opens a fresh context (its own sessionStorage), signs in as `username` and
 * waits for the person's page (case workers land on their workbench).
 */
export function browserPerFile(viewport = { width: 1366, height: 768 }) {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
  });

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('The browser starts in beforeAll: open pages inside a test');
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    pages.push(page);
    return page;
  }

  async function signIn(username: string, { path = '/', home = 'workbench-home' }: SignInOptions = {}): Promise<Page> {
    const page = await newPage();
    await signInAt(page, path, username);
    await page.getByTestId(home).waitFor({ timeout: 20_000 });
    return page;
  }

  return { newPage, signIn };
}

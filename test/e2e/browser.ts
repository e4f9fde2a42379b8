import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
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

/** Opens `path` (the app sends a signed-out visitor to the sign-in form) and signs in there as `username`. */
export async function signInAt(page: Page, path: string, username: string): Promise<void> {
  await page.goto(stackInfo().apiUrl + path);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input').nth(0).fill(username);
  await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

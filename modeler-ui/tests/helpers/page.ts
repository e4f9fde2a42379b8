// What the tests that mount pages share: waiting for what the page reaches by itself, answers of the
// API, and putting everything back after each test.
import { afterEach, vi, type Mock } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { session } from '@/auth/session';

/** Waits for a condition the page reaches by itself, never for a fixed time. */
export const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

/** Lets the page's pending promises and zero-delay timers run (a few rounds: one may start the next). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Submits the form with the data-testid `testid` and lets the page settle. */
export async function submitForm(wrapper: VueWrapper, testid: string): Promise<void> {
  await wrapper.get(`[data-testid="${testid}"]`).trigger('submit');
  await settle();
}

/** An answer of the API with a JSON body. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/**
 * For a file of page tests: room for a test that waits for several conditions in turn, and after each
 * test the mocks and stubbed globals restored, signed out, Chinese again and the page emptied.
 */
export function usePageTests(): void {
  vi.setConfig({ testTimeout: 30_000 });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    session.signOut();
    i18n.global.locale.value = DEFAULT_LOCALE;
    document.body.innerHTML = '';
  });
}

/** A fetch each test tells what to answer (`mockResolvedValueOnce`, …), stubbed for the test. */
export function stubFetch(): Mock {
  const fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Element Plus' forms: async-validator reports every failed rule on console.warn outside production builds. */
export function silenceValidatorWarnings(): void {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}

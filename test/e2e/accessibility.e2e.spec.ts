import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, stackInfo } from '../support/harness';
import { register, Registered, waitForTask } from '../support/petitions';
import { launchBrowser, screenshotPath } from './browser';

/**
 * The quality bar, checked in the browser: no serious or critical WCAG 2 A/AA problem on the
 * pages people use, the app usable with the keyboard alone, and every failed or slow request
 * answered with something a person can act on.
 */

const AXE = require.resolve('axe-core/axe.min.js');

// In-page code is kept as text: this project's TypeScript has no DOM types.
const RUN_AXE = `async (include, known) => {
  const result = await axe.run(include ? { include: include.map((s) => [s]) } : document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    resultTypes: ['violations'],
  });
  const excused = (rule, node) => {
    const el = document.querySelector(node.target[0]);
    return el !== null && known.some((k) => k.rule === rule && el.closest(k.within) !== null);
  };
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help + ' (' + v.helpUrl + ')',
      targets: v.nodes
        .filter((n) => !excused(v.id, n))
        .map((n) => n.target.join(' ') + '  ' + n.html.slice(0, 160) + '  ' + String(n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)),
    }))
    .filter((v) => v.targets.length > 0);
}`;

const FOCUS_STATE = `() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { what: 'body', shown: false, inView: false };
  const visible = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
  };
  // Element Plus draws a radio button's ring on the label after its hidden input, an input's on its wrapper
  const shown = el.matches('.el-radio-button__original-radio')
    ? getComputedStyle(el.nextElementSibling).outlineStyle !== 'none'
    : visible(el) || (el.closest('.el-input__wrapper, .el-textarea, .el-select__wrapper') !== null && visible(el.closest('.el-input__wrapper, .el-textarea, .el-select__wrapper')));
  const box = el.getBoundingClientRect();
  const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  const testId = el.getAttribute('data-testid');
  const what = el.tagName.toLowerCase() + (testId ? '[data-testid=' + testId + ']' : '') + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || '').trim().slice(0, 20) + '"';
  return { what, shown, inView };
}`;

/** Whether the focused element has this test id (or this id). */
const focusedIs = (testId: string) => `(() => { const el = document.activeElement; return !!el && (el.getAttribute('data-testid') === ${JSON.stringify(testId)} || el.id === ${JSON.stringify(testId)} || el.closest('[data-testid=${JSON.stringify(testId)}]') !== null); })()`;

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Violations that come from Element Plus' own markup and cannot be changed from our templates:
 * one rule, inside one Element Plus part each.
 */
const KNOWN: { rule: string; within: string; why: string }[] = [
  {
    rule: 'label',
    within: '.el-pagination__sizes',
    why: 'ElPagination renders its page-size ElSelect itself and passes it no label or aria-label (Element Plus 2.14); the options read "20条/页"',
  },
];

function describe_(findings: Finding[]): string {
  return findings.map((f) => `${f.id} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
}

/**
 * Whether nothing on the page is moving: no Vue transition under way (its -enter-/-leave- classes are
 * on the element from its first frame to its last) and no finite CSS animation or transition running
 * (spinners run for ever).
 */
const STILL = `() => {
  const moving = /-(enter|leave)-(from|active|to)$/;
  if ([...document.querySelectorAll('[class]')].some((el) => [...el.classList].some((c) => moving.test(c)))) return false;
  return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
}`;

/** Runs axe on the page (or the part `include` names) and returns its serious and critical findings. */
async function audit(page: Page, include?: string[]): Promise<Finding[]> {
  // Transitions (dialogs, loading masks, tabs) would be judged half-faded: wait until they are over.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  await page.waitForFunction(`(${STILL})()`, undefined, { timeout: 20_000, polling: 'raf' });
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
  return (await page.evaluate(`(${RUN_AXE})(${JSON.stringify(include ?? null)}, ${JSON.stringify(KNOWN)})`)) as Finding[];
}

/** How the focused element shows that it has focus; Element Plus inputs show it on their wrapper. */
async function focusState(page: Page): Promise<{ what: string; shown: boolean; inView: boolean }> {
  return page.evaluate(`(${FOCUS_STATE})()`) as Promise<{ what: string; shown: boolean; inView: boolean }>;
}

describe('accessibility, keyboard use and failed requests in a real browser', () => {
  let browser: Browser;
  let petition: Registered;
  const pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
  });
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
  });

  async function newPage(width = 1366, height = 768): Promise<Page> {
    // The app's CSP (script-src 'self') would refuse the injected axe script.
    const page = await browser.newPage({ viewport: { width, height }, locale: 'zh-CN', isMobile: width < 500, bypassCSP: true });
    pages.push(page);
    return page;
  }

  async function signIn(username: string, path: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${stackInfo().apiUrl}/login?redirect=${encodeURIComponent(path)}`);
    const form = page.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input').nth(0).fill(username);
    await form.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
    return page;
  }

  it('has no serious or critical WCAG 2 A/AA violation on the pages of each user group', async () => {
    const failures: string[] = [];
    const check = async (page: Page, name: string, include?: string[]) => {
      const findings = await audit(page, include);
      if (findings.length > 0) {
        failures.push(`— ${name}:\n  ${describe_(findings)}`);
        await page.screenshot({ path: screenshotPath(`a11y-${name}`) });
      }
    };

    // signed out: the sign-in page, with a failed sign-in's message showing
    const login = await newPage();
    await login.goto(`${stackInfo().apiUrl}/login`);
    await login.getByTestId('login-form').waitFor();
    await check(login, 'sign-in');
    await login.getByTestId('login-submit').click();
    await login.locator('.el-form-item__error').first().waitFor();
    await check(login, 'sign-in-invalid');

    // registrar: home, task list, registration form
    const registrar = await signIn('donghu.registrar', '/workbench');
    await registrar.getByTestId('workbench-home').waitFor();
    await check(registrar, 'registrar-home');
    await registrar.getByTestId('nav-workbench-tasks').click();
    await registrar.getByTestId('workbench-tasks').waitFor();
    await check(registrar, 'registrar-tasks');
    await registrar.getByTestId('nav-workbench-register').click();
    await registrar.getByTestId('register-form').waitFor();
    await check(registrar, 'registrar-register');
    await registrar.getByTestId('register-submit').click();
    await registrar.getByTestId('register-error').waitFor();
    await check(registrar, 'registrar-register-invalid');

    // handler: home, task list with the petition on it, notices
    const handler = await signIn('donghu.room1', '/workbench');
    await handler.getByTestId('workbench-home').waitFor();
    await check(handler, 'handler-home');
    await handler.goto(`${stackInfo().apiUrl}/workbench/tasks?tab=all&number=${petition.number}`);
    await handler.getByTestId(`task-open-${petition.number}`).waitFor({ timeout: 20_000 });
    await check(handler, 'handler-tasks');
    await handler.getByTestId('nav-supervision-notices').click();
    await handler.getByTestId('supervision-notices').waitFor();
    await check(handler, 'handler-notices');

    // unit head: home, overdue report
    const head = await signIn('donghu.room1.head', '/workbench');
    await head.getByTestId('workbench-home').waitFor();
    await check(head, 'unit-head-home');
    await head.getByTestId('nav-supervision-overdue').click();
    await head.getByTestId('overdue-table').waitFor();
    await check(head, 'unit-head-overdue');

    // supervisor: overdue report, notices
    const supervisor = await signIn('donghu.supervisor', '/supervision');
    await supervisor.getByTestId('overdue-table').waitFor();
    await check(supervisor, 'supervisor-overdue');
    await supervisor.getByTestId('nav-supervision-notices').click();
    await supervisor.getByTestId('notices-table').waitFor();
    await check(supervisor, 'supervisor-notices');
    await supervisor.getByTestId('nav-supervision-heat').click();
    await supervisor.getByTestId('heat-diagram').locator('.djs-element').first().waitFor({ timeout: 20_000 });
    await check(supervisor, 'supervisor-heat');

    // process admin: the modeler page of each kind — our list, bars and toolbars (the bpmn-js, dmn-js
    // and form-js canvases are the editors' own markup)
    const admin = await signIn('admin', '/home');
    await admin.locator('.process-modeler[data-baseline="petition"]').waitFor({ timeout: 20_000 });
    const modelerParts = ['.app-header', '.process-aside', '.diagram-bar', '.modeler-toolbar'];
    await check(admin, 'admin-processes', modelerParts);
    await admin.getByTestId('definition-tabs').getByRole('tab', { name: '决策' }).click();
    // The tab opens the first decision by key (assessment-scoring sorts before routing): open routing.
    await admin.getByTestId('decision-list').locator('[data-definition-key="routing"]').click();
    await admin.locator('[data-testid="decision-modeler"][data-baseline="routing"]').waitFor({ timeout: 20_000 });
    await check(admin, 'admin-decisions', ['.app-header', '.process-aside', '.diagram-bar', '.editor-toolbar', '.decision-side']);
    // the DRD's properties panel (dmn-js-properties-panel) sits in our side panel: audited with it
    await admin.getByTestId('decision-edit-properties').click();
    await admin.getByTestId('decision-properties-panel').locator('[name="historyTimeToLive"]').waitFor({ timeout: 20_000 });
    await check(admin, 'admin-decision-properties', ['.decision-side']);
    await admin.getByTestId('definition-tabs').getByRole('tab', { name: '表单' }).click();
    // The tab opens the first form by key, and other test files deploy forms of their own: open reply-petition.
    await admin.getByTestId('form-list').locator('[data-definition-key="reply-petition"]').click();
    await admin.locator('[data-testid="form-modeler"][data-baseline="reply-petition"]').waitFor({ timeout: 20_000 });
    await check(admin, 'admin-forms', ['.app-header', '.process-aside', '.diagram-bar', '.editor-toolbar']);

    // petitioner on a phone: the public progress page, empty, then with a case
    const phone = await newPage(375, 740);
    await phone.goto(`${stackInfo().apiUrl}/progress`);
    await phone.getByTestId('progress-form').waitFor();
    await check(phone, 'public-progress');
    await phone.getByTestId('progress-number').fill(petition.number);
    await phone.getByTestId('progress-code').fill(petition.queryCode);
    await phone.getByTestId('progress-submit').click();
    await phone.getByTestId('progress-result').waitFor();
    await check(phone, 'public-progress-result');

    if (failures.length > 0) throw new Error(`Accessibility violations (serious or critical):\n${failures.join('\n')}`);
  }, 240_000);

  /** Signs in by Tab, typing and Enter alone, checking each focus stop shows its focus. */
  async function keyboardSignIn(page: Page, username: string, invisible: string[]): Promise<void> {
    await page.goto(`${stackInfo().apiUrl}/login`);
    await page.getByTestId('login-form').waitFor();
    // the user name field has focus on arrival (autofocus); otherwise Tab must reach it
    await page.waitForFunction(focusedIs('login-username'), undefined, { timeout: 5_000 }).catch(() => undefined);
    if (!(await page.evaluate(focusedIs('login-username')))) await tabTo(page, 'login-username', invisible);
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.name')).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('workbench-home').waitFor({ timeout: 20_000 });
  }

  /** Presses Tab until `found` holds for the focused element, noting focus stops that do not show focus. */
  async function tabTo(page: Page, target: string, invisible: string[], shift = false): Promise<void> {
    const predicate = focusedIs(target);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
      const state = await focusState(page);
      // past the page's last stop, focus goes to the browser's own controls (body here) and back
      if (state.what === 'body') continue;
      if (!state.shown || !state.inView) invisible.push(`${page.url()} ${state.what}${state.inView ? '' : ' (out of view)'}`);
      if (await page.evaluate(predicate)) return;
    }
    throw new Error(`40 presses of Tab did not reach ${target} on ${page.url()}`);
  }

  it('lets a registrar sign in, move between pages and open a task with the keyboard alone', async () => {
    const invisible: string[] = [];
    const page = await newPage();
    await keyboardSignIn(page, 'donghu.registrar', invisible);

    // the first stop of the signed-in shell skips the header and navigation
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-to-main');
    expect(await page.evaluate(focusedIs('skip-to-main'))).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    expect((await focusState(page)).shown).toBe(true);
    await expect(skip.textContent()).resolves.toContain('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('MAIN');

    // the side navigation: to the registration form, then back to the task list
    await tabTo(page, 'nav-workbench-register', invisible, true);
    await page.keyboard.press('Enter');
    await page.getByTestId('register-form').waitFor();
    await tabTo(page, 'nav-workbench-tasks', invisible, true);
    await page.keyboard.press('Enter');
    await page.getByTestId('workbench-tasks').waitFor();
    await page.screenshot({ path: screenshotPath('keyboard-registrar') });

    // a handler opens a task from the list: search by number, then Tab to the row and Enter
    const handler = await newPage();
    await keyboardSignIn(handler, 'donghu.room1', invisible);
    await tabTo(handler, 'nav-workbench-tasks', invisible);
    await handler.keyboard.press('Enter');
    await handler.getByTestId('workbench-tasks').waitFor();
    // the tabs are one Tab stop; the arrow keys move between them (WAI-ARIA tabs)
    await tabTo(handler, 'tab-mine', invisible);
    await handler.keyboard.press('ArrowRight');
    await handler.keyboard.press('ArrowRight');
    expect(await handler.evaluate(focusedIs('tab-all'))).toBe(true);
    expect(await handler.locator('#tab-all').getAttribute('aria-selected')).toBe('true');
    await tabTo(handler, 'task-search-number', invisible);
    await handler.keyboard.type(petition.number);
    await handler.keyboard.press('Enter');
    const row = handler.getByTestId(`task-open-${petition.number}`);
    await row.waitFor({ timeout: 20_000 });
    await handler.locator('.el-loading-mask').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await tabTo(handler, `task-open-${petition.number}`, invisible);
    await handler.screenshot({ path: screenshotPath('keyboard-task-row') });
    await handler.keyboard.press('Enter');
    await handler.waitForURL(/\/workbench\/tasks\/[^/?]+$/);

    expect(invisible).toEqual([]);
  }, 180_000);

  it('answers an unreachable or failing API with a message and a retry, and shows progress while loading', async () => {
    // the task list
    const handler = await signIn('donghu.room1', '/workbench');
    await handler.getByTestId('workbench-home').waitFor();
    let release: () => void = () => undefined;
    await handler.route('**/api/tasks?*', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.abort('connectionrefused');
    });
    await handler.getByTestId('nav-workbench-tasks').click();
    // a slow answer shows that something is coming
    await handler.getByTestId('task-table').locator('.el-loading-mask').getByText('加载中').waitFor();
    release();
    const listError = handler.getByTestId('task-list-error');
    await listError.waitFor();
    await listError.filter({ hasText: '无法连接服务器' }).waitFor();
    // and the empty table says why it is empty instead of "no tasks"
    await handler.getByTestId('task-table').getByText('任务列表未能加载').waitFor();
    await handler.screenshot({ path: screenshotPath('failed-task-list') });
    // a 500 from a proxy in front of the API, with no message of ours
    await handler.unroute('**/api/tasks?*');
    await handler.route('**/api/tasks?*', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500</h1>' }));
    await handler.getByTestId('task-list-retry').click();
    await listError.filter({ hasText: '服务器出错' }).waitFor();
    await handler.unroute('**/api/tasks?*');
    await handler.getByTestId('task-list-retry').click();
    await listError.waitFor({ state: 'detached' });
    await handler.locator('[data-testid="task-table"] :is(tbody tr, .el-table__empty-text)').first().waitFor();

    // the supervision report
    const supervisor = await signIn('donghu.supervisor', '/workbench');
    await supervisor.getByTestId('nav-supervision-overdue').waitFor();
    await supervisor.route('**/api/reports/overdue*', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: '系统内部错误，请稍后重试或联系管理员' }),
      }),
    );
    await supervisor.getByTestId('nav-supervision-overdue').click();
    const reportError = supervisor.getByTestId('overdue-error');
    await reportError.waitFor();
    await reportError.filter({ hasText: '系统内部错误' }).waitFor();
    await supervisor.getByTestId('overdue-table').getByText('报表未能加载').waitFor();
    await supervisor.screenshot({ path: screenshotPath('failed-overdue') });
    await supervisor.unroute('**/api/reports/overdue*');
    await supervisor.route('**/api/reports/overdue*', (route) => route.abort('internetdisconnected'));
    await supervisor.getByTestId('overdue-retry').click();
    await reportError.filter({ hasText: '无法连接服务器' }).waitFor();
    await supervisor.unroute('**/api/reports/overdue*');
    await supervisor.getByTestId('overdue-retry').click();
    await reportError.waitFor({ state: 'detached' });
    await supervisor.getByTestId('overdue-totals').waitFor();
  }, 180_000);
});

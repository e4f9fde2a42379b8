import { randomUUID } from 'node:crypto';
import { api, engine, eventually, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';
import { browserPerFile, screenshotPath } from './browser';

// 委托 in a real browser: the delegate's findings come back to the owner in the form, the case page
// tells the hand-overs by name and shows the petitioner's address to the unit handling it.
const ROOM = '990102-handling-room-1';
const HANDLER = 'donghu.room1';
const PASSWORD = 'Desk#2026-strong';

describe('a delegated task handed back, in a real browser', () => {
  const { signIn } = browserPerFile({ width: 1366, height: 900 });

  it('the owner finds the delegate’s findings in the form, submits them, and reads the hand-overs on the case page', async () => {
    // a colleague in room 1 the handler delegates the investigation to
    const delegate = `desk.${randomUUID().slice(0, 8)}`;
    expect(
      (await api('POST', '/api/admin/users', { token: await login('sysadmin'), body: { username: delegate, displayName: '第一办理室经办人 赵六', unitCode: ROOM, password: PASSWORD } })).status,
    ).toBe(201);
    expect((await api('PUT', `/api/admin/users/${delegate}/roles`, { token: await login('secadmin'), body: { roles: ['handler'] } })).status).toBe(200);
    const delegateToken = (await api('POST', '/api/auth/login', { body: { username: delegate, password: PASSWORD } })).body.accessToken as string;

    const petition = await register({ petitioners: [{ name: '钱七', idNumber: '11010519491231002X', phone: '13800138000', address: '柳岸小区7号楼2单元' }] });
    const accept = await waitForTask(HANDLER, petition.id, 'accept-decision');
    expect((await complete(HANDLER, accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await eventually(
      async () => (await engine<{ id: string }[]>('POST', '/task', { processInstanceBusinessKey: petition.number, taskDefinitionKey: 'handle-petition' }))[0],
      { what: 'the investigation' },
    );
    expect((await api('POST', `/api/tasks/${handle.id}/delegate`, { token: await login(HANDLER), body: { username: delegate } })).status).toBe(200);
    const findings = '受托核实：楼道照明损坏，已报修。';
    expect((await api('POST', `/api/tasks/${handle.id}/complete`, { token: delegateToken, body: { findings } })).status).toBe(200);

    const page = await signIn(HANDLER);
    await page.goto(`${new URL(page.url()).origin}/workbench/tasks/${handle.id}`);
    await page.getByTestId('task-delegate-input').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('task-delegate-input').textContent()).resolves.toContain('第一办理室经办人 赵六');
    await expect(page.locator('textarea[data-testid="input-findings"], [data-testid="input-findings"] textarea').first().inputValue()).resolves.toBe(findings);
    // the petitioner's address, in full for the unit handling the case
    await expect(page.getByTestId('petitioners').textContent()).resolves.toContain('柳岸小区7号楼2单元');
    await page.screenshot({ path: screenshotPath('desk-hand-back'), fullPage: true });
    await page.getByTestId('task-submit').click();
    await page.getByTestId('workbench-tasks').waitFor();

    // the case page tells who handed what to whom
    await page.goto(`${new URL(page.url()).origin}/workbench/petitions/${petition.id}`);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 20_000 });
    await expect(timeline.textContent()).resolves.toContain('东湖区第一办理室经办人 刘洋 委托 第一办理室经办人 赵六 办理「调查核实」');
    await expect(timeline.textContent()).resolves.toContain('第一办理室经办人 赵六 办理后退回 东湖区第一办理室经办人 刘洋');
    const handled = await api('GET', `/api/petitions/${petition.id}`, { token: await login(HANDLER) });
    expect(handled.body.timeline.map((e: { kind: string }) => e.kind)).toContain('handled');
  });
});

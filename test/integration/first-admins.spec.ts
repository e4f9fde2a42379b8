import { openDatabaseAt, TestDatabase } from '../support/database';
import { FIRST_ADMINS, ProductionStack, runFirstAdmins, signInAt, startProductionStack } from '../support/production-stack';

/**
 * The first start of a production installation (issue #18): nobody can sign in until the operator
 * has run `npm run admin:init` (dist/cli/first-admins.js), which creates the system administrator,
 * the security administrator and the auditor once, with the password and role rules of every account.
 */
describe('the first start in production', () => {
  let stack: ProductionStack;
  let db: TestDatabase;
  beforeAll(async () => {
    stack = await startProductionStack('api-first-start');
    db = await openDatabaseAt(stack.database);
  });
  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  });

  const accounts = async () =>
    (await db.query<{ username: string; roles: string }>('SELECT username, roles FROM app_user ORDER BY username')).map((u) => [u.username, u.roles]);

  it('loads no demo data, and sign-in attempts are refused (401) without harm until the command has run', async () => {
    expect(await accounts()).toEqual([]);
    for (const [username, password] of [['sysadmin', 'Demo@2026'], ['admin', 'Demo@2026'], ['sys.admin', FIRST_ADMINS.env.SYSTEM_ADMIN_PASSWORD]]) {
      const attempt = await signInAt(stack.url, username, password);
      expect({ username, status: attempt.status }).toEqual({ username, status: 401 });
      expect(attempt.body.message).toContain('用户名或密码错误');
    }
    expect((await fetch(`${stack.url}/api/health`)).status).toBe(200);
  });

  it('refuses weak passwords, one person in two roles and passwords on the command line, writing nothing', async () => {
    const weak = await runFirstAdmins(stack, FIRST_ADMINS.args, { ...FIRST_ADMINS.env, AUDITOR_PASSWORD: 'password' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('安全审计员：密码须至少包含');
    expect(weak.stderr).toContain('Auditor: A password must mix at least three of');

    const sameUser = FIRST_ADMINS.args.map((a) => (a === 'audit.one:王五' ? 'sys.admin:张三' : a));
    const oneForTwo = await runFirstAdmins(stack, sameUser, FIRST_ADMINS.env);
    expect(oneForTwo.code).toBe(1);
    expect(oneForTwo.stderr).toContain('须由三名不同人员担任');

    const onArgv = await runFirstAdmins(stack, [...FIRST_ADMINS.args, '--password', 'Sys#Admin2026'], FIRST_ADMINS.env);
    expect(onArgv.code).toBe(1);
    expect(onArgv.stderr).toContain('不能在命令行上给出密码');

    const noCity = await runFirstAdmins(stack, FIRST_ADMINS.args.slice(2), FIRST_ADMINS.env);
    expect(noCity.code).toBe(1);
    expect(noCity.stderr).toContain('--city');

    expect(await accounts()).toEqual([]);
    expect(await db.query('SELECT code FROM unit')).toEqual([]);
  });

  it('creates the three administrators once; they sign in with their own roles; a second run is refused', async () => {
    const first = await runFirstAdmins(stack, FIRST_ADMINS.args, FIRST_ADMINS.env);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toContain('sys.admin (system-admin)');
    // Passwords never reach the output.
    for (const password of Object.values(FIRST_ADMINS.env)) expect(first.stdout + first.stderr).not.toContain(password);

    expect(await accounts()).toEqual([
      ['audit.one', 'auditor'],
      ['sec.admin', 'security-admin'],
      ['sys.admin', 'system-admin'],
    ]);
    const signedIn = await signInAt(stack.url, 'sys.admin', FIRST_ADMINS.env.SYSTEM_ADMIN_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ roles: ['system-admin'], unitCode: '980100-petition-office', unitName: '测试市信访局' });

    // Run again by accident, even with other names: refused, and nothing changes.
    const again = await runFirstAdmins(
      stack,
      FIRST_ADMINS.args.map((a) => a.replace('sys.admin', 'sys.admin2').replace('sec.admin', 'sec.admin2').replace('audit.one', 'audit.two')),
      FIRST_ADMINS.env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已初始化');
    expect(again.stderr).toContain('Already initialised');
    expect((await accounts()).length).toBe(3);
  });

  it('records the creation in the audit log, which the auditor reads and which verifies', async () => {
    const auditor = await signInAt(stack.url, 'audit.one', FIRST_ADMINS.env.AUDITOR_PASSWORD);
    const headers = { authorization: `Bearer ${auditor.token}` };
    const entries = await (await fetch(`${stack.url}/api/audit?action=user.first-admin`, { headers })).json() as any;
    expect(entries.items.map((e: { resourceId: string; actor: string }) => [e.actor, e.resourceId]).sort()).toEqual([
      ['system', 'audit.one'],
      ['system', 'sec.admin'],
      ['system', 'sys.admin'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(FIRST_ADMINS.env.SYSTEM_ADMIN_PASSWORD);
    const verified = await (await fetch(`${stack.url}/api/audit/verify`, { headers })).json() as any;
    expect(verified).toMatchObject({ ok: true, breaks: [] });
  });
});

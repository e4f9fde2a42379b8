import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { openDatabaseAt, TestDatabase } from '../support/database';
import { eventually } from '../support/harness';
import { FIRST_ADMINS, ProductionStack, runFirstAdmins, signInAt, startProductionStack } from '../support/production-stack';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCity, changedCity, cityWorkbook, cityCsv, passwordOf } = require('../../scripts/lib/org-city.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { basicAuth } = require('../../scripts/lib/stack.cjs');

type Row = Record<string, string>;
interface City {
  regions: Row[];
  units: Row[];
  users: Row[];
}

/**
 * The organisation import (issue #18): a system administrator sets up a city from a workbook or CSV
 * files. Runs against an API in production mode with its own database and engine (so that imported
 * villages can be routed to), after the first-start command created the administrators.
 */
describe('the organisation import', () => {
  let stack: ProductionStack;
  let db: TestDatabase;
  let admin: string;
  // A small city of the generator's shape: 2 counties, 4 townships, 12 villages, 120 accounts.
  const city: City = generateCity({ counties: 2, townships: 4, villages: 12, accounts: 120, passwordEvery: 10 });

  beforeAll(async () => {
    stack = await startProductionStack('api-org-import', { ownEngine: true });
    db = await openDatabaseAt(stack.database);
    const init = await runFirstAdmins(stack, FIRST_ADMINS.args, FIRST_ADMINS.env);
    expect(init.code).toBe(0);
    admin = (await signInAt(stack.url, 'sys.admin', FIRST_ADMINS.env.SYSTEM_ADMIN_PASSWORD)).token!;
  });
  afterAll(async () => {
    await db?.close();
    await stack?.stop();
  });

  async function upload(files: Record<string, Buffer>, query = '', token = admin, lang = 'zh-CN') {
    const form = new FormData();
    for (const [field, bytes] of Object.entries(files)) form.append(field, new Blob([bytes]), field === 'file' ? 'org.xlsx' : `${field}.csv`);
    const response = await fetch(`${stack.url}/api/admin/org-import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
      body: form,
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // CSV
    }
    return { status: response.status, body, headers: response.headers };
  }

  const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({ regions: await count('region'), units: await count('unit'), users: await count('app_user') });

  it('offers a template: one sheet per kind with a Chinese header row naming each column key, and notes', async () => {
    const response = await fetch(`${stack.url}/api/admin/org-import/template`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['区划 regions', '单位 units', '账号 users', '说明 notes']);
    expect((workbook.getWorksheet('单位 units')!.getRow(1).values as string[]).slice(1)).toEqual([
      '单位代码 (code)',
      '名称 (name)',
      '单位类型 (kind)',
      '所属区划代码 (regionCode)',
      '上级单位代码 (parentUnitCode)',
      '复查机关代码 (reviewingUnitCode)',
    ]);
    // The empty template imports as nothing, without complaint.
    const empty = await upload({ file: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(empty.status).toBe(200);
    expect(empty.body.counts).toEqual({
      regions: { created: 0, updated: 0, unchanged: 0 },
      units: { created: 0, updated: 0, unchanged: 0 },
      users: { created: 0, updated: 0, unchanged: 0 },
    });
  });

  it('is for the system administrator only', async () => {
    const security = (await signInAt(stack.url, 'sec.admin', FIRST_ADMINS.env.SECURITY_ADMIN_PASSWORD)).token!;
    const workbook = await cityWorkbook(city);
    expect((await upload({ file: workbook }, '', security)).status).toBe(403);
    expect((await upload({ file: workbook }, '', 'not-a-token')).status).toBe(401);
    expect((await fetch(`${stack.url}/api/admin/org-import/template`)).status).toBe(401);
    expect(await counts()).toEqual({ regions: 1, units: 1, users: 3 });
  });

  it('dry run: reports what would be created, writes nothing', async () => {
    const response = await upload({ file: await cityWorkbook(city) }, '?dryRun=true');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      dryRun: true,
      ok: true,
      problemCount: 0,
      // The city and its petition office exist since the first start: unchanged.
      counts: {
        regions: { created: city.regions.length - 1, updated: 0, unchanged: 1 },
        units: { created: city.units.length - 1, updated: 0, unchanged: 1 },
        users: { created: city.users.length, updated: 0, unchanged: 0 },
      },
    });
    expect(await counts()).toEqual({ regions: 1, units: 1, users: 3 });
  });

  it('imports the city; accounts with an initial password sign in with their roles, the others cannot until one is set', async () => {
    const response = await upload({ file: await cityWorkbook(city) });
    expect(response.status).toBe(200);
    expect(response.body.counts.users.created).toBe(city.users.length);
    const withPassword = city.users.filter((u) => u.initialPassword);
    expect(response.body.accountsWithoutPassword).toBe(city.users.length - withPassword.length);
    expect(await counts()).toEqual({ regions: city.regions.length, units: city.units.length, users: city.users.length + 3 });

    const registrar = city.users.find((u) => u.unitCode === '980102-petition-office' && u.roles === '登记员')!;
    const signedIn = await signInAt(stack.url, registrar.username, passwordOf(registrar.username));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ unitCode: '980102-petition-office', roles: ['registrar'] });
    const without = city.users.find((u) => !u.initialPassword)!;
    expect((await signInAt(stack.url, without.username, passwordOf(without.username))).status).toBe(401);

    // The organisation views show the imported tree at once (the cache was refreshed).
    const units = await (await fetch(`${stack.url}/api/org/units`, { headers: { authorization: `Bearer ${signedIn.token}` } })).json() as any;
    expect(units.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['980102001001-agent-station', '980102001-judicial-office']));
    const villages = await (
      await fetch(`${stack.url}/api/admin/org/regions?parentCode=980102001`, { headers: { authorization: `Bearer ${admin}` } })
    ).json() as any;
    expect(villages.map((r: { code: string }) => r.code)).toEqual(city.regions.filter((r) => r.parentCode === '980102001').map((r) => r.code));
  });

  it('routes a petition registered for an imported village to that village’s township office', async () => {
    const registrar = city.users.find((u) => u.unitCode === '980102-petition-office' && u.roles === '登记员')!;
    const token = (await signInAt(stack.url, registrar.username, passwordOf(registrar.username))).token!;
    const response = await fetch(`${stack.url}/api/petitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'visit',
        category: 'complaint',
        matterScope: 'village',
        subject: '村道损坏无人维修',
        content: '村口道路塌陷三个月，村委会未处理。',
        regionCode: '980102001002',
        personCount: 1,
        petitioners: [{ name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }],
      }),
    });
    expect(response.status).toBe(201);
    const { number, processInstanceId } = (await response.json()) as any;
    const engineGet = async (path: string) => (await fetch(`${stack.engineUrl}${path}`, { headers: { authorization: basicAuth } })).json() as any;
    const task = await eventually(async () => {
      const tasks = await (
        await fetch(`${stack.engineUrl}/task?processInstanceBusinessKey=${encodeURIComponent(number)}&taskDefinitionKey=accept-decision`, { headers: { authorization: basicAuth } })
      ).json() as any;
      return tasks[0];
    }, { timeoutMs: 60_000 }).catch(async (error) => {
      // Where the case stands instead, for whoever reads the failure.
      const activities = await engineGet(`/history/activity-instance?processInstanceId=${processInstanceId}&sortBy=startTime&sortOrder=asc`);
      const incidents = await engineGet(`/incident?processInstanceId=${processInstanceId}`);
      throw new Error(`${error}; activities: ${activities.map((a: any) => a.activityId).join(' → ')}; incidents: ${JSON.stringify(incidents)}`);
    });
    const links = await (await fetch(`${stack.engineUrl}/task/${task.id}/identity-links`, { headers: { authorization: basicAuth } })).json() as any;
    expect(links.filter((l: { type: string }) => l.type === 'candidate').map((l: { groupId: string }) => l.groupId)).toEqual(['980102001-petition-office']);
  });

  it('run again unchanged: every row unchanged, nothing written', async () => {
    const before = await db.query('SELECT username, passwordHash, displayName, unitCode, roles FROM app_user ORDER BY username');
    const audited = await count('audit_log');
    const response = await upload({ file: await cityWorkbook(city) });
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({
      regions: { created: 0, updated: 0, unchanged: city.regions.length },
      units: { created: 0, updated: 0, unchanged: city.units.length },
      users: { created: 0, updated: 0, unchanged: city.users.length },
    });
    expect(await db.query('SELECT username, passwordHash, displayName, unitCode, roles FROM app_user ORDER BY username')).toEqual(before);
    // One audit entry for the request (written once the answer has gone out), no write batch.
    await eventually(async () => (await count('audit_log')) > audited || undefined, { what: 'the request’s audit entry' });
    expect(await count('audit_log')).toBe(audited + 1);
  });

  it('run again with changes (as CSV files): updates what changed, adds what is new, counts the rest unchanged', async () => {
    const changed: City = changedCity(city);
    const differs = (key: keyof City) => changed[key].filter((row, i) => city[key][i] && JSON.stringify(row) !== JSON.stringify(city[key][i])).length;
    const response = await upload({
      regions: cityCsv(changed, 'regions'),
      units: cityCsv(changed, 'units'),
      users: cityCsv(changed, 'users'),
    });
    expect(response.status).toBe(200);
    const added = (key: keyof City) => changed[key].length - city[key].length;
    expect(response.body.counts).toEqual({
      regions: { created: 0, updated: differs('regions'), unchanged: city.regions.length - differs('regions') },
      units: { created: added('units'), updated: differs('units'), unchanged: city.units.length - differs('units') },
      users: { created: added('users'), updated: differs('users'), unchanged: city.users.length - differs('users') },
    });
    const renamed = changed.units.find((u, i) => u.name !== city.units[i]?.name && city.units[i])!;
    expect(await db.query('SELECT name FROM unit WHERE code = ?'.replace('?', `'${renamed.code}'`))).toEqual([{ name: renamed.name }]);
  });

  it('validates the whole file first: every bad row listed with sheet, row, column and reason (zh-CN and English); nothing written', async () => {
    const before = await counts();
    const bad: City = {
      regions: [
        { code: '980199', name: '孤县', level: '县级', parentCode: '980200' }, // row 2: unknown parent
        { code: '980102', name: '重复', level: 'county', parentCode: '980100' }, // row 3: fine (existing, renamed)
        { code: '980102', name: '又重复', level: 'county', parentCode: '980100' }, // row 4: duplicate code
        { code: '980102001', name: '改层级', level: 'village', parentCode: '980102' }, // row 5: level changed
        { code: '980103', name: '', level: 'county', parentCode: '980100' }, // row 6: name missing
      ],
      units: [
        { code: '980102001-agent-x', name: '乡镇代办站', kind: 'agent-station', regionCode: '980102001', parentUnitCode: '', reviewingUnitCode: '' }, // 2: kind at level
        { code: '980102-room-a', name: 'A', kind: 'handling-room', regionCode: '980102', parentUnitCode: '980102-room-b', reviewingUnitCode: '' }, // 3: cycle
        { code: '980102-room-b', name: 'B', kind: '办理室', regionCode: '980102', parentUnitCode: '980102-room-a', reviewingUnitCode: '' }, // 4: cycle
        { code: '980102001-member-x', name: '成员', kind: 'member-body', regionCode: '980102001', parentUnitCode: '', reviewingUnitCode: '' }, // 5: no parent office
        { code: '980102001001-agent-y', name: '村站', kind: 'agent-station', regionCode: '980102001001', parentUnitCode: '', reviewingUnitCode: '980102001001-agent-station' }, // 6: reviewing body not above
        { code: '980102-dept-x', name: '部门', kind: 'ministry', regionCode: '980102', parentUnitCode: '', reviewingUnitCode: '' }, // 7: unknown kind
        { code: 'WRONG', name: '格式', kind: 'department', regionCode: '980102', parentUnitCode: '', reviewingUnitCode: '' }, // 8: code format
      ],
      users: [
        { username: 'u.nounit', displayName: '甲', unitCode: '980102-nowhere', roles: 'handler', initialPassword: '' }, // 2
        { username: 'u.weak', displayName: '乙', unitCode: '980102-petition-office', roles: 'handler', initialPassword: 'password' }, // 3
        { username: 'u.role', displayName: '丙', unitCode: '980102-petition-office', roles: '经办人、局长', initialPassword: '' }, // 4
        { username: 'u.combined', displayName: '丁', unitCode: '980102-petition-office', roles: 'system-admin、auditor', initialPassword: '' }, // 5
        { username: 'u.admin', displayName: '戊', unitCode: '980102-petition-office', roles: '安全审计员', initialPassword: '' }, // 6
        { username: 'u.admin', displayName: '己', unitCode: '980102-petition-office', roles: '', initialPassword: '' }, // 7: duplicate
        { username: 'sys.admin', displayName: '改管理员', unitCode: '980102-petition-office', roles: '', initialPassword: '' }, // 8
        { username: 'Bad Name', displayName: '庚', unitCode: '980102-petition-office', roles: '', initialPassword: '' }, // 9
      ],
    };
    const response = await upload({ file: await cityWorkbook(bad) });
    expect(response.status).toBe(422);
    const found = response.body.problems.map((p: any) => [p.sheet, p.row, p.column, p.code]);
    expect(found).toEqual([
      ['regions', 2, 'parentCode', 'unknownParentRegion'],
      ['regions', 4, 'code', 'duplicateCode'],
      ['regions', 5, 'level', 'levelChanged'],
      ['regions', 6, 'name', 'required'],
      ['units', 2, 'kind', 'unitKindLevel'],
      ['units', 3, 'parentUnitCode', 'parentUnitCycle'],
      ['units', 4, 'parentUnitCode', 'parentUnitCycle'],
      ['units', 5, 'parentUnitCode', 'memberBodyParent'],
      ['units', 6, 'reviewingUnitCode', 'reviewingUnitNotAbove'],
      ['units', 7, 'kind', 'unknownKind'],
      ['units', 8, 'code', 'unitCodeFormat'],
      ['users', 2, 'unitCode', 'unknownUnit'],
      ['users', 3, 'initialPassword', 'weakPassword'],
      ['users', 4, 'roles', 'unknownRoles'],
      ['users', 5, 'roles', 'rolesIncompatible'],
      ['users', 6, 'roles', 'adminRoleByImport'],
      ['users', 7, 'username', 'duplicateCode'],
      ['users', 8, 'username', 'adminAccountByImport'],
      ['users', 9, 'username', 'usernameFormat'],
    ]);
    expect(response.body.problemCount).toBe(found.length);
    const byCode = (code: string) => response.body.problems.find((p: any) => p.code === code);
    expect(byCode('unknownParentRegion')).toMatchObject({ sheetLabel: '区划', columnLabel: '上级区划代码', value: '980200' });
    expect(byCode('unknownParentRegion').reason).toContain('上级区划「980200」不存在');
    expect(byCode('unknownParentRegion').reasonEn).toContain('Parent region "980200" does not exist');
    expect(byCode('parentUnitCycle').reason).toContain('是本单位自身或其下级单位');
    expect(byCode('unitKindLevel').reason).toContain('信访代办站只能设在村级区划');
    expect(byCode('rolesIncompatible').reason).toContain('三类角色须分别授予不同人员');
    expect(byCode('weakPassword').reason).toContain('初始密码不符合密码规则');
    // The password itself is never echoed.
    expect(JSON.stringify(response.body)).not.toContain('"password"');
    expect(await counts()).toEqual(before);
    expect(await db.query(`SELECT name FROM region WHERE code = '980102'`)).not.toEqual([{ name: '重复' }]);

    // The same problems as a CSV report for the person who fixes the file.
    const csv = await upload({ file: await cityWorkbook(bad) }, '?format=csv');
    expect(csv.status).toBe(422);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('"区划 regions","2","上级区划代码 (parentCode)","980200"');
  });

  it('takes what a formula cell saved, never evaluating it; a formula without a saved value is a problem', async () => {
    const workbook = new ExcelJS.Workbook();
    const regions = workbook.addWorksheet('区划 regions');
    regions.addRow(['区划代码 (code)', '名称 (name)', '层级 (level)', '上级区划代码 (parentCode)']);
    regions.addRow(['980102', { formula: 'HYPERLINK("http://evil.example","x")', result: '公式结果区' }, 'county', '980100']);
    regions.addRow(['980103', { formula: '1+1' }, 'county', '980100']);
    const response = await upload({ file: Buffer.from(await workbook.xlsx.writeBuffer()) }, '?dryRun=true');
    expect(response.status).toBe(422);
    expect(response.body.problems).toEqual([expect.objectContaining({ sheet: 'regions', row: 3, code: 'formulaWithoutValue' })]);
    regions.spliceRows(3, 1);
    const ok = await upload({ file: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(ok.status).toBe(200);
    expect(await db.query(`SELECT name FROM region WHERE code = '980102'`)).toEqual([{ name: '公式结果区' }]);
  });

  it('escapes formula-like values in the CSV report (CSV injection)', async () => {
    const users = Buffer.from('用户名 (username),姓名 (displayName),所属单位代码 (unitCode)\r\n"=HYPERLINK(""http://evil.example"",""点我"")",某人,980102-petition-office\r\n+cmd,某人,980102-petition-office\r\n');
    const response = await upload({ users }, '?format=csv');
    expect(response.status).toBe(422);
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(response.body).toContain(`"'+cmd"`);
    expect(response.body).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it('refuses hostile uploads with a 4xx a person can act on, never a 500', async () => {
    // A CSV file that is not UTF-8 (GBK bytes of 区划代码).
    const gbk = await upload({ regions: Buffer.from([0xc7, 0xf8, 0xbb, 0xae, 0xb4, 0xfa, 0xc2, 0xeb, 0x0d, 0x0a]) });
    expect(gbk.status).toBe(422);
    expect(gbk.body.message).toContain('CSV UTF-8');

    // A zip bomb: 128 KB that unpacks to 200 MB.
    const bomb = await upload({ file: zip([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024, 0x20)]]) });
    expect(bomb.status).toBe(413);
    expect(bomb.body.message).toContain('解压后过大');

    // Too many rows.
    const rows = Buffer.from('用户名 (username),姓名 (displayName),所属单位代码 (unitCode)\n' + 'a.b,c,d\n'.repeat(60_010));
    const many = await upload({ users: rows });
    expect(many.status).toBe(413);

    // Not a workbook, though it starts like a zip; a CSV in the workbook's field; nothing at all.
    expect((await upload({ file: Buffer.from('PK\u0003\u0004 not really a zip') })).status).toBe(422);
    expect((await upload({ file: Buffer.from('code,name\n1,2\n') })).status).toBe(422);
    const nothing = await fetch(`${stack.url}/api/admin/org-import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(nothing.status).toBe(400);
    // A quote that never closes.
    const open = await upload({ regions: Buffer.from('区划代码 (code),名称 (name),层级 (level)\n"980104,x,county\n') });
    expect(open.status).toBe(422);
    expect(open.body.problems.map((p: any) => p.code)).toContain('unterminatedQuote');
  });

  it('refuses a file over 16 MB as soon as the limit is reached (413)', async () => {
    const huge = await upload({ file: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(17 * 1024 * 1024)]) });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toContain('导入文件过大');
  });
});

/** A minimal zip (deflate) of the given entries, as a hostile client would build one by hand. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = deflateRawSync(content, { level: 9 });
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    // The declared size lies (small): the check counts what actually unpacks.
    local.writeUInt32LE(1024, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(1024, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

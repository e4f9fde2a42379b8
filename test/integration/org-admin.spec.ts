import { openDatabase, TestDatabase } from '../support/database';
import { dbTime } from '../support/statutory-clock';
import { api, DEMO_PASSWORD, engine, eventually, login } from '../support/harness';
import { register, TaskItem, waitForTask } from '../support/petitions';

/**
 * The system administrator's organisation API. Other test files share this stack and use the
 * 东湖区 (990102) units, so everything here happens in 青山县 (990121), mostly in units and regions
 * this file creates itself.
 */
const BASE = '/api/admin/org';

/** A new session, bypassing the harness's token cache: a moved user's unit is in the token. */
async function signIn(username: string): Promise<{ accessToken: string; user: { unitCode: string } }> {
  const response = await api('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(response.status).toBe(200);
  return response.body;
}

function problems(body: { errors?: { field: string; code: string }[] }) {
  return (body.errors ?? []).map((e) => [e.field, e.code]);
}

describe('organisation administration', () => {
  let admin: string;
  let db: TestDatabase;
  beforeAll(async () => {
    admin = await login('sysadmin');
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const post = (path: string, body: unknown, lang = 'en') => api('POST', BASE + path, { token: admin, body, lang });

  /** A body, the [field, code] problems it must be refused with (400), and a part of the message in each language. */
  type Refusal = [Record<string, unknown>, [string, string][], { 'zh-CN': string; en: string }];
  async function expectRefused(path: string, cases: Refusal[]): Promise<void> {
    for (const [body, expected, message] of cases) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const response = await post(path, body, lang);
        const outcome = { body, lang, status: response.status, problems: problems(response.body) };
        expect(outcome).toEqual({ body, lang, status: 400, problems: expected });
        expect(response.body.message).toContain(message[lang]);
      }
    }
  }

  it('is for system administrators only', async () => {
    const handler = await api('GET', `${BASE}/regions`, { token: await login('donghu.room1'), lang: 'zh-CN' });
    expect(handler.status).toBe(403);
    expect(handler.body.message).toContain('系统管理员');
    const processAdmin = await api('POST', `${BASE}/units`, { token: await login('admin'), body: {} });
    expect(processAdmin.status).toBe(403);
    expect((await api('GET', `${BASE}/units`)).status).toBe(401);

    const regions = await api('GET', `${BASE}/regions?parentCode=990121`, { token: admin });
    expect(regions.status).toBe(200);
    expect(regions.body.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['990121100', '990121200']));
    expect(regions.body.every((r: { parentCode: string }) => r.parentCode === '990121')).toBe(true);

    const rooms = await api('GET', `${BASE}/units?regionCode=990121&kind=handling-room&active=true`, { token: admin });
    expect(rooms.status).toBe(200);
    expect(rooms.body.map((u: { code: string }) => u.code)).toEqual(
      expect.arrayContaining(['990121-handling-room-1', '990121-handling-room-2']),
    );
    expect(rooms.body.every((u: { kind: string; active: boolean }) => u.kind === 'handling-room' && u.active === true)).toBe(true);

    const badFilter = await api('GET', `${BASE}/units?active=maybe&kind=office`, { token: admin, lang: 'zh-CN' });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toContain('单位类型必须是以下之一');
    expect(badFilter.body.message).toContain('是否启用必须是 true 或 false');
  });

  it('adds a township and a village under it, and renames it', async () => {
    const township = await post('/regions', { code: '990121300', name: '青山新区镇', level: 'township', parentCode: '990121' });
    expect(township.status).toBe(201);
    expect(township.body).toEqual({ code: '990121300', name: '青山新区镇', level: 'township', parentCode: '990121' });
    const village = await post('/regions', { code: '990121300201', name: '新区村', level: 'village', parentCode: '990121300' });
    expect(village.status).toBe(201);

    const renamed = await api('PATCH', `${BASE}/regions/990121300`, { token: admin, body: { name: '青山新城镇' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('青山新城镇');
    const children = await api('GET', `${BASE}/regions?parentCode=990121300`, { token: admin });
    expect(children.body).toEqual([{ code: '990121300201', name: '新区村', level: 'village', parentCode: '990121300' }]);
    // the organisation everyone reads sees it at once
    const everyone = await api('GET', '/api/org/regions', { token: await login('qingshan.registrar') });
    expect(everyone.body).toEqual(expect.arrayContaining([expect.objectContaining({ code: '990121300', name: '青山新城镇' })]));
  });

  it('refuses regions that do not fit the tree, saying why', async () => {
    const cases: Refusal[] = [
      [
        { code: '99012130', name: '短码镇', level: 'township', parentCode: '990121' },
        [['code', 'regionCodeFormat']],
        { 'zh-CN': '乡镇级区划代码应为9位数字', en: 'a township code has 9 digits' },
      ],
      [
        { code: '990121999001', name: '越级村', level: 'village', parentCode: '990121' },
        [['parentCode', 'levelNotBelowParent']],
        { 'zh-CN': '村级区划应直接隶属于乡镇级区划，而「青山县」是县级区划', en: 'A village region belongs directly under a township region; 青山县 is a county region' },
      ],
      [
        { code: '990199001', name: '无主镇', level: 'township', parentCode: '990199' },
        [['parentCode', 'unknownParentRegion']],
        { 'zh-CN': '上级区划「990199」不存在', en: 'Parent region "990199" does not exist' },
      ],
      [
        { code: '990102300', name: '错位镇', level: 'township', parentCode: '990121' },
        [['code', 'regionCodeNotUnderParent']],
        { 'zh-CN': '应以上级区划「青山县」（990121）的代码 990121 开头', en: 'must start with 990121' },
      ],
      [
        { code: '990221', name: '外市县', level: 'county', parentCode: '990100' },
        [['code', 'regionCodeNotUnderParent']],
        { 'zh-CN': '的代码 9901 开头', en: 'must start with 9901, from its parent 示范市 (990100)' },
      ],
      [
        { code: '990200', name: '第二市', level: 'city', parentCode: '990100' },
        [['parentCode', 'cityHasNoParent']],
        { 'zh-CN': '市级区划没有上级区划，请不要填写上级区划', en: 'A city has no parent region' },
      ],
      [
        { code: '990121301', level: 'province', parentCode: '990121' },
        [
          ['name', 'isNotEmpty'],
          ['level', 'isIn'],
        ],
        { 'zh-CN': '名称不能为空；层级必须是以下之一：city, county, township, village', en: 'Name is required' },
      ],
    ];
    await expectRefused('/regions', cases);

    const duplicate = await post('/regions', { code: '990121100', name: '又一个青山镇', level: 'township', parentCode: '990121' }, 'zh-CN');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('区划代码 990121100 已被「青山镇」（乡镇级）使用');
    const missing = await api('PATCH', `${BASE}/regions/990121777`, { token: admin, body: { name: '无' }, lang: 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Region "990121777" does not exist');
    const notARename = await api('PATCH', `${BASE}/regions/990121100`, { token: admin, body: { name: '青山镇', level: 'county' } });
    expect(notARename.status).toBe(400);
    expect(problems(notARename.body)).toEqual([['level', 'whitelistValidation']]);
  });

  it('adds units where their kind belongs and refuses the rest', async () => {
    expect((await post('/regions', { code: '990121400', name: '青石镇', level: 'township', parentCode: '990121' })).status).toBe(201);
    const office = await post('/units', {
      code: '990121400-petition-office',
      name: '青石镇信访调处室',
      kind: 'petition-office',
      regionCode: '990121400',
    });
    expect(office.status).toBe(201);
    expect(office.body).toEqual({
      code: '990121400-petition-office',
      name: '青石镇信访调处室',
      kind: 'petition-office',
      regionCode: '990121400',
      parentUnitCode: null,
      active: true,
      successorCode: null,
      reviewingUnitCode: null,
    });
    const member = await post('/units', {
      code: '990121400-judicial-office',
      name: '青石镇司法所',
      kind: 'member-body',
      regionCode: '990121400',
      parentUnitCode: '990121400-petition-office',
    });
    expect(member.status).toBe(201);

    const unit = (overrides: Record<string, unknown>) => ({
      code: '990121400-x',
      name: '某单位',
      kind: 'member-body',
      regionCode: '990121400',
      ...overrides,
    });
    const cases: Refusal[] = [
      [
        unit({ code: '990121400-police-station' }),
        [['parentUnitCode', 'memberBodyParent']],
        { 'zh-CN': '调处室成员单位必须以本乡镇的信访调处室为上级单位', en: "A member body needs its township's petition office as parent unit" },
      ],
      [
        unit({ code: '990121-judicial-office', regionCode: '990121', parentUnitCode: '990121-petition-office' }),
        [['kind', 'unitKindLevel']],
        {
          'zh-CN': '调处室成员单位只能设在乡镇级区划，不能设在县级区划「青山县」',
          en: 'A member body can only be set up in a township region, not in the county region 青山县',
        },
      ],
      [
        unit({ code: '990121400-agent-station', kind: 'agent-station' }),
        [['kind', 'unitKindLevel']],
        { 'zh-CN': '信访代办站只能设在村级区划', en: 'An agent station can only be set up in a village region' },
      ],
      [
        unit({ code: '990121400-handling-room-1', kind: 'handling-room', parentUnitCode: '990121400-petition-office' }),
        [['kind', 'unitKindLevel']],
        { 'zh-CN': '办理室只能设在市级区划、县级区划', en: 'A handling room can only be set up in a city or county region' },
      ],
      [
        unit({ code: '990121400-police-station', parentUnitCode: '990121100-petition-office' }),
        [['parentUnitCode', 'parentUnitOtherRegion']],
        { 'zh-CN': '上级单位「990121100-petition-office」属于区划 990121100', en: 'a parent unit must lie in the unit\'s own region 990121400' },
      ],
      [
        unit({ parentUnitCode: '990121400-nowhere' }),
        [['parentUnitCode', 'unknownParentUnit']],
        { 'zh-CN': '上级单位「990121400-nowhere」不存在', en: 'Parent unit "990121400-nowhere" does not exist' },
      ],
      [
        unit({ regionCode: '990121999' }),
        [['regionCode', 'unknownRegion']],
        { 'zh-CN': '所属区划代码「990121999」不存在', en: 'Region code "990121999" does not exist' },
      ],
      [
        unit({ code: '990121-police', parentUnitCode: '990121400-petition-office' }),
        [['code', 'unitCodeFormat']],
        { 'zh-CN': '应以所属区划代码和连字符开头', en: 'e.g. 990121400-handling-room-3' },
      ],
      [
        unit({ code: '990121400-Police_Station', parentUnitCode: '990121400-petition-office' }),
        [['code', 'unitCodeFormat']],
        { 'zh-CN': '格式不对', en: 'has the wrong form' },
      ],
      [
        unit({ kind: 'bureau' }),
        [['kind', 'isIn']],
        { 'zh-CN': '单位类型必须是以下之一', en: 'Unit kind must be one of' },
      ],
    ];
    await expectRefused('/units', cases);

    const twin = { code: '990121-handling-room-1', name: '重复', kind: 'handling-room', regionCode: '990121' };
    const duplicate = await post('/units', twin, 'zh-CN');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain('单位代码 990121-handling-room-1 已被「青山县信访接待办理中心第一办理室（城建国土）」使用');

    // renaming, and a parent that would put the office below its own member body
    const renamed = await api('PATCH', `${BASE}/units/990121400-judicial-office`, { token: admin, body: { name: '青石镇司法所（调处室成员）' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '青石镇司法所（调处室成员）', parentUnitCode: '990121400-petition-office' });
    const cycle = await api('PATCH', `${BASE}/units/990121400-petition-office`, {
      token: admin,
      body: { parentUnitCode: '990121400-judicial-office' },
      lang: 'zh-CN',
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toBe('上级单位「990121400-judicial-office」是本单位自身或其下级单位，不能作为上级单位');
    expect((await api('PATCH', `${BASE}/units/990121400-nothing`, { token: admin, body: { name: 'x' } })).status).toBe(404);

    // a reviewing body (复查机关) named for the township office: a body one level up, not a peer (Art. 35)
    const named = await api('PATCH', `${BASE}/units/990121400-petition-office`, { token: admin, body: { reviewingUnitCode: '990121-handling-room-1' } });
    expect(named.status).toBe(200);
    expect(named.body.reviewingUnitCode).toBe('990121-handling-room-1');
    const peer = await api('PATCH', `${BASE}/units/990121400-petition-office`, {
      token: admin,
      body: { reviewingUnitCode: '990121400-judicial-office' },
      lang: 'zh-CN',
    });
    expect(peer.status).toBe(400);
    expect(peer.body.message).toBe('复查机关「990121400-judicial-office」须为上一级机关（第三十五条），不能与本单位同级或更低');
    const cleared = await api('PATCH', `${BASE}/units/990121400-petition-office`, { token: admin, body: { reviewingUnitCode: null } });
    expect(cleared.body.reviewingUnitCode).toBeNull();

    const listed = await api('GET', `${BASE}/units?regionCode=990121400`, { token: admin });
    expect(listed.body.map((u: { code: string }) => u.code)).toEqual(['990121400-judicial-office', '990121400-petition-office']);
  });

  it('closes a handling room into a successor without breaking its running cases', async () => {
    const closed = '990121-handling-room-1';
    const successor = '990121-handling-room-9';
    const created = await post('/units', {
      code: successor,
      name: '青山县信访接待办理中心第九办理室',
      kind: 'handling-room',
      regionCode: '990121',
      parentUnitCode: '990121-petition-office',
    });
    expect(created.status).toBe(201);

    // given two county-level complaints from 青山村 waiting for acceptance at the first handling room,
    // one claimed by its handler and one claimed by someone who will not work at the successor
    const input = { regionCode: '990121100201', matterScope: 'county', category: 'complaint', subject: '村道塌方无人修复' };
    const kept = await register(input, 'qingshan.registrar');
    const released = await register({ ...input, subject: '灌溉水渠堵塞' }, 'qingshan.registrar');
    const keptTask = await waitForTask('qingshan.room1', kept.id, 'accept-decision');
    const releasedTask = await waitForTask('qingshan.room1', released.id, 'accept-decision');
    expect((await api('POST', `/api/tasks/${keptTask.id}/claim`, { token: await login('qingshan.room1') })).status).toBe(200);
    await engine('POST', `/task/${releasedTask.id}/assignee`, { userId: 'retired.handler' });

    // the successor must be able to take the work, and a unit with units under it stays
    const refusals: [string, Record<string, unknown>, number, string][] = [
      [closed, { successorCode: closed, reason: '合并' }, 400, 'Successor unit cannot be the unit being closed'],
      [closed, { successorCode: '990121-handling-room-0', reason: '合并' }, 400, 'Successor unit "990121-handling-room-0" does not exist'],
      [closed, { successorCode: '990121-dept-housing', reason: '合并' }, 400, 'must be a handling room like the closed unit'],
      [closed, { successorCode: successor }, 400, 'Reason is required'],
      ['990121-petition-office', { successorCode: '990100-petition-office', reason: '合并' }, 409, 'still has active units under it'],
      ['990121-handling-room-77', { successorCode: successor, reason: '合并' }, 404, 'Unit "990121-handling-room-77" does not exist'],
    ];
    for (const [code, body, status, message] of refusals) {
      const response = await post(`/units/${code}/close`, body);
      expect({ code, body, status: response.status }).toEqual({ code, body, status });
      expect(response.body.message).toContain(message);
    }

    // and a matter the room concluded years ago, on record under the room (as the annual report reads it)
    const historic = '00000000-0000-4000-8000-00000000c105';
    await db.query(
      `INSERT INTO "petition" ("id", "number", "queryCodeHash", "channel", "category", "matterScope", "subject", "content", "regionCode", "receivingUnitCode",
        "registeredBy", "competentUnitCode", "status", "receivedAt", "registeredAt") VALUES (?, ?, ?, 'visit', 'complaint', 'county', '旧案', '旧案', '990121100201', '990121-petition-office', 'org-admin-spec', ?, 'concluded', ?, ?)`,
      [historic, 'XF-ORGADMIN-HISTORIC', 'org-admin-spec', closed, dbTime(new Date('2020-03-01T02:00:00Z')), dbTime(new Date('2020-03-01T02:00:00Z'))],
    );

    // when the first handling room is merged into the new one
    const closing = await post(`/units/${closed}/close`, { successorCode: successor, reason: '机构改革：第一办理室并入第九办理室' });
    expect([closing.status, closing.body?.message]).toEqual([200, undefined]);
    // at least these two petitions, each with its petition instance and its unit-handling instance,
    // and its one handler (other test files register 青山县 complaints too, which this closure moves as well)
    expect(closing.body).toEqual({ tasks: expect.any(Number), processInstances: expect.any(Number), petitions: expect.any(Number), users: 1 });
    expect(closing.body.petitions).toBeGreaterThanOrEqual(2);
    expect(closing.body.tasks).toBeGreaterThanOrEqual(2);
    expect(closing.body.processInstances).toBeGreaterThanOrEqual(4);

    // then the engine offers both open tasks to the successor only
    for (const task of [keptTask, releasedTask]) {
      const links = await engine<{ groupId: string | null; type: string }[]>('GET', `/task/${task.id}/identity-links`);
      expect(links.filter((l) => l.type === 'candidate')).toEqual([expect.objectContaining({ groupId: successor })]);
    }
    // and the handler who moved keeps the claim, the other claim is released
    expect((await engine<{ assignee: string | null }>('GET', `/task/${keptTask.id}`)).assignee).toBe('qingshan.room1');
    expect((await engine<{ assignee: string | null }>('GET', `/task/${releasedTask.id}`)).assignee).toBeNull();

    // and every running competentUnitCode names the successor
    const unitHandling = await Promise.all(
      [keptTask, releasedTask].map(async (t) => (await engine<{ processInstanceId: string }>('GET', `/task/${t.id}`)).processInstanceId),
    );
    const instances = [kept.processInstanceId, released.processInstanceId, ...unitHandling];
    const variables = await engine<{ processInstanceId: string; value: string }[]>(
      'GET',
      `/variable-instance?variableName=competentUnitCode&processInstanceIdIn=${instances.join(',')}`,
    );
    expect(variables).toHaveLength(4);
    expect(new Set(variables.map((v) => v.value))).toEqual(new Set([successor]));

    // and the database: petitions, their timelines, the unit and its staff
    const rows = await db.query<{ competentUnitCode: string }>('SELECT "competentUnitCode" FROM "petition" WHERE "id" IN (?, ?)', [
      kept.id,
      released.id,
    ]);
    expect(rows.map((r) => r.competentUnitCode)).toEqual([successor, successor]);
    // and the concluded matter keeps the room that handled it: history is not rewritten
    expect((await db.query<{ competentUnitCode: string }>('SELECT "competentUnitCode" FROM "petition" WHERE "id" = ?', [historic]))[0].competentUnitCode).toBe(closed);
    const [unitRow] = await db.query<{ active: number | boolean; successorCode: string }>(
      'SELECT "active", "successorCode" FROM "unit" WHERE "code" = ?',
      [closed],
    );
    expect({ active: Boolean(unitRow.active), successorCode: unitRow.successorCode }).toEqual({ active: false, successorCode: successor });
    const [staff] = await db.query<{ unitCode: string }>('SELECT "unitCode" FROM "app_user" WHERE "username" = ?', ['qingshan.room1']);
    expect(staff.unitCode).toBe(successor);

    // and the moved handler, signed in again, finds both tasks at the new unit and reads the case
    const session = await signIn('qingshan.room1');
    expect(session.user.unitCode).toBe(successor);
    const token = session.accessToken;
    const list = await api('GET', '/api/tasks?maxResults=200', { token });
    expect(list.body.items.map((t: TaskItem) => t.id)).toEqual(expect.arrayContaining([keptTask.id, releasedTask.id]));
    const petition = await api('GET', `/api/petitions/${kept.id}`, { token });
    expect(petition.status).toBe(200);
    expect(petition.body.currentUnit).toEqual({ code: successor, name: '青山县信访接待办理中心第九办理室' });
    expect(petition.body.timeline.at(-1)).toMatchObject({
      kind: 'handed-over',
      actor: 'sysadmin',
      unit: { code: closed },
      note: '机构改革：第一办理室并入第九办理室',
      data: { kind: 'transfer', from: closed, to: successor, reason: 'unit closed', successor: true },
    });
    expect(petition.body.handOvers.at(-1)).toMatchObject({
      kind: 'transfer',
      from: { code: closed },
      to: { code: successor },
      actor: 'sysadmin',
      reason: expect.stringContaining('单位撤并'),
    });

    // and completes the acceptance there; the next step is created for the successor too
    expect((await api('POST', `/api/tasks/${keptTask.id}/complete`, { token, body: { decision: 'accept' } })).status).toBe(204);
    const handling = await eventually(
      async () => {
        const response = await api('GET', '/api/tasks?maxResults=200', { token });
        return (response.body.items as TaskItem[]).find((t) => t.petition?.id === kept.id && t.step === 'handle-petition');
      },
      { what: 'handle-petition at the successor' },
    );
    const handlingLinks = await engine<{ groupId: string | null; type: string }[]>('GET', `/task/${handling.id}/identity-links`);
    expect(handlingLinks.filter((l) => l.type === 'candidate')).toEqual([expect.objectContaining({ groupId: successor })]);

    // a closed unit closes once; the same call again only sweeps up stragglers offered to it since
    const again = await post(`/units/${closed}/close`, { successorCode: '990121-handling-room-2', reason: '再次撤并' }, 'zh-CN');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`其工作已由「${successor}」承接`);
    await engine('POST', `/task/${releasedTask.id}/identity-links`, { groupId: closed, type: 'candidate' });
    const sweep = await post(`/units/${closed}/close`, { successorCode: successor, reason: '机构改革：第一办理室并入第九办理室' });
    expect(sweep.status).toBe(200);
    expect(sweep.body).toEqual({ tasks: 1, processInstances: 0, petitions: 0, users: 0 });
    const sweptLinks = await engine<{ groupId: string | null; type: string }[]>('GET', `/task/${releasedTask.id}/identity-links`);
    expect(sweptLinks.filter((l) => l.type === 'candidate')).toEqual([expect.objectContaining({ groupId: successor })]);
    const events = await db.query('SELECT "id" FROM "petition_event" WHERE "petitionId" = ? AND "kind" = ?', [released.id, 'handed-over']);
    expect(events).toHaveLength(1);

    // and the released task can be completed by the successor's handler
    expect((await api('POST', `/api/tasks/${releasedTask.id}/complete`, { token, body: { decision: 'accept' } })).status).toBe(204);
    const inactive = await api('GET', `${BASE}/units?regionCode=990121&active=false`, { token: admin });
    expect(inactive.body).toEqual([expect.objectContaining({ code: closed, active: false, successorCode: successor })]);
    const reparent = await api('PATCH', `${BASE}/units/${closed}`, { token: admin, body: { parentUnitCode: null } });
    expect(reparent.status).toBe(409);
  });
});

import { randomUUID } from 'node:crypto';
import { openDatabase, TestDatabase } from '../support/database';
import { api, ApiResponse, eventually, login, randomClientAddress, stackInfo } from '../support/harness';
import { complete, freshPetitioner, register, Registered, waitForTask } from '../support/petitions';
import { dbTime } from '../support/statutory-clock';

/**
 * 公告公示 (issue #15): the public board, read without signing in, and a supervisor's say over it.
 * Matters are registered in 新港社区 (990102002002), a village other test files leave alone, so that
 * the board of that village lists this file's matters and little else.
 */
describe('the public notice board', () => {
  const VILLAGE = '990102002002';
  const DAY = 86_400_000;
  const run = randomUUID().slice(0, 8);
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  /** One board request from an address of its own, so that this file's reads do not use up the rate limit. */
  const board = (query: string, lang?: string) => api('GET', `/api/public/board?${query}`, { headers: { 'X-Forwarded-For': randomClientAddress() }, lang });

  /** Every item of a section of the village's board (a few pages at most). */
  async function sectionOf(section: string, extra = ''): Promise<{ items: Record<string, any>[]; bodies: string[] }> {
    const items: Record<string, any>[] = [];
    const bodies: string[] = [];
    for (let page = 1; page <= 10; page++) {
      const response = await board(`regionCode=${VILLAGE}&section=${section}&pageSize=50&page=${page}${extra}`);
      expect(response.status).toBe(200);
      bodies.push(JSON.stringify(response.body));
      items.push(...response.body.items);
      if (page * 50 >= response.body.total) break;
    }
    return { items, bodies };
  }
  const listed = async (section: string, id: string) => (await sectionOf(section)).items.find((item) => item.id === id);

  /** A complaint about the village, accepted by 东湖区第一办理室. */
  async function accepted(overrides: Record<string, unknown> = {}): Promise<Registered> {
    const petition = await register({ regionCode: VILLAGE, petitioners: freshPetitioner('欧阳明'), ...overrides });
    const decided = await complete('donghu.room1', (await waitForTask('donghu.room1', petition.id, 'accept-decision')).id, { decision: 'accept' });
    expect(decided.status).toBe(204);
    return petition;
  }

  const supervisor = async (method: string, path: string, body: unknown, who = 'donghu.supervisor', lang?: string): Promise<ApiResponse> =>
    api(method, path, { token: await login(who), body, lang });

  it('lists an accepted matter with its subject masked, and nothing personal anywhere in the answer', async () => {
    // given a complaint whose subject names the petitioner and carries an ID number and a mobile number
    const subject = `欧阳明反映楼道漏水（身份证110105194912310021，电话139 1234 5678）${run}`;
    const petition = await accepted({ subject, petitioners: [{ name: '欧阳明', idNumber: '11010519491231002X', phone: '13800138000', address: '新港社区8号楼' }] });

    // when anyone reads the village's board, without signing in
    const { items, bodies } = await sectionOf('accepted');
    const item = items.find((i) => i.id === petition.id);

    // then the matter is there with its category, handling unit, committed date and status
    expect(item).toMatchObject({
      category: 'complaint',
      unit: { code: '990102-handling-room-1', name: expect.stringContaining('第一办理室') },
      status: 'handling',
      acceptedAt: expect.any(String),
      committedDate: expect.any(String),
    });
    // and its subject says what it is about, with the number and the phone masked and the name cut
    expect(item!.subject).toContain('楼道漏水');
    expect(item!.subject).toContain('1101**********0021');
    expect(item!.subject).toContain('139 **** 5678');
    expect(item!.subject).toContain('欧**');
    // and nothing personal appears anywhere in what the board answers
    const all = bodies.join('');
    for (const personal of ['欧阳明', '110105194912310021', '11010519491231002X', '13800138000', '13912345678', '139 1234 5678', '新港社区8号楼', petition.queryCode]) {
      expect(all).not.toContain(personal);
    }
    // and the county's board and the city's (no region given) list it too
    const county = await board(`regionCode=990102&unitCode=990102-handling-room-1&pageSize=50`);
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ section: 'accepted', region: { code: '990102' }, unit: { code: '990102-handling-room-1' }, retention: { years: 3 } });
    expect(county.body.items.map((i: { id: string }) => i.id)).toContain(petition.id);
    const city = await board('pageSize=50');
    expect(city.body.region).toMatchObject({ code: '990100' });
    expect(city.body.items.map((i: { id: string }) => i.id)).toContain(petition.id);
  });

  it('never shows an accusation, not even without its subject', async () => {
    const secret = `举报村主任侵占补偿款（公示测试${run}）`;
    const accusation = await register({ regionCode: VILLAGE, category: 'accusation', subject: secret, content: `${secret}，详情见附件` });
    await complete('donghu.discipline', (await waitForTask('donghu.discipline', accusation.id, 'accept-decision')).id, { decision: 'accept' });
    await eventually(async () => ((await api('GET', `/api/petitions/${accusation.id}`, { token: await login('donghu.discipline') })).body.status === 'handling' ? true : undefined), {
      what: 'the accusation accepted',
    });
    for (const section of ['accepted', 'results', 'hearings']) {
      const all = (await sectionOf(section)).bodies.join('');
      expect(all).not.toContain(accusation.id);
      expect(all).not.toContain('村主任');
    }
    // and the discipline body's own board has nothing of it either
    const own = await board(`regionCode=990102&unitCode=990102-discipline&pageSize=50`);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(accusation.id);
  });

  it('a supervisor takes a notice down (audited, idempotent, a different reason refused); it is gone until restored with a reason', async () => {
    const petition = await accepted();
    expect(await listed('accepted', petition.id)).toBeDefined();

    // when 东湖区's supervisor takes it down
    const reason = '公示内容涉及当事人隐私，撤下核查';
    const taken = await supervisor('POST', '/api/board/takedowns', { petitionId: petition.id, reason });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ petitionId: petition.id, number: petition.number, kind: 'taken-down', reason, excludedBy: 'donghu.supervisor', lifted: null });
    // then the same request again answers with the same record, and another reason is refused
    const again = await supervisor('POST', '/api/board/takedowns', { petitionId: petition.id, reason });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(taken.body);
    const other = await supervisor('POST', '/api/board/takedowns', { petitionId: petition.id, reason: '另一个理由，再撤一次' }, 'donghu.supervisor', 'zh-CN');
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('请先恢复公示');
    const withheldNow = await supervisor('POST', '/api/board/withholdings', { petitionId: petition.id, reason });
    expect(withheldNow.status).toBe(409);

    // and the notice is gone from the board
    expect(await listed('accepted', petition.id)).toBeUndefined();
    // and it is on the supervisor's list
    const exclusions = await api('GET', '/api/board/exclusions?pageSize=100', { token: await login('donghu.supervisor') });
    expect(exclusions.status).toBe(200);
    expect(exclusions.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ petitionId: petition.id, kind: 'taken-down', matter: expect.objectContaining({ category: 'complaint' }) })]));
    // and the audit log has the takedown, with who, what and why
    const audited = await api('GET', `/api/audit?action=board.take-down&resourceId=${petition.id}&maxResults=50`, { token: await login('auditor') });
    expect(audited.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'donghu.supervisor', outcome: 'success', resourceType: 'petition', detail: expect.objectContaining({ kind: 'taken-down', reason }) })]),
    );

    // when it is restored, a reason is required
    const noReason = await supervisor('DELETE', `/api/board/exclusions/${petition.id}`, {});
    expect(noReason.status).toBe(400);
    const restored = await supervisor('DELETE', `/api/board/exclusions/${petition.id}`, { reason: '核查无隐私问题，恢复公示' });
    expect(restored.status).toBe(200);
    expect(restored.body.lifted).toMatchObject({ reason: '核查无隐私问题，恢复公示', by: 'donghu.supervisor' });
    expect((await supervisor('DELETE', `/api/board/exclusions/${petition.id}`, { reason: '核查无隐私问题，恢复公示' })).status).toBe(200);
    expect((await supervisor('DELETE', `/api/board/exclusions/${petition.id}`, { reason: '再恢复一次公示' })).status).toBe(409);
    expect(await listed('accepted', petition.id)).toBeDefined();
    const restoreAudited = await api('GET', `/api/audit?action=board.restore&resourceId=${petition.id}&maxResults=50`, { token: await login('auditor') });
    expect(restoreAudited.body.items.length).toBeGreaterThan(0);
  });

  it('a matter withheld before publication never appears; only a supervisor whose region holds it may do so', async () => {
    const petition = await register({ regionCode: VILLAGE, petitioners: freshPetitioner('钱七') });
    const reason = '涉及未成年人，不予公示';
    // a supervisor of another county cannot see it to withhold it, a handler may not, nobody signed out may not
    expect((await supervisor('POST', '/api/board/withholdings', { petitionId: petition.id, reason }, 'qingshan.supervisor')).status).toBe(404);
    expect((await supervisor('POST', '/api/board/withholdings', { petitionId: petition.id, reason }, 'donghu.room1')).status).toBe(403);
    expect((await api('POST', '/api/board/withholdings', { body: { petitionId: petition.id, reason } })).status).toBe(401);
    // the county's supervisor withholds it, before it is accepted
    const withheld = await supervisor('POST', '/api/board/withholdings', { petitionId: petition.id, reason });
    expect(withheld.status).toBe(201);
    expect(withheld.body.kind).toBe('withheld');
    await complete('donghu.room1', (await waitForTask('donghu.room1', petition.id, 'accept-decision')).id, { decision: 'accept' });
    // then it is accepted, and not on the board
    await eventually(async () => ((await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') })).body.status === 'handling' ? true : undefined), {
      what: 'the acceptance',
    });
    expect(await listed('accepted', petition.id)).toBeUndefined();
    const audited = await api('GET', `/api/audit?action=board.withhold&resourceId=${petition.id}&maxResults=50`, { token: await login('auditor') });
    expect(audited.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'donghu.supervisor', outcome: 'success' })]));
    // and the city's supervisor, whose region contains it, sees it on the list
    const cityList = await api('GET', '/api/board/exclusions?pageSize=100', { token: await login('city.supervisor') });
    expect(cityList.body.items.map((i: { petitionId: string }) => i.petitionId)).toContain(petition.id);
    const elsewhere = await api('GET', '/api/board/exclusions?pageSize=100', { token: await login('qingshan.supervisor') });
    expect(elsewhere.body.items.map((i: { petitionId: string }) => i.petitionId)).not.toContain(petition.id);
  });

  it('shows the published result after the reply, and a public hearing’s announcement; a conclusion only for a re-review heard in public (Art. 36)', async () => {
    // given a matter replied to, and another in handling with a public hearing scheduled
    const replied = await accepted();
    await complete('donghu.room1', (await waitForTask('donghu.room1', replied.id, 'handle-petition')).id, { findings: '已核实' });
    await complete('donghu.room1', (await waitForTask('donghu.room1', replied.id, 'reply-petition')).id, { replyOutcome: 'explain', replyText: '已向您解释相关政策。' });
    const result = await eventually(async () => listed('results', replied.id), { what: 'the published result', timeoutMs: 30_000 });
    expect(result).toMatchObject({ result: 'explain', category: 'complaint', unit: { name: expect.stringContaining('第一办理室') }, publishedAt: expect.any(String) });
    expect(result.subject).toContain('小区外墙脱落');

    const heard = await accepted();
    const handling = await waitForTask('donghu.room1', heard.id, 'handle-petition');
    const token = await login('donghu.room1');
    expect((await api('POST', `/api/tasks/${handling.id}/claim`, { token })).status).toBe(200);
    expect((await api('POST', `/api/tasks/${handling.id}/hearing`, { token, body: { initiatedBy: 'body', reason: '案情复杂，举行听证' } })).status).toBe(201);
    const schedule = await waitForTask('donghu.room1', heard.id, 'schedule-hearing');
    const scheduled = await complete('donghu.room1', schedule.id, {
      scheduledAt: new Date(Date.now() + 9 * DAY).toISOString(),
      place: '东湖区信访局听证室（联系电话13700001111）',
      presidingOfficer: 'donghu.room1.head',
      public: true,
      participants: [{ role: 'petitioner', name: '欧阳明' }, { role: 'lawyer', name: '司马律师' }],
    });
    expect(scheduled.status).toBe(204);
    const announcement = await eventually(async () => listed('hearings', heard.id), { what: 'the hearing announcement' });
    expect(announcement).toMatchObject({ stage: 'handling', held: false, conclusion: null, unit: { code: '990102-handling-room-1' } });
    expect(announcement.place).toContain('东湖区信访局听证室');
    expect(announcement.place).not.toContain('13700001111');

    // when a handling-stage hearing is minuted (a DBA's edit: the hearing day is 9 days away), its conclusion stays off the board
    await db.query('UPDATE "hearing" SET "closedAt" = ?, "conclusion" = ? WHERE "petitionId" = ?', [dbTime(Date.now()), '经听证，司马律师意见被采纳', heard.id]);
    expect(await listed('hearings', heard.id)).toMatchObject({ held: true, conclusion: null });
    // and a re-review hearing held in public shows its conclusion, names cut
    await db.query('UPDATE "hearing" SET "stage" = ? WHERE "petitionId" = ?', ['re-review', heard.id]);
    const concluded = await listed('hearings', heard.id);
    expect(concluded).toMatchObject({ stage: 're-review', held: true, conclusion: expect.stringContaining('司***意见被采纳'), concludedAt: expect.any(String) });
    // and a hearing that is not public is not announced at all
    await db.query('UPDATE "hearing" SET "public" = ? WHERE "petitionId" = ?', [0, heard.id]);
    expect(await listed('hearings', heard.id)).toBeUndefined();
    const hearings = (await sectionOf('hearings')).bodies.join('');
    expect(hearings).not.toContain('欧阳明');
    expect(hearings).not.toContain('司马律师');
  });

  it('drops a notice past its retention period (3 years after publication)', async () => {
    const petition = await accepted();
    expect(await listed('accepted', petition.id)).toBeDefined();
    await db.query('UPDATE "petition" SET "decidedAt" = ? WHERE "id" = ?', [dbTime(Date.now() - (3 * 365 + 2) * DAY), petition.id]);
    expect(await listed('accepted', petition.id)).toBeUndefined();
  });

  it('lists the regions and the units a visitor can choose, by their public names', async () => {
    const response = await api('GET', '/api/public/board/regions', { headers: { 'X-Forwarded-For': randomClientAddress() } });
    expect(response.status).toBe(200);
    expect(response.body.regions).toEqual(expect.arrayContaining([expect.objectContaining({ code: '990102', name: '东湖区', level: 'county', parentCode: '990100' })]));
    const units = response.body.units.map((u: { code: string }) => u.code);
    expect(units).toEqual(expect.arrayContaining(['990102-handling-room-1', '990102-petition-office', '990100-dept-housing']));
    expect(units).not.toContain('990102-leadership');
    expect(units).not.toContain('990102001001-agent-station');
    expect(Object.keys(response.body.units[0]).sort()).toEqual(['code', 'kind', 'name', 'regionCode']);
  });

  it('slows down one address after the public limit (429 with Retry-After), not another', async () => {
    const address = randomClientAddress();
    const { publicQuery: limit } = stackInfo().rateLimits;
    const read = (from: string) => api('GET', `/api/public/board?regionCode=${VILLAGE}&pageSize=1`, { headers: { 'X-Forwarded-For': from }, lang: 'en' });
    for (let i = 0; i < limit; i++) expect((await read(address)).status).toBe(200);
    const limited = await read(address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/^Too many requests/);
    expect((await read(randomClientAddress())).status).toBe(200);
  });

  describe('hostile input is a 400 or a 404 in the caller’s language, never a 500', () => {
    const queries: [string, number][] = [
      ['page=99999999999999999999', 400],
      ['page=1e400', 400],
      ['page=0', 400],
      ['page=-1', 400],
      ['page=abc', 400],
      ['pageSize=51', 400],
      ['page=501&pageSize=20', 400],
      ['page=51&pageSize=20', 400],
      ['page=21&pageSize=50', 400],
      ['page=1&page=2', 400],
      ['section=everything', 400],
      ['section[]=accepted', 400],
      ['regionCode=%ED%A0%80', 400],
      ['regionCode=%F0%9F%92', 400],
      ['regionCode=%E4%B8%9C%E6%B9%96', 400],
      ['regionCode=990102%00', 400],
      [`regionCode=${'9'.repeat(5000)}`, 400],
      ['unitCode=%3Cscript%3E', 400],
      ['unitCode=x%27%20OR%201%3D1--', 400],
      ['secret=1', 400],
      ['regionCode=999999', 404],
      ['regionCode=990102&unitCode=990121-handling-room-1', 404],
      ['unitCode=no-such-unit', 404],
    ];
    it.each(queries.map(([query, expected]) => ({ label: query.length > 60 ? `${query.slice(0, 60)}…` : query, query, expected })))('$label → $expected', async ({ query, expected }) => {
      const zh = await board(query, 'zh-CN');
      expect(zh.status).toBe(expected);
      expect(typeof zh.body.message).toBe('string');
      expect(zh.body.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await board(query, 'en');
      expect(en.status).toBe(expected);
      expect(en.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    });

    it.each([
      [{ petitionId: 'not-a-uuid', reason: '理由充分的撤下' }, 400],
      [{ petitionId: '00000000-0000-4000-8000-000000000000', reason: '理由' }, 400],
      [{ petitionId: '00000000-0000-4000-8000-000000000000', reason: '\u3000\u3000\u3000\u3000' }, 400],
      [{ petitionId: '00000000-0000-4000-8000-000000000000', reason: 'x'.repeat(501) }, 400],
      [{ petitionId: '00000000-0000-4000-8000-000000000000', reason: '理由充分的撤下', extra: 1 }, 400],
      ['{"petitionId":"00000000-0000-4000-8000-000000000000","reason":"撤下\\ud800理由"}', 400],
      [{ petitionId: '00000000-0000-4000-8000-000000000000', reason: '理由充分的撤下' }, 404],
    ])('a takedown of %j → %i', async (body, expected) => {
      const response = await supervisor('POST', '/api/board/takedowns', body, 'donghu.supervisor', 'zh-CN');
      expect(response.status).toBe(expected);
      expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('pages as far as the newest 1000 notices and no further', async () => {
      const last = await board('page=50&pageSize=20');
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ page: 50, pageSize: 20 });
      expect((await board('page=51&pageSize=20')).status).toBe(400);
    });

    it('a restore of a malformed id is a 400, of an unknown one a 404', async () => {
      expect((await supervisor('DELETE', '/api/board/exclusions/x', { reason: '恢复公示理由' })).status).toBe(400);
      expect((await supervisor('DELETE', '/api/board/exclusions/00000000-0000-4000-8000-000000000000', { reason: '恢复公示理由' })).status).toBe(404);
    });
  });
});

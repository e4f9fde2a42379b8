import { openDatabase, TestDatabase } from '../support/database';
import { api, eventually, login, stackInfo } from '../support/harness';
import { freshPetitioner, register, Registered, waitForTask } from '../support/petitions';

/** Characters no other test writes, so that a keyword or a name built from them finds this file's petitions only. */
function rareWord(length = 4): string {
  return Array.from({ length }, () => String.fromCharCode(0x5a00 + Math.floor(Math.random() * 0x800))).join('');
}

interface Item {
  id: string;
  number: string;
  subject: string;
  category: string;
  status: string;
  channel: string;
  tier: string | null;
  petitioner: string;
  due: string | null;
  overdue: boolean;
  repeat: boolean;
  collective: boolean;
  levelSkip: boolean;
  currentUnit: { code: string; name: string } | null;
}

async function search(who: string, query: string) {
  return api<{ total: number; items: Item[] }>('GET', `/api/petitions?${query}`, { token: await login(who) });
}

async function idsFound(who: string, query: string): Promise<string[]> {
  const response = await search(who, query);
  expect(response.status).toBe(200);
  return response.body.items.map((i) => i.id);
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('case search (卷宗检索)', () => {
  const word = rareWord();
  const name = `${rareWord(1)}${rareWord(2)}`;
  const accusationWord = rareWord();
  let db: TestDatabase;
  let letter: Registered;
  let visit: Registered;
  let accusation: Registered;

  beforeAll(async () => {
    db = await openDatabase({ writable: true });
    // Two complaints with the keyword, a letter (with this petitioner) and a visit, and an accusation
    // whose content alone has another keyword.
    letter = await register({ channel: 'letter', subject: `${word}路灯不亮（${rareWord()}）`, petitioners: [{ ...freshPetitioner(name)[0] }] });
    visit = await register({ channel: 'visit', content: `小区门口${word}积水严重，多次反映未解决。` });
    accusation = await register({ category: 'accusation', matterScope: 'township', content: `举报某站所负责人${accusationWord}收受礼品。` });
    await waitForTask('donghu.discipline', accusation.id, 'accept-decision');
  });
  afterAll(() => db.close());

  it('finds by a keyword in the subject or the content, newest first, with the summary a list shows', async () => {
    const response = await search('donghu.registrar', q({ q: word }));
    expect(response.status).toBe(200);
    const mine = response.body.items.filter((i) => [letter.id, visit.id].includes(i.id));
    expect(mine.map((i) => i.id)).toEqual([visit.id, letter.id]);
    expect(response.body.total).toBeGreaterThanOrEqual(2);
    const [first] = mine;
    expect(first).toEqual(
      expect.objectContaining({ number: visit.number, channel: 'visit', tier: 'county', category: 'complaint', petitioner: '张三', repeat: false, collective: false, levelSkip: false }),
    );
    // The registrar sees the name in clear; a supervisor of the county sees it masked.
    const supervised = (await search('donghu.supervisor', q({ q: word }))).body.items.find((i) => i.id === visit.id);
    expect(supervised?.petitioner).toBe('张*');
  });

  it('finds by any part of the number, and sorts by number or oldest first on request', async () => {
    const part = letter.number.slice(-8);
    expect(await idsFound('donghu.registrar', q({ q: part }))).toContain(letter.id);
    expect(await idsFound('donghu.registrar', q({ q: part.toLowerCase() }))).toContain(letter.id);
    const both = q({ q: word, sort: 'number' });
    const byNumber = (await search('donghu.registrar', both)).body.items.filter((i) => [letter.id, visit.id].includes(i.id));
    expect(byNumber.map((i) => i.number)).toEqual([letter.number, visit.number].sort());
    const oldest = (await idsFound('donghu.registrar', q({ q: word, sort: 'receivedAt' }))).filter((id) => [letter.id, visit.id].includes(id));
    expect(oldest).toEqual([letter.id, visit.id]);
  });

  it('narrows by channel, category, status, entry tier, current unit and received dates', async () => {
    expect(await idsFound('donghu.registrar', q({ q: word, channel: 'letter' }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ q: word, channel: 'visit', category: 'complaint' }))).toEqual([visit.id]);
    expect(await idsFound('donghu.registrar', q({ q: word, category: 'suggestion' }))).toEqual([]);
    expect(await idsFound('donghu.registrar', q({ q: word, tier: 'township' }))).toEqual([]);
    expect((await idsFound('donghu.registrar', q({ q: word, tier: 'county' }))).sort()).toEqual([letter.id, visit.id].sort());
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await idsFound('donghu.registrar', q({ q: word, receivedFrom: today, receivedTo: today }))).sort()).toEqual([letter.id, visit.id].sort());
    expect(await idsFound('donghu.registrar', q({ q: word, receivedTo: '2020-01-01' }))).toEqual([]);
    const held = (await search('donghu.registrar', q({ q: word }))).body.items.find((i) => i.id === letter.id)!;
    expect(held.currentUnit).not.toBeNull();
    expect(await idsFound('donghu.registrar', q({ q: word, unitCode: held.currentUnit!.code, channel: 'letter' }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ q: word, unitCode: '990121-handling-room-1' }))).toEqual([]);
    expect(await idsFound('donghu.registrar', q({ q: word, status: 'closed' }))).toEqual([]);
    expect(await idsFound('donghu.registrar', q({ q: word, repeat: 'true' }))).toEqual([]);
    expect(await idsFound('donghu.registrar', q({ q: word, collective: 'true' }))).toEqual([]);
    expect(await idsFound('donghu.registrar', q({ q: word, levelSkip: 'true' }))).toEqual([]);
  });

  it('shows the nearest open deadline, and finds a case whose open step is past it with overdue=true', async () => {
    const task = await waitForTask('donghu.room1', letter.id, 'accept-decision');
    const listed = (await search('donghu.registrar', q({ q: word, channel: 'letter' }))).body.items[0];
    expect(listed.due).not.toBeNull();
    expect(listed.overdue).toBe(false);
    expect(await idsFound('donghu.registrar', q({ q: word, overdue: 'true' }))).toEqual([]);
    // As a DBA would see a step left lying: its deadline passed yesterday.
    const yesterday = new Date(Date.now() - 86_400_000);
    const sqlite = stackInfo().database.type === 'sqlite';
    await db.query(
      sqlite ? 'UPDATE "open_task" SET "due" = ? WHERE "taskId" = ?' : 'UPDATE `open_task` SET `due` = ? WHERE `taskId` = ?',
      [sqlite ? yesterday.toISOString().replace('T', ' ').replace('Z', '') : yesterday, task.id],
    );
    const overdue = (await search('donghu.registrar', q({ q: word, overdue: 'true' }))).body.items;
    expect(overdue.map((i) => [i.id, i.overdue])).toEqual([[letter.id, true]]);
    expect(Date.parse(overdue[0].due!)).toBe(Math.floor(yesterday.getTime()));
    expect(await idsFound('donghu.registrar', q({ q: word, overdue: 'false' }))).toEqual([visit.id]);
    expect((await idsFound('donghu.registrar', q({ q: word, sort: 'due' })))[0]).toBe(letter.id);
  });

  it('finds by the petitioner’s full name through the blind index, without reading the stored name', async () => {
    expect(await idsFound('donghu.registrar', q({ name }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ name: ` ${name} ` }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ name: name.slice(0, 2) }))).toEqual([]);
    // The stored name overwritten (as if sealed or garbled): the search still answers from the hash,
    // and the garbage itself finds nothing.
    const sqlite = stackInfo().database.type === 'sqlite';
    const quote = (s: string) => (sqlite ? `"${s}"` : `\`${s}\``);
    const [row] = await db.query<{ nameHash: string | null }>(`SELECT ${quote('nameHash')} FROM ${quote('petitioner')} WHERE ${quote('petitionId')} = ?`, [letter.id]);
    expect(row.nameHash).toMatch(/^[0-9a-f]{64}$/);
    await db.query(`UPDATE ${quote('petitioner')} SET ${quote('name')} = ? WHERE ${quote('petitionId')} = ?`, ['无法解读', letter.id]);
    expect(await idsFound('donghu.registrar', q({ name }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ name: '无法解读' }))).toEqual([]);
  });

  it('finds by ID number, exact, and refuses name and ID number searches to those who see them masked', async () => {
    const [row] = await db.query<{ idNumberHash: string }>(
      stackInfo().database.type === 'sqlite' ? 'SELECT "idNumberHash" FROM "petitioner" WHERE "petitionId" = ?' : 'SELECT `idNumberHash` FROM `petitioner` WHERE `petitionId` = ?',
      [letter.id],
    );
    expect(row.idNumberHash).toBeDefined();
    const petition = await api('GET', `/api/petitions/${letter.id}`, { token: await login('donghu.registrar') });
    const idNumber = petition.body.petitioners[0].idNumber as string;
    expect(await idsFound('donghu.registrar', q({ idNumber }))).toEqual([letter.id]);
    expect(await idsFound('donghu.registrar', q({ idNumber: idNumber.toLowerCase(), name }))).toEqual([letter.id]);
    // A handler of another unit of the county, who sees this petitioner masked: no match, not a hint.
    expect(await idsFound('donghu.room2', q({ idNumber }))).toEqual([]);
    for (const params of [{ name }, { idNumber }] as Record<string, string>[]) {
      const refused = await api('GET', `/api/petitions?${q(params)}`, { token: await login('donghu.supervisor'), lang: 'en' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/personal data/);
    }
  });

  it('another county finds nothing of this county, by number, keyword or name', async () => {
    for (const who of ['qingshan.room1', 'qingshan.registrar', 'qingshan.supervisor']) {
      expect(await idsFound(who, q({ q: letter.number }))).toEqual([]);
      expect(await idsFound(who, q({ number: letter.number }))).toEqual([]);
      expect(await idsFound(who, q({ q: word }))).toEqual([]);
    }
    expect(await idsFound('qingshan.registrar', q({ name }))).toEqual([]);
  });

  it("finds by keyword what a supervisor's own office took in for another county, as well as that county's supervisor does", async () => {
    // The token index is asked for the supervisor's counties only; this petition lies outside them.
    const elsewhere = rareWord();
    const taken = await register({ regionCode: '990121100201', content: `${elsewhere}水渠堵塞，请求疏通。` });
    expect(await idsFound('donghu.supervisor', q({ q: elsewhere }))).toEqual([taken.id]);
    expect(await idsFound('qingshan.supervisor', q({ q: elsewhere }))).toEqual([taken.id]);
    expect(await idsFound('city.supervisor', q({ q: `${elsewhere} 疏通` }))).toEqual([taken.id]);
  });

  it('matches accusation content only for the discipline inspection unit handling it', async () => {
    await eventually(async () => (await idsFound('donghu.discipline', q({ q: accusationWord }))).includes(accusation.id) || undefined, {
      what: 'the accusation found by its discipline unit',
    });
    // The registrar that took it in lists it (it is theirs), but its content is not searchable for them.
    expect(await idsFound('donghu.registrar', q({ q: accusation.number }))).toEqual([accusation.id]);
    expect(await idsFound('donghu.registrar', q({ q: accusationWord }))).toEqual([]);
    expect(await idsFound('donghu.supervisor', q({ q: accusationWord }))).toEqual([]);
    expect(await idsFound('donghu.supervisor', q({ q: '举报' }))).not.toContain(accusation.id);
  });

  it.each([
    ['sort=newest', 'sort'],
    ['maxResults=101', 'maxResults'],
    ['overdue=yes', 'overdue'],
    ['channel=pigeon', 'channel'],
    ['tier=province', 'tier'],
    ['receivedFrom=yesterday', 'receivedFrom'],
    ['idNumber=12', 'idNumber'],
    [`q=${'长'.repeat(101)}`, 'q'],
    ['unknown=1', 'unknown'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const response = await api('GET', `/api/petitions?${encodeURI(query)}`, { token: await login('donghu.registrar'), lang: 'en' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a date range that ends before it starts, with a message', async () => {
    const response = await api('GET', '/api/petitions?receivedFrom=2026-02-01&receivedTo=2026-01-01', { token: await login('donghu.registrar'), lang: 'zh-CN' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('登记日期的起始不能晚于截止');
  });
});

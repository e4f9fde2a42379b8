import { randomUUID } from 'node:crypto';
import { openDatabase, TestDatabase } from '../support/database';
import { api, login } from '../support/harness';
import { petitionInput } from '../support/petitions';

/** Every refusal says what to fix, in the caller's language, and stores nothing. */
describe('registering a petition with bad input', () => {
  let db: TestDatabase;
  let token: string;
  beforeAll(async () => {
    db = await openDatabase();
    token = await login('donghu.registrar');
  });
  afterAll(() => db.close());

  const person = (overrides: Record<string, unknown>) => [{ name: '张三', idNumber: '11010519491231002X', ...overrides }];

  const cases: [string, Record<string, unknown>, string, string, string][] = [
    ['missing subject', { subject: undefined }, 'subject', '信访主题不能为空', 'Subject is required'],
    ['blank content', { content: '' }, 'content', '信访内容不能为空', 'Content is required'],
    [
      'an ID number with a wrong check digit',
      { petitioners: person({ idNumber: '110105194912310021' }) },
      'petitioners[0].idNumber',
      '第1位信访人的身份证号码校验位不正确，请核对是否输错',
      'Petitioners 1: ID number has a wrong check digit; it was probably mistyped',
    ],
    [
      'an ID number that is too short',
      { petitioners: person({ idNumber: '11010519491231' }) },
      'petitioners[0].idNumber',
      '第1位信访人的身份证号码应为18位居民身份证号码（前17位为数字，最后一位为数字或X）',
      'Petitioners 1: ID number must be an 18-character resident ID number (17 digits, then a digit or X)',
    ],
    [
      'an ID number with an impossible birth date',
      { petitioners: person({ idNumber: '110105194902301238' }) },
      'petitioners[0].idNumber',
      '第1位信访人的身份证号码中的出生日期不存在，请核对第7至14位',
      'Petitioners 1: ID number contains a birth date that does not exist; check characters 7 to 14',
    ],
    [
      'an unknown region code',
      { regionCode: '990199' },
      'regionCode',
      '所涉行政区划代码「990199」不存在，请从区划列表中选择',
      'Region code "990199" does not exist; pick one from the region list',
    ],
    ['a person count below 1', { personCount: 0 }, 'personCount', '信访人数不能小于1', 'Number of persons must be at least 1'],
    [
      'an oversized subject',
      { subject: '长'.repeat(201) },
      'subject',
      '信访主题不能超过200个字',
      'Subject must be at most 200 characters',
    ],
    [
      'oversized content',
      { content: '长'.repeat(10_001) },
      'content',
      '信访内容不能超过10000个字',
      'Content must be at most 10000 characters',
    ],
    [
      'an unknown category',
      { category: 'gossip' },
      'category',
      '信访类别必须是以下之一：suggestion, accusation, complaint',
      'Category must be one of: suggestion, accusation, complaint',
    ],
    [
      'more than five representatives',
      { personCount: 40, petitioners: Array.from({ length: 6 }, () => person({})[0]) },
      'petitioners',
      '信访人最多5位',
      'Petitioners: at most 5 allowed',
    ],
    [
      'more petitioners than persons',
      { personCount: 1, petitioners: [person({})[0], person({ name: '李四' })[0]] },
      'petitioners',
      '信访人人数（2）多于信访人数（1）',
      'There are more petitioners (2) than persons (1)',
    ],
    ['a phone number that is not one', { petitioners: person({ phone: '12345' }) }, 'petitioners[0].phone', '第1位信访人的联系电话应为11位手机号码或带区号的固定电话', 'Petitioners 1: Phone must be an 11-digit mobile number or a landline with area code'],
    ['an unknown field', { secretField: 1 }, 'secretField', '不认识的字段「secretField」，请删除后重试', 'Unknown field "secretField"; remove it and try again'],
  ];

  it.each(cases)('refuses %s with a message in Chinese and in English', async (_name, overrides, field, zh, en) => {
    // the body's subject (petitionInput's is unique) and content are its own, unless the case replaces
    // them: a stored copy would be found by them, whatever other test files store meanwhile
    const own = petitionInput({ content: `柳岸小区3号楼外墙瓷砖多次脱落（${randomUUID()}）` });
    const body = { ...own, ...overrides };
    const marked = [own.subject, own.content].filter((text) => body.subject === text || body.content === text);
    expect(marked.length).toBeGreaterThan(0);
    const inChinese = await api('POST', '/api/petitions', { token, body, lang: 'zh-CN' });
    const inEnglish = await api('POST', '/api/petitions', { token, body, lang: 'en-US,en;q=0.8' });
    expect(inChinese.status).toBe(400);
    expect(inChinese.body.errors).toEqual([expect.objectContaining({ field, message: zh })]);
    expect(inEnglish.body.errors).toEqual([expect.objectContaining({ field, message: en })]);
    const stored = await db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "petition" WHERE ${marked.map(() => '"subject" = ? OR "content" = ?').join(' OR ')}`,
      marked.flatMap((text) => [text, text]),
    );
    expect(Number(stored[0].n)).toBe(0);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await api('POST', '/api/petitions', {
      token,
      body: petitionInput({ content: 'x'.repeat(1_100_000) }),
      lang: 'zh-CN',
    });
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('提交的内容过大，请精简后重试');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await api('POST', '/api/petitions', { token, body: '{"subject": ', lang: 'en' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('The request body is not valid JSON');
  });

  it('refuses registration without signing in, and by a role that does not register', async () => {
    expect((await api('POST', '/api/petitions', { body: petitionInput() })).status).toBe(401);
    const handler = await api('POST', '/api/petitions', { token: await login('donghu.room1'), body: petitionInput() });
    expect(handler.status).toBe(403);
  });
});

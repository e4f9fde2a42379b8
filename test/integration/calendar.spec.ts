import { api, login } from '../support/harness';

// A year no other test counts deadlines in, so loading it changes nobody else's clock.
const YEAR = 2031;

describe('the business calendar', () => {
  it('shows the published holidays of a year to anyone signed in', async () => {
    const response = await api('GET', '/api/calendar/2026', { token: await login('donghu.room1') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ year: 2026, source: 'published' });
    expect(response.body.days).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: '2026-10-01', workday: false, source: 'published' }),
        expect.objectContaining({ date: '2026-10-10', workday: true, source: 'published' }), // a make-up Saturday
      ]),
    );
  });

  it('lets the system administrator load a year the package does not know, and only them', async () => {
    const days = [
      { date: `${YEAR}-01-23`, workday: false, name: '春节' },
      { date: `${YEAR}-01-24`, workday: false, name: '春节' },
      { date: `${YEAR}-01-26`, workday: false, name: '春节' },
      { date: `${YEAR}-02-08`, workday: true, name: '春节调休' },
    ];
    expect((await api('PUT', `/api/admin/calendar/${YEAR}`, { token: await login('donghu.room1'), body: { days } })).status).toBe(403);
    expect((await api('PUT', `/api/admin/calendar/${YEAR}`, { token: await login('secadmin'), body: { days } })).status).toBe(403);

    const before = await api('GET', `/api/calendar/${YEAR}`, { token: await login('sysadmin') });
    expect(before.body.source).toBe('none');

    const loaded = await api('PUT', `/api/admin/calendar/${YEAR}`, { token: await login('sysadmin'), body: { days } });
    expect(loaded.status).toBe(200);
    expect(loaded.body.source).toBe('loaded');
    expect(loaded.body.days).toEqual(days.map((d) => ({ ...d, source: 'override' })));

    // loading again replaces the year rather than adding to it
    const corrected = await api('PUT', `/api/admin/calendar/${YEAR}`, { token: await login('sysadmin'), body: { days: days.slice(0, 2) } });
    expect(corrected.body.days.map((d: { date: string }) => d.date)).toEqual([`${YEAR}-01-23`, `${YEAR}-01-24`]);
  });

  it('refuses days outside the year, twice-given dates and unknown fields, saying which', async () => {
    const token = await login('sysadmin');
    const outside = await api('PUT', `/api/admin/calendar/${YEAR}`, {
      token,
      lang: 'zh-CN',
      body: { days: [{ date: `${YEAR + 1}-01-01`, workday: false, name: '元旦' }] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe(`以下日期不属于 ${YEAR} 年或不是有效日期：${YEAR + 1}-01-01`);
    const twice = await api('PUT', `/api/admin/calendar/${YEAR}`, {
      token,
      lang: 'zh-CN',
      body: { days: [{ date: `${YEAR}-05-01`, workday: false, name: '劳动节' }, { date: `${YEAR}-05-01`, workday: false, name: '劳动节' }] },
    });
    expect(twice.body.message).toBe(`日期重复：${YEAR}-05-01`);
    const badShape = await api('PUT', `/api/admin/calendar/${YEAR}`, { token, body: { days: [{ date: 'May 1st', workday: 'no' }] } });
    expect(badShape.status).toBe(400);
  });
});

import ExcelJS from 'exceljs';
import { api, engine, eventually, login, stackInfo, setEngineTaskDue } from '../support/harness';
import { register, Registered } from '../support/petitions';
import { openDatabase } from '../support/database';

const DAY = 86_400_000;

interface EngineTask {
  id: string;
  taskDefinitionKey: string;
  [field: string]: unknown;
}

/** The petition's open task at `step`, straight from the engine (whoever it is offered to). */
async function openTask(petition: Registered, step: string): Promise<EngineTask> {
  return eventually(
    async () => (await engine<EngineTask[]>('GET', `/task?processInstanceBusinessKey=${petition.number}`)).find((t) => t.taskDefinitionKey === step),
    { what: `${step} of ${petition.number}` },
  );
}

/**
 * Moves a task's due date in the engine, as if its deadline had come closer (the clock is not moved:
 * the rest of the suite shares it), then has the unit claim it through the API, which updates the
 * report's copy of the task.
 */
const MEMBER_OF: Record<string, string> = {
  '990102-handling-room-1': 'donghu.room1',
  '990102001-petition-office': 'dhjd.handler',
  '990102001001-agent-station': 'dhsq.agent',
  '990100-petition-office': 'city.handler',
  '990100-dept-housing': 'city.housing',
  '990102-discipline': 'donghu.discipline',
};

/** What a caller who may not read an accusation sees in its place (AccessPolicy). */
const WITHHELD = '【检举控告内容仅限承办的纪检监察机关查看】';

async function dueIn(petition: Registered, step: string, days: number): Promise<string> {
  const task = await openTask(petition, step);
  const [link] = (await engine<{ groupId: string; type: string }[]>('GET', `/task/${task.id}/identity-links`)).filter((l) => l.type === 'candidate');
  const claimer = MEMBER_OF[link.groupId];
  await setEngineTaskDue(task.id, new Date(Date.now() + days * DAY));
  expect((await api('POST', `/api/tasks/${task.id}/claim`, { token: await login(claimer) })).status).toBe(200);
  return task.id;
}

async function report(who: string, query = '') {
  const response = await api('GET', `/api/reports/overdue?maxResults=500${query}`, { token: await login(who) });
  expect(response.status).toBe(200);
  return response.body;
}

const ids = (body: { items: { taskId: string }[] }) => body.items.map((i) => i.taskId);

describe('the overdue report', () => {
  let late: string;
  let soon: string;
  let elsewhere: string;
  let lateByOneDay: string;
  let longOverdue: string;
  let handling: string;
  let township: string;
  let accused: string;
  let first: Registered;
  const firstSubject = `超期报表：楼道灯长期不亮（${Date.now()}）`;
  const accusationSubject = `举报：某站所负责人吃拿卡要（超期报表${Date.now()}）`;

  beforeAll(async () => {
    // given, at 东湖区第一办理室, acceptance tasks 3 days overdue, a day overdue, 6 days overdue and
    // due tomorrow, and a handling task 2 days overdue; at 东湖街道 an acceptance task a day overdue;
    // at 东湖社区's agent station a forwarding due tomorrow; and, at the city, one 2 days overdue
    // and, at 东湖区纪委监委, an accusation's acceptance 2 days overdue
    const [a, b, c, d, e] = [await register({ subject: firstSubject }), await register(), await register(), await register(), await register()];
    first = a;
    const accusation = await register({ category: 'accusation', subject: accusationSubject, content: '举报内容：收受好处费（超期报表测试）' });
    const city = await register({ matterScope: 'city', regionCode: '990121100201' }, 'city.registrar');
    const town = await register({ matterScope: 'township', regionCode: '990102001002' });
    const village = await register({ matterScope: 'village', regionCode: '990102001001' }, 'dhsq.agent');
    late = await dueIn(a, 'accept-decision', -3);
    lateByOneDay = await dueIn(c, 'accept-decision', -1);
    soon = await dueIn(b, 'accept-decision', 1);
    longOverdue = await dueIn(d, 'accept-decision', -6);
    expect((await api('POST', `/api/tasks/${(await openTask(e, 'accept-decision')).id}/complete`, { token: await login('donghu.room1'), body: { decision: 'accept' } })).status).toBe(204);
    handling = await dueIn(e, 'handle-petition', -2);
    township = await dueIn(town, 'accept-decision', -1);
    await dueIn(village, 'forward-to-township', 1);
    elsewhere = await dueIn(city, 'accept-decision', -2);
    accused = await dueIn(accusation, 'accept-decision', -2);
  });

  it('gives each row its case (id, number, subject) and its status, and withholds an accusation’s subject from supervisors', async () => {
    const body = await report('donghu.supervisor');
    const row = body.items.find((i: { taskId: string }) => i.taskId === late);
    expect(row.petition).toEqual({ id: first.id, number: first.number, subject: firstSubject });
    expect(row).toMatchObject({ status: 'overdue', daysOverdue: 3 });
    // near-due: negative days overdue, minus the days left (the sign convention the screen reads)
    expect(body.items.find((i: { taskId: string }) => i.taskId === soon)).toMatchObject({ status: 'near-due', daysOverdue: -1 });
    for (const item of body.items as { status: string; daysOverdue: number }[]) {
      expect(item.status === 'overdue' ? item.daysOverdue >= 0 : item.daysOverdue < 0).toBe(true);
    }
    // Art. 29: the supervisor sees that the accusation is late, not what it is about
    const accusation = body.items.find((i: { taskId: string }) => i.taskId === accused);
    expect(accusation.petition.subject).toBe(WITHHELD);
    expect(JSON.stringify(body)).not.toContain(accusationSubject);
    expect((await report('city.supervisor')).items.find((i: { taskId: string }) => i.taskId === accused).petition.subject).toBe(WITHHELD);
  });

  it('lists a county supervisor’s overdue and near-due tasks, most overdue first, and nothing above or beside the county', async () => {
    const body = await report('donghu.supervisor');
    const mine = body.items.filter((i: { taskId: string }) => [late, lateByOneDay, soon].includes(i.taskId));
    expect(mine.map((i: { taskId: string }) => i.taskId)).toEqual([late, lateByOneDay, soon]);
    expect(mine[0]).toMatchObject({ step: 'accept-decision', unit: { code: '990102-handling-room-1' }, level: 'county', daysOverdue: 3, assignee: 'donghu.room1' });
    expect(mine[2].daysOverdue).toBe(-1);
    expect(ids(body)).not.toContain(elsewhere);
    expect(body.scope).toEqual({ unitCode: null, regionCode: '990102' });
    // the counts agree with the list
    const room1 = body.byUnit.find((u: { unit: { code: string } }) => u.unit.code === '990102-handling-room-1');
    expect(room1.overdue).toBeGreaterThanOrEqual(2);
    expect(room1.nearDue).toBeGreaterThanOrEqual(1);
    expect(body.totals.overdue + body.totals.nearDue).toBe(body.total);
    expect(body.byLevel.reduce((n: number, l: { overdue: number }) => n + l.overdue, 0)).toBe(body.totals.overdue);
  });

  it('counts per step and by age (days overdue) on the same filtered set', async () => {
    const body = await report('donghu.supervisor');
    const sum = (rows: { overdue: number }[]) => rows.reduce((n, r) => n + r.overdue, 0);
    const accept = body.byStep.find((s: { step: string }) => s.step === 'accept-decision');
    expect(accept.overdue).toBeGreaterThanOrEqual(2);
    expect(accept.nearDue).toBeGreaterThanOrEqual(1);
    expect(sum(body.byStep)).toBe(body.totals.overdue);
    expect(body.byStep.reduce((n: number, s: { nearDue: number }) => n + s.nearDue, 0)).toBe(body.totals.nearDue);
    expect(body.ageing.map((a: { bucket: string }) => a.bucket)).toEqual(['0-3', '4-7', '8-15', '16-30', '>30']);
    expect(sum(body.ageing)).toBe(body.totals.overdue);
    // the 3-day and the 1-day overdue tasks are both in the first bucket
    const firstBucket = body.ageing[0].overdue;
    const expected = body.items.filter((i: { daysOverdue: number; due: string }) => new Date(i.due) < new Date(body.at) && i.daysOverdue <= 3).length;
    expect(firstBucket).toBe(expected);
    expect(firstBucket).toBeGreaterThanOrEqual(2);
    // filtered: only handle-petition steps, among them ours, and none of the acceptance tasks
    const other = await report('donghu.supervisor', '&step=handle-petition');
    expect(other.byStep.map((s: { step: string }) => s.step)).toEqual(['handle-petition']);
    expect(ids(other)).toContain(handling);
    expect(ids(other)).not.toContain(late);
    // at least 4 days overdue: the 6-day one in the 4-7 bucket, nothing in the first
    const older = await report('city.supervisor', '&minDaysOverdue=4');
    expect(ids(older)).toContain(longOverdue);
    expect(ids(older)).not.toContain(late);
    expect(older.ageing[0].overdue).toBe(0);
    expect(older.ageing[1].overdue).toBeGreaterThanOrEqual(1);
    expect(sum(older.ageing)).toBe(older.totals.overdue);
  });

  it('counts per unit, level, step and age exactly what its rows say, for a caller who sees few enough rows to list them all', async () => {
    // (the counts come from the database's own grouping, the rows from its page: the two must agree)
    type Item = { step: string; unit: { code: string }; level: string; status: string; daysOverdue: number };
    type Counts = { overdue: number; nearDue: number };
    const ageOf = (days: number) => (days <= 3 ? '0-3' : days <= 7 ? '4-7' : days <= 15 ? '8-15' : days <= 30 ? '16-30' : '>30');
    const tally = (items: Item[], key: (i: Item) => string) => {
      const counts = new Map<string, Counts>();
      for (const i of items) {
        const entry = counts.get(key(i)) ?? { overdue: 0, nearDue: 0 };
        if (i.status === 'overdue') entry.overdue += 1;
        else entry.nearDue += 1;
        counts.set(key(i), entry);
      }
      return Object.fromEntries(counts);
    };
    const byKey = <T extends Counts>(rows: T[], key: (r: T) => string) =>
      Object.fromEntries(rows.map((r) => [key(r), { overdue: r.overdue, nearDue: r.nearDue }]));
    for (const [who, query] of [
      ['donghu.room1.head', ''],
      ['donghu.supervisor', '&unitCode=990102-handling-room-1&window=5'],
    ]) {
      const body = await report(who, query);
      const items = body.items as Item[];
      expect(items.length).toBe(body.total);
      expect(new Set(items.map((i) => i.status))).toEqual(new Set(['overdue', 'near-due']));
      expect(body.totals).toEqual({ overdue: items.filter((i) => i.status === 'overdue').length, nearDue: items.filter((i) => i.status === 'near-due').length });
      expect(byKey<{ step: string } & Counts>(body.byStep, (s) => s.step)).toEqual(tally(items, (i) => i.step));
      expect(byKey<{ unit: { code: string } } & Counts>(body.byUnit, (u) => u.unit.code)).toEqual(tally(items, (i) => i.unit.code));
      expect(byKey<{ level: string } & Counts>(body.byLevel, (l) => l.level)).toEqual(tally(items, (i) => i.level));
      const aged = new Map<string, number>();
      for (const i of items.filter((i) => i.status === 'overdue')) aged.set(ageOf(i.daysOverdue), (aged.get(ageOf(i.daysOverdue)) ?? 0) + 1);
      expect(body.ageing).toEqual(['0-3', '4-7', '8-15', '16-30', '>30'].map((bucket) => ({ bucket, overdue: aged.get(bucket) ?? 0 })));
      // this file's tasks 1, 2, 3 and 6 days overdue fill two buckets
      expect(aged.get('0-3')).toBeGreaterThanOrEqual(3);
      expect(aged.get('4-7')).toBeGreaterThanOrEqual(1);
    }
  });

  it('exports the report as an Excel workbook, for supervisors and unit heads only, and audits the export', async () => {
    const download = async (who: string, query = '') =>
      fetch(`${stackInfo().apiUrl}/api/reports/overdue.xlsx?${query}`, { headers: { Authorization: `Bearer ${await login(who)}` } });
    const response = await download('donghu.supervisor', 'unitCode=990102-handling-room-1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="overdue-report-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('超期督办')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '信访事项编号', '事项标题', '办理环节', '承办单位', '层级', '办理期限', '状态', '超期/剩余天数', '签收人']);
    const rows: unknown[][] = [];
    const dueFormats = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && dueFormats.add(row.getCell(6).numFmt));
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    const listed = await report('donghu.supervisor', '&unitCode=990102-handling-room-1');
    // (other suites may add tasks meanwhile: the export holds at least what the report listed)
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(listed.items.filter((i: { due: string }) => new Date(i.due) < new Date(listed.at)).map((i: { petition: { number: string } }) => i.petition.number)));
    const first = listed.items.find((i: { taskId: string }) => i.taskId === late);
    const row = rows.find((r) => r[0] === first.petition.number)!;
    expect(row[1]).toBe(firstSubject);
    expect(row[2]).toBe('受理决定');
    expect(row[4]).toBe('县');
    expect(row[6]).toBe('超期');
    expect(row[7]).toBe(3);
    expect(row[8]).toBe('donghu.room1');
    // a real date cell, shown as China wall time (eight hours ahead of UTC; Excel dates have no zone)
    expect(row[5]).toBeInstanceOf(Date);
    const due = new Date(first.due);
    expect((row[5] as Date).getTime()).toBe(due.getTime() + 8 * 3_600_000);
    expect([...dueFormats]).toEqual(['yyyy-mm-dd hh:mm']);
    // a near-due row: its status, and the days left as a positive number
    const near = listed.items.find((i: { taskId: string }) => i.taskId === soon);
    const nearRow = rows.find((r) => r[0] === near.petition.number)!;
    expect(nearRow[6]).toBe('临期');
    expect(nearRow[7]).toBe(1);
    expect(rows.every((r) => typeof r[7] === 'number' && r[7] >= 0 && ['超期', '临期'].includes(r[6] as string))).toBe(true);
    // the accusation's row: its number, not its subject
    const discipline = await download('donghu.supervisor', 'unitCode=990102-discipline');
    const accusationBook = new ExcelJS.Workbook();
    await accusationBook.xlsx.load(Buffer.from(await discipline.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const accusationRows: unknown[][] = [];
    accusationBook.getWorksheet('超期督办')!.eachRow((r, n) => n > 1 && accusationRows.push((r.values as unknown[]).slice(1)));
    const accusation = (await report('donghu.supervisor', '&unitCode=990102-discipline')).items.find((i: { taskId: string }) => i.taskId === accused);
    expect(accusationRows.find((r) => r[0] === accusation.petition.number)?.[1]).toBe(WITHHELD);
    expect(JSON.stringify(accusationRows)).not.toContain(accusationSubject);
    const summary = workbook.getWorksheet('按单位汇总')!;
    expect(summary.getRow(2).getCell(1).value).toBe(first.unit.name);
    expect(Number(summary.getRow(2).getCell(3).value)).toBeGreaterThanOrEqual(2);

    expect((await download('donghu.room1')).status).toBe(403);
    expect((await download('donghu.room1.head')).status).toBe(200);

    const auditor = await login('auditor');
    const entry = await eventually(
      async () =>
        (await api('GET', '/api/audit?action=report.export&actor=donghu.supervisor&maxResults=50', { token: auditor })).body.items?.find(
          (e: { outcome: string }) => e.outcome === 'success',
        ),
      { what: 'the export in the audit log' },
    );
    expect(entry).toMatchObject({ action: 'report.export', resourceType: 'report', actor: 'donghu.supervisor' });
  });

  it('shows the city supervisor every county', async () => {
    const body = await report('city.supervisor');
    expect(ids(body)).toEqual(expect.arrayContaining([late, soon, elsewhere]));
  });

  it('filters by level, unit, step, days overdue and window', async () => {
    const county = ids(await report('city.supervisor', '&level=county'));
    expect(county).toContain(late);
    expect(county).not.toContain(elsewhere);
    expect(ids(await report('city.supervisor', '&level=city'))).toContain(elsewhere);
    const townships = ids(await report('city.supervisor', '&level=township'));
    expect(townships).toContain(township);
    expect(townships).not.toContain(late);
    const room1 = ids(await report('city.supervisor', '&unitCode=990102-handling-room-1'));
    expect(room1).toEqual(expect.arrayContaining([late, handling]));
    expect(room1).not.toContain(township);
    expect(room1).not.toContain(elsewhere);
    const accepting = ids(await report('donghu.supervisor', '&step=accept-decision'));
    expect(accepting).toContain(late);
    expect(accepting).not.toContain(handling);
    const handlingOnly = ids(await report('donghu.supervisor', '&step=handle-petition'));
    expect(handlingOnly).toContain(handling);
    expect(handlingOnly).not.toContain(late);
    const twoDays = ids(await report('city.supervisor', '&minDaysOverdue=2'));
    expect(twoDays).toEqual(expect.arrayContaining([late, elsewhere]));
    expect(twoDays).not.toContain(lateByOneDay);
    expect(twoDays).not.toContain(soon);
    const overdueOnly = ids(await report('donghu.supervisor', '&window=0'));
    expect(overdueOnly).toContain(late);
    expect(overdueOnly).not.toContain(soon);
  });

  it('gives a unit head their own unit, and nobody else the report', async () => {
    const body = await report('donghu.room1.head');
    expect(ids(body)).toEqual(expect.arrayContaining([late, soon]));
    expect(body.byUnit.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['990102-handling-room-1']);
    for (const who of ['donghu.room1', 'donghu.registrar', 'auditor', 'sysadmin']) {
      expect((await api('GET', '/api/reports/overdue', { token: await login(who) })).status).toBe(403);
    }
  });

  it('counts open and overdue tasks per activity for the diagram heat map, within reach', async () => {
    const heat = async (who: string, key: string) =>
      api('GET', `/api/reports/activity-heat?processKey=${key}`, { token: await login(who) });
    const county = await heat('donghu.supervisor', 'unit-handling');
    expect(county.status).toBe(200);
    const accept = county.body.activities.find((a: { activityId: string }) => a.activityId === 'accept-decision');
    expect(accept.open).toBeGreaterThanOrEqual(3);
    expect(accept.overdue).toBeGreaterThanOrEqual(2);
    expect(accept.overdue).toBeLessThanOrEqual(accept.open);
    // the city sees at least what the county sees, and the city-level task too
    const city = await heat('city.supervisor', 'unit-handling');
    const cityAccept = city.body.activities.find((a: { activityId: string }) => a.activityId === 'accept-decision');
    expect(cityAccept.overdue).toBeGreaterThan(accept.overdue);
    // the lifecycle process: the agent's forwarding, and no step of the unit's handling
    const lifecycle = (await heat('donghu.supervisor', 'petition')).body.activities;
    expect(lifecycle.find((a: { activityId: string }) => a.activityId === 'forward-to-township')?.open).toBeGreaterThanOrEqual(1);
    expect(lifecycle.map((a: { activityId: string }) => a.activityId)).not.toContain('accept-decision');
    expect((await heat('donghu.supervisor', 'nonsense')).status).toBe(400);
    expect((await heat('donghu.room1', 'unit-handling')).status).toBe(403);
  });

  it('catches up with changes made in the engine directly when reconciled', async () => {
    // given a task moved in the engine behind the API's back
    await setEngineTaskDue(soon, new Date(Date.now() - 5 * DAY));
    expect((await report('donghu.supervisor')).items.find((i: { taskId: string }) => i.taskId === soon).daysOverdue).toBe(-1);
    // when the system administrator reconciles (it also runs on a schedule)
    expect((await api('POST', '/api/admin/task-index/reconcile', { token: await login('donghu.supervisor') })).status).toBe(403);
    const reconciled = await api('POST', '/api/admin/task-index/reconcile', { token: await login('sysadmin') });
    expect(reconciled.status).toBe(200);
    expect(reconciled.body.changed).toBeGreaterThanOrEqual(1);
    // then the report has it as the engine does
    expect((await report('donghu.supervisor')).items.find((i: { taskId: string }) => i.taskId === soon).daysOverdue).toBe(5);
  });

  it('drops a task once it is done', async () => {
    expect(ids(await report('donghu.supervisor'))).toContain(late);
    expect((await api('POST', `/api/tasks/${late}/complete`, { token: await login('donghu.room1'), body: { decision: 'accept' } })).status).toBe(204);
    const after = ids(await report('donghu.supervisor'));
    expect(after).not.toContain(late);
    expect(after).toContain(lateByOneDay);
  });

  it('keeps each group’s count when many petitions enter and leave it at once, while a reconcile runs', async () => {
    // given a group every new petition of this registrar enters (东湖区第一办理室's acceptance, due on one day)
    const reconcile = async () => expect((await api('POST', '/api/admin/task-index/reconcile', { token: await login('sysadmin') })).status).toBe(200);
    // when eight petitions are registered at once, beside a reconcile pass
    const [petitions] = await Promise.all([Promise.all(Array.from({ length: 8 }, () => register())), reconcile()]);
    const numbers = petitions.map((p) => p.number);
    const indexed = async (step: string) => {
      const db = await openDatabase();
      try {
        const rows = await db.query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "open_task" WHERE "step" = ? AND "petitionNumber" IN (${numbers.map(() => '?').join(', ')})`, [step, ...numbers]);
        return Number(rows[0].n);
      } finally {
        await db.close();
      }
    };
    await eventually(async () => (await indexed('accept-decision')) === 8 || undefined, { what: 'eight acceptance tasks indexed' });
    await tallyAgreesWithOpenTasks();
    // and when half of them are accepted at once (each leaves the group for handling), beside another pass
    const tasks = await Promise.all(petitions.slice(0, 4).map((p) => openTask(p, 'accept-decision')));
    const token = await login('donghu.room1');
    const accepted = tasks.map((t) => api('POST', `/api/tasks/${t.id}/complete`, { token, body: { decision: 'accept' } }));
    await Promise.all([...accepted, reconcile()]);
    for (const response of await Promise.all(accepted)) expect(response.status).toBe(204);
    await eventually(async () => ((await indexed('accept-decision')) === 4 && (await indexed('handle-petition')) === 4) || undefined, {
      what: 'four acceptance and four handling tasks indexed',
    });
    // then the tally counts what the rows say, group by group
    await tallyAgreesWithOpenTasks();
  });

  it('keeps its tally (tasks per unit, step and due day) equal to the open tasks, in every committed state', async () => {
    await tallyAgreesWithOpenTasks();
  });
});

/**
 * The tally and the open tasks counted per group, read in one snapshot: the tally changes in the
 * transactions that change the tasks, so any committed state must agree, whatever the other test
 * files are doing at the moment.
 */
async function tallyAgreesWithOpenTasks(): Promise<void> {
  const db = await openDatabase();
  const sqlite = stackInfo().database.type === 'sqlite';
  const day = sqlite ? 'substr("due", 1, 10)' : "DATE_FORMAT(\"due\", '%Y-%m-%d')";
  try {
    if (!sqlite) await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await db.query(sqlite ? 'BEGIN' : 'START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const key = (r: Record<string, unknown>) => [r.regionCode, r.unitCode, r.level, r.step, r.dueDay, Number(r.n)].join('|');
    const rows = await db.query<Record<string, unknown>>(
      `SELECT "regionCode", "unitCode", "level", "step", ${day} AS "dueDay", COUNT(*) AS "n" FROM "open_task" WHERE "due" IS NOT NULL
       GROUP BY "regionCode", "unitCode", "level", "step", ${day}`,
    );
    const tally = await db.query<Record<string, unknown>>('SELECT "regionCode", "unitCode", "level", "step", "dueDay", "n" FROM "open_task_tally" WHERE "n" <> 0');
    await db.query('COMMIT');
    expect(rows.length).toBeGreaterThan(0);
    expect(tally.map(key).sort()).toEqual(rows.map(key).sort());
  } finally {
    await db.close();
  }
}

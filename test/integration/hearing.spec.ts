import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login } from '../support/harness';
import { complete, freshPetitioner, petitionInput, timerAt, waitForProcessEnd, waitForTask } from '../support/petitions';
import { dbTime, fireTimer } from '../support/statutory-clock';

/**
 * 听证 (信访工作条例 第三十六条 and the provincial hearing rule): a hearing called from a re-review stops
 * the re-review's clock; once its minutes are recorded the task's due date and every timer of its clock
 * move by exactly the time it took. Public representatives from the region's register take part.
 */
describe('hearings and public representatives', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const DAY = 86_400_000;
  /** A shift as the engine can hold it: exact on H2, to the second on MySQL/MariaDB, where it drops the milliseconds. */
  const withinASecondOf = (ms: number) => ({
    asymmetricMatch: (actual: unknown) => typeof actual === 'number' && Math.abs(actual - ms) < 1000,
    toAsymmetricMatcher: () => `within a second of ${ms}`,
  });

  interface Job {
    id: string;
    dueDate: string;
    suspended: boolean;
    jobDefinitionId: string;
  }
  /** The timers of the re-review task's clock, by kind (remind / supervise / discipline). */
  async function reReviewTimers(processInstanceId: string): Promise<Record<string, Job>> {
    const jobs = await engine<Job[]>('GET', `/job?processInstanceId=${processInstanceId}&timers=true`);
    const definitions = await engine<{ id: string; activityId: string }[]>('GET', `/job-definition?activityIdIn=decide-re-review-remind-timer,decide-re-review-supervise-timer,decide-re-review-discipline-timer`);
    const byId = new Map(definitions.map((d) => [d.id, d.activityId.replace('decide-re-review-', '').replace('-timer', '')]));
    return Object.fromEntries(jobs.filter((j) => byId.has(j.jobDefinitionId)).map((j) => [byId.get(j.jobDefinitionId)!, j]));
  }

  it('Art. 36: a re-review hearing of 10 days moves the re-review deadline and its timers by exactly that time; the representatives’ opinions go on the case', async () => {
    // given a representative on the county's register, added by the city bureau (contact encrypted, masked)
    const added = await api('POST', '/api/representatives', {
      token: await login('city.registrar'),
      body: { regionCode: '990102', name: '周代表', kind: 'deputy', organisation: '东湖区人大常委会', contact: '13612345678' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '周代表', kind: 'deputy', contact: '136****5678', active: true });
    const [stored] = await db.query<{ contactCipher: string }>('SELECT "contactCipher" FROM "public_representative" WHERE "id" = ?', [added.body.id]);
    expect(stored.contactCipher).not.toContain('13612345678');
    const representative = added.body.id as string;

    // and a township reply, reviewed by the county (upheld) and brought to the city for re-review
    const created = await api('POST', '/api/petitions', {
      token: await login('donghu.registrar'),
      body: petitionInput({ petitioners: freshPetitioner('孙八'), matterScope: 'township', regionCode: '990102001002' }),
    });
    const { id, number, queryCode, processInstanceId } = created.body;
    await complete('dhjd.handler', (await waitForTask('dhjd.handler', id, 'accept-decision')).id, { decision: 'accept' });
    await complete('dhjd.handler', (await waitForTask('dhjd.handler', id, 'handle-petition')).id, { findings: '街道已核实' });
    await complete('dhjd.handler', (await waitForTask('dhjd.handler', id, 'reply-petition')).id, { replyOutcome: 'reject', replyText: '不予支持。' });
    await timerAt(processInstanceId, 'review-window-closed');
    expect((await api('POST', '/api/public/review-request', { body: { number, code: queryCode, reasons: '不服' } })).status).toBe(201);
    await complete('donghu.handler', (await waitForTask('donghu.handler', id, 'decide-review')).id, { outcome: 'uphold', opinion: '维持。' });
    await eventually(async () => ((await api('GET', `/api/public/progress?number=${number}&code=${queryCode}`)).body.afterReply?.reviewRequest?.stage === 're-review' ? true : undefined), {
      what: 'the re-review window',
    });
    expect((await api('POST', '/api/public/review-request', { body: { number, code: queryCode, reasons: '不服复查意见，请求听证' } })).status).toBe(201);
    const task = await waitForTask('city.handler', id, 'decide-re-review');
    const reviewInstance = (await engine<{ processInstanceId: string }>('GET', `/task/${task.id}`)).processInstanceId;
    const before = await reReviewTimers(reviewInstance);
    expect(Object.keys(before).sort()).toEqual(['discipline', 'remind', 'supervise']);

    // when the city bureau decides to hold a hearing
    const token = await login('city.handler');
    const requested = await api('POST', `/api/tasks/${task.id}/hearing`, { token, body: { initiatedBy: 'petitioner', reason: '信访人书面申请听证' } });
    expect(requested.status).toBe(201);
    expect(requested.body.stage).toBe('re-review');
    // then the re-review clock stands still: its timers are suspended
    await eventually(async () => (Object.values(await reReviewTimers(reviewInstance)).every((j) => j.suspended) ? true : undefined), { what: 'the re-review timers to stop' });
    // and a second hearing cannot start while this one runs
    expect((await api('POST', `/api/tasks/${task.id}/hearing`, { token, body: { initiatedBy: 'body', reason: '再来一次' } })).status).toBe(409);

    // when the hearing is scheduled: less than 7 days' notice is refused, a chair who investigated is refused
    const schedule = await waitForTask('city.handler', id, 'schedule-hearing');
    const base = { place: '东湖区信访局听证室', public: true, participants: [{ role: 'petitioner', name: '孙八' }, { role: 'expert', name: '律师 王某' }], representativeIds: [representative] };
    const tooSoon = await api('POST', `/api/tasks/${schedule.id}/complete`, {
      token,
      lang: 'zh-CN',
      body: { ...base, scheduledAt: new Date(Date.now() + 3 * DAY).toISOString(), presidingOfficer: 'city.head' },
    });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.message).toContain('提前7日通知');
    const investigator = await api('POST', `/api/tasks/${schedule.id}/complete`, {
      token,
      lang: 'zh-CN',
      body: { ...base, scheduledAt: new Date(Date.now() + 8 * DAY).toISOString(), presidingOfficer: 'dhjd.handler' },
    });
    expect(investigator.status).toBe(400);
    expect(investigator.body.message).toContain('不能主持听证');
    const hearingAt = new Date(Date.now() + 8 * DAY);
    expect((await api('POST', `/api/tasks/${schedule.id}/complete`, { token, body: { ...base, scheduledAt: hearingAt.toISOString(), presidingOfficer: 'city.head' } })).status).toBe(204);

    // then the petitioner is told when and where
    await eventually(
      async () => {
        const rows = await db.query<{ body: string }>('SELECT "body" FROM "notification" WHERE "petitionId" = ? AND "kind" = ?', [id, 'hearing']);
        return rows.length === 1 ? rows[0] : undefined;
      },
      { what: 'the hearing notice' },
    ).then((notice) => expect(notice.body).toContain('东湖区信访局听证室'));

    // when the hearing day comes, and the hearing, decided 10 days ago, is minuted now
    const hearingInstance = (await engine<{ id: string }[]>('GET', `/process-instance?processDefinitionKey=hearing&businessKey=${number}`))[0].id;
    await fireTimer(await timerAt(hearingInstance, 'hearing-day'));
    await db.query('UPDATE "hearing" SET "requestedAt" = ? WHERE "petitionId" = ?', [dbTime(Date.now() - 10 * DAY), id]);
    const record = await waitForTask('city.handler', id, 'record-hearing');
    const stray = await api('POST', `/api/tasks/${record.id}/complete`, {
      token,
      body: { minutes: '听证笔录', conclusion: '维持', opinions: [{ representativeId: '00000000-0000-4000-8000-000000000000', opinion: 'x' }] },
    });
    expect(stray.status).toBe(400);
    expect(
      (await api('POST', `/api/tasks/${record.id}/complete`, {
        token,
        body: { minutes: '经质证、辩论、评议……', conclusion: '原复查意见认定事实清楚', opinions: [{ representativeId: representative, opinion: '建议维持并做好解释' }] },
      })).status,
    ).toBe(204);

    // then the re-review's due date and each timer moved by exactly the time the hearing took, and run again
    const view = await eventually(
      async () => {
        const body = (await api('GET', `/api/petitions/${id}`, { token })).body;
        return body.timeline.some((e: { kind: string }) => e.kind === 'hearing-held') ? body : undefined;
      },
      { what: 'the clock to run on' },
    );
    const stopped = view.hearings[0].clockStopped;
    expect(stopped.ms).toBeGreaterThanOrEqual(10 * DAY);
    expect(stopped.ms).toBeLessThan(10 * DAY + 5 * 60_000);
    const after = await eventually(
      async () => {
        const timers = await reReviewTimers(reviewInstance);
        return Object.values(timers).every((j) => !j.suspended) ? timers : undefined;
      },
      { what: 'the re-review timers to run again' },
    );
    // (to the engine's precision: it keeps due dates to the second on MySQL/MariaDB)
    for (const kind of ['remind', 'supervise', 'discipline']) {
      expect({ kind, moved: Date.parse(after[kind].dueDate) - Date.parse(before[kind].dueDate) }).toEqual({ kind, moved: withinASecondOf(stopped.ms) });
    }
    const movedTask = await engine<{ due: string }>('GET', `/task/${task.id}`);
    expect(Date.parse(movedTask.due) - Date.parse(task.due!)).toEqual(withinASecondOf(stopped.ms));
    // and the case shows why
    const held = view.timeline.find((e: { kind: string }) => e.kind === 'hearing-held');
    expect(held.note).toContain('第三十六条');
    expect(Date.parse(view.reviews.find((r: { stage: string }) => r.stage === 're-review').dueAt) - Date.parse(task.due!)).toEqual(withinASecondOf(stopped.ms));
    expect(view.hearings[0]).toMatchObject({ stage: 're-review', presidingOfficer: 'city.head', public: true, representatives: [{ id: representative, name: '周代表', kind: 'deputy' }] });
    expect(view.representativeOpinions).toEqual([expect.objectContaining({ representative: { id: representative, name: '周代表', kind: 'deputy' }, opinion: '建议维持并做好解释' })]);
    expect(JSON.stringify(view)).not.toContain('13612345678');

    // and the diagrams the case page draws include the reviews and the hearing the case went through
    const path = await api('GET', `/api/petitions/${id}/path`, { token });
    expect(new Set(path.body.map((p: { processKey: string }) => p.processKey))).toEqual(new Set(['petition', 'unit-handling', 'review', 'hearing']));
    expect(path.body.find((p: { processKey: string }) => p.processKey === 'hearing').passed).toEqual(expect.arrayContaining(['schedule-hearing', 'record-hearing', 'close-hearing']));

    // and the re-review decides, which concludes the matter
    await complete('city.handler', task.id, { outcome: 'uphold', opinion: '经听证，维持复查意见。' });
    await waitForProcessEnd(processInstanceId);
  });

  it('a hearing while a matter is investigated moves the handling deadline, the committed date and the task by the time it took', async () => {
    const created = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: petitionInput({ petitioners: freshPetitioner('孙八') }) });
    const { id, number } = created.body;
    await complete('donghu.room1', (await waitForTask('donghu.room1', id, 'accept-decision')).id, { decision: 'accept' });
    const handling = await waitForTask('donghu.room1', id, 'handle-petition');
    const token = await login('donghu.room1');
    const before = (await api('GET', `/api/petitions/${id}`, { token })).body;
    const handleDue = before.deadlines.find((d: { name: string }) => d.name === 'handling').dueAt;
    expect((await api('POST', `/api/tasks/${handling.id}/claim`, { token })).status).toBe(200);
    expect((await api('POST', `/api/tasks/${handling.id}/hearing`, { token, body: { initiatedBy: 'body', reason: '案情复杂，举行听证' } })).status).toBe(201);
    const schedule = await waitForTask('donghu.room1', id, 'schedule-hearing');
    expect(
      (await complete('donghu.room1', schedule.id, {
        scheduledAt: new Date(Date.now() + 9 * DAY).toISOString(),
        place: '东湖区第一办理室',
        presidingOfficer: 'donghu.room1.head',
        public: false,
        closedReason: '涉及个人隐私',
      })).status,
    ).toBe(204);
    const hearingInstance = (await engine<{ id: string }[]>('GET', `/process-instance?processDefinitionKey=hearing&businessKey=${number}`))[0].id;
    await fireTimer(await timerAt(hearingInstance, 'hearing-day'));
    await db.query('UPDATE "hearing" SET "requestedAt" = ? WHERE "petitionId" = ?', [dbTime(Date.now() - 4 * DAY), id]);
    await complete('donghu.room1', (await waitForTask('donghu.room1', id, 'record-hearing')).id, { minutes: '笔录', conclusion: '结论' });
    const after = await eventually(
      async () => {
        const body = (await api('GET', `/api/petitions/${id}`, { token })).body;
        return body.timeline.some((e: { kind: string }) => e.kind === 'hearing-held') ? body : undefined;
      },
      { what: 'the handling clock to run on' },
    );
    const shift = after.hearings[0].clockStopped.ms;
    expect(shift).toBeGreaterThanOrEqual(4 * DAY);
    expect(Date.parse(after.deadlines.find((d: { name: string }) => d.name === 'handling').dueAt) - Date.parse(handleDue)).toBe(shift);
    expect(Date.parse(after.deadlines.find((d: { name: string }) => d.name === 'committed').dueAt) - Date.parse(handleDue)).toBe(shift);
    // the engine is told after the records: its task moves a moment later
    const moved = await eventually(
      async () => {
        const due = Date.parse((await engine<{ due: string }>('GET', `/task/${handling.id}`)).due);
        return due !== Date.parse(handling.due!) ? due : undefined;
      },
      { what: 'the handling task to move' },
    );
    expect(moved - Date.parse(handling.due!)).toEqual(withinASecondOf(shift));
    expect(after.hearings[0]).toMatchObject({ stage: 'handling', public: false, closedReason: '涉及个人隐私' });
  });

  it('does not let a hearing the engine never received (an outage at the request) block the next one', async () => {
    const created = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: petitionInput({ petitioners: freshPetitioner('孙八') }) });
    const { id } = created.body;
    await complete('donghu.room1', (await waitForTask('donghu.room1', id, 'accept-decision')).id, { decision: 'accept' });
    const handling = await waitForTask('donghu.room1', id, 'handle-petition');
    const token = await login('donghu.room1');
    expect((await api('POST', `/api/tasks/${handling.id}/claim`, { token })).status).toBe(200);
    // given a hearing recorded a minute ago that the engine never took (its message was lost in an outage)
    await db.query(
      'INSERT INTO "hearing" ("id", "petitionId", "stage", "clock", "callerProcessInstanceId", "unitCode", "initiatedBy", "reason", "requestedBy", "requestedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['00000000-0000-4000-8000-00000000a001', id, 'handling', 'handle', 'gone', '990102-handling-room-1', 'body', '未送达引擎', 'donghu.room1', dbTime(Date.now() - 60_000)],
    );
    // when the unit asks for a hearing again, it is held, and the lost one is gone
    const again = await api('POST', `/api/tasks/${handling.id}/hearing`, { token, body: { initiatedBy: 'body', reason: '重新申请听证' } });
    expect(again.status).toBe(201);
    const rows = await db.query<{ id: string }>('SELECT "id" FROM "hearing" WHERE "petitionId" = ?', [id]);
    expect(rows.map((r) => r.id)).toEqual([again.body.id]);
    await waitForTask('donghu.room1', id, 'schedule-hearing');
    // and one that the engine did take still blocks a second
    expect((await api('POST', `/api/tasks/${handling.id}/hearing`, { token, body: { initiatedBy: 'body', reason: '第三次' } })).status).toBe(409);
  });

  it('keeps the register with the petition offices: a handling room may not add to it, and another county’s office may not add to this one', async () => {
    const room = await api('POST', '/api/representatives', {
      token: await login('donghu.room1'),
      lang: 'zh-CN',
      body: { regionCode: '990102', name: '李代表', kind: 'community', contact: '13700000000' },
    });
    expect(room.status).toBe(403);
    const other = await api('POST', '/api/representatives', {
      token: await login('qingshan.registrar'),
      body: { regionCode: '990102', name: '李代表', kind: 'community', contact: '13700000000' },
    });
    expect(other.status).toBe(403);
    const bad = await api('POST', '/api/representatives', {
      token: await login('donghu.registrar'),
      body: { regionCode: '990102', name: '李代表', kind: 'mayor', contact: '不是电话' },
    });
    expect(bad.status).toBe(400);
    // the county office's own staff may, and the list never shows a contact in clear
    const ok = await api('POST', '/api/representatives', {
      token: await login('donghu.registrar'),
      body: { regionCode: '990102001', name: '李代表', kind: 'community', organisation: '东湖社区居委会', contact: '13700001234' },
    });
    expect(ok.status).toBe(201);
    const listed = await api('GET', '/api/representatives?regionCode=990102001', { token: await login('donghu.room1') });
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: ok.body.id, contact: '137****1234' })]));
    expect(JSON.stringify(listed.body)).not.toContain('13700001234');
    // and a representative taking part in handling a case is on its timeline
    const created = await api('POST', '/api/petitions', { token: await login('donghu.registrar'), body: petitionInput({ petitioners: freshPetitioner('孙八') }) });
    await complete('donghu.room1', (await waitForTask('donghu.room1', created.body.id, 'accept-decision')).id, { decision: 'accept' });
    await waitForTask('donghu.room1', created.body.id, 'handle-petition');
    const invite = await api('POST', `/api/petitions/${created.body.id}/representatives`, { token: await login('donghu.room1'), body: { representativeId: ok.body.id, purpose: '参与现场核查' } });
    expect(invite.status).toBe(204);
    const opinion = await api('POST', `/api/petitions/${created.body.id}/representative-opinions`, { token: await login('donghu.room1'), body: { representativeId: ok.body.id, opinion: '情况属实' } });
    expect(opinion.status).toBe(201);
    // the registrar follows the case but does not work on it
    expect((await api('POST', `/api/petitions/${created.body.id}/representative-opinions`, { token: await login('donghu.registrar'), body: { representativeId: ok.body.id, opinion: 'x' } })).status).toBe(403);
    const view = (await api('GET', `/api/petitions/${created.body.id}`, { token: await login('donghu.room1') })).body;
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['representative-invited', 'representative-opinion']));
  });
});

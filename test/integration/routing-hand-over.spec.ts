import { openDatabase, TestDatabase } from '../support/database';
import { api, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';
import { chainOf, daysFromNow, REPLY_OUTCOMES, runScenario, Scenario } from '../support/scenarios';
import { workingDaysAfter } from '../support/statutory-calendar';
import { dbTime, workingDayEdge } from '../support/statutory-clock';

/**
 * Hand-overs between units (信访工作条例 第二十二条至第二十四条): every transfer, assignment, report-up
 * and return is a link in the chain; a second return goes to the nearest common superior, whose
 * decision binds. 第一办理室 = 990102-handling-room-1, 第二办理室 = 990102-handling-room-2.
 */
const handOvers: Scenario[] = [
  {
    rule: '转送有权处理的单位：第一办理室认为属第二办理室职责，转送第二办理室',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      { by: 'donghu.room1', step: 'accept-decision', body: { decision: 'transfer', targetUnitCode: '990102-handling-room-2', reason: '属劳动社保类事项' } },
    ],
    chain: ['route 990102-petition-office → 990102-handling-room-1', 'transfer 990102-handling-room-1 → 990102-handling-room-2'],
    outcome: { waitsAt: { by: 'donghu.room2', step: 'accept-decision' } },
  },
  {
    rule: '转送 → 退回（5个工作日内，说明理由）→ 第二次退回 → 共同上级县信访接待办理中心裁决，裁决后不得再退回',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      { by: 'donghu.room1', step: 'accept-decision', body: { decision: 'transfer', targetUnitCode: '990102-handling-room-2', reason: '属劳动社保类事项' } },
      { by: 'donghu.room2', step: 'accept-decision', body: { decision: 'return', reason: '系房屋质量问题，不属本室职责' } },
      { by: 'donghu.room1', step: 'accept-decision', body: { decision: 'return', reason: '涉及拖欠工资，仍属第二办理室' } },
      { by: 'donghu.registrar', step: 'decide-dispute-county', body: { unitCode: '990102-handling-room-2', reason: '以拖欠工资为主，由第二办理室办理' } },
      {
        by: 'donghu.room2',
        step: 'accept-decision',
        body: { decision: 'return', reason: '仍不同意' },
        expectStatus: 409,
        expectMessage: '不能再退回',
      },
    ],
    chain: [
      'route 990102-petition-office → 990102-handling-room-1',
      'transfer 990102-handling-room-1 → 990102-handling-room-2',
      'return 990102-handling-room-2 → 990102-handling-room-1',
      'dispute 990102-handling-room-1 → 990102-petition-office',
      'decision 990102-petition-office → 990102-handling-room-2',
    ],
    outcome: { waitsAt: { by: 'donghu.room2', step: 'accept-decision' } },
  },
  {
    rule: '两单位对职责有争议：乡镇对县级转送提出异议，由双方共同的上级市信访局裁决',
    registrar: 'donghu.registrar',
    petition: { matterScope: 'township', regionCode: '990102001002' },
    actions: [
      { by: 'dhjd.handler', step: 'accept-decision', body: { decision: 'dispute', reason: '事项涉及区级规划调整，非街道职权' } },
      { by: 'city.handler', step: 'decide-dispute-city', body: { unitCode: '990102001-petition-office', reason: '属街道职权范围，由东湖街道办理' } },
    ],
    chain: [
      'route 990102-petition-office → 990102001-petition-office',
      'dispute 990102001-petition-office → 990100-petition-office',
      'decision 990100-petition-office → 990102001-petition-office',
    ],
    outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
  },
  {
    rule: '报请上级：第一办理室报请县信访接待办理中心，中心重新分流至第二办理室',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      { by: 'donghu.room1', step: 'accept-decision', body: { decision: 'report-up', reason: '涉及多个部门，需中心协调' } },
      { by: 'donghu.registrar', step: 'accept-decision', body: { decision: 'transfer', targetUnitCode: '990102-handling-room-2', reason: '以劳动争议为主' } },
    ],
    chain: [
      'route 990102-petition-office → 990102-handling-room-1',
      'escalate 990102-handling-room-1 → 990102-petition-office',
      'transfer 990102-petition-office → 990102-handling-room-2',
    ],
    outcome: { waitsAt: { by: 'donghu.room2', step: 'accept-decision' } },
  },
  {
    rule: '县级不能办结的事项逐级报请，市信访局接手办理',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      { by: 'donghu.room1', step: 'accept-decision', body: { decision: 'report-up', reason: '涉及跨区事项，本室无法办结' } },
      { by: 'donghu.registrar', step: 'accept-decision', body: { decision: 'report-up', reason: '需市级协调' } },
      { by: 'city.handler', step: 'accept-decision', body: { decision: 'accept' } },
    ],
    chain: [
      'route 990102-petition-office → 990102-handling-room-1',
      'escalate 990102-handling-room-1 → 990102-petition-office',
      'escalate 990102-petition-office → 990100-petition-office',
    ],
    outcome: { waitsAt: { by: 'city.handler', step: 'handle-petition' } },
  },
  {
    rule: '向下交办（限期，须报送办结报告）：县级交办街道，街道办结后县级审核办结报告，退回重办一次后通过',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      {
        by: 'donghu.room1',
        step: 'accept-decision',
        body: { decision: 'assign-down', targetUnitCode: '990102001-petition-office', reason: '请街道就地化解', dueDate: daysFromNow(20) },
      },
      { by: 'dhjd.handler', step: 'accept-decision', body: { decision: 'accept' } },
      { by: 'dhjd.handler', step: 'handle-petition', body: { findings: '已现场核实' } },
      { by: 'dhjd.handler', step: 'reply-petition', body: { replyOutcome: 'support', replyText: '责成物业维修' } },
      { by: 'donghu.room1.head', step: 'review-completion-report', body: { approved: false, reason: '未附维修期限' } },
      { by: 'dhjd.handler', step: 'handle-petition', body: { findings: '已明确维修期限为30日' } },
      { by: 'dhjd.handler', step: 'reply-petition', body: { replyOutcome: 'support', replyText: '责成物业30日内维修' } },
      { by: 'donghu.room1.head', step: 'review-completion-report', body: { approved: true } },
    ],
    chain: ['route 990102-petition-office → 990102-handling-room-1', 'assign 990102-handling-room-1 → 990102001-petition-office'],
    outcome: { ends: 'support' },
  },
  {
    rule: '涉法涉诉事项导入法定途径（诉访分离），不作为信访事项办理',
    registrar: 'donghu.registrar',
    petition: {},
    actions: [
      {
        by: 'donghu.room1',
        step: 'accept-decision',
        body: { decision: 'divert-legal', legalRoute: 'litigation', reason: '已由人民法院立案审理' },
      },
    ],
    chain: ['route 990102-petition-office → 990102-handling-room-1'],
    outcome: { ends: 'diverted' },
  },
];

describe('hand-overs between units, without ping-pong', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it.each(handOvers.map((s) => [s.rule, s] as const))('%s', async (_rule, scenario) => {
    const result = await runScenario(scenario);
    expect(chainOf(result.petition)).toEqual(scenario.chain);
    if ('ends' in scenario.outcome) {
      // a reply is concluded once its review window lapsed; anything else closes at once
      expect(result.petition.status).toBe(REPLY_OUTCOMES.includes(scenario.outcome.ends) ? 'concluded' : 'closed');
      const progress = await api('GET', `/api/public/progress?number=${result.number}&code=${result.queryCode}`);
      expect(progress.body.result.result).toBe(scenario.outcome.ends);
    }
    for (const link of result.petition.handOvers) {
      expect(link).toMatchObject({ reason: expect.any(String), actor: expect.any(String), at: expect.any(String) });
    }
  });

  it('binds the holder after a superior decision, and tells who decides before that', async () => {
    const result = await runScenario(handOvers[1]);
    expect(result.petition).toMatchObject({ bound: true, returnCount: 2, currentUnit: { code: '990102-handling-room-2' } });
    const task = await waitForTask('donghu.room2', result.id, 'accept-decision');
    const detail = await api('GET', `/api/tasks/${task.id}`, { token: await login('donghu.room2') });
    expect(detail.body.options.bound).toBe(true);
    expect(detail.body.options.decisions).not.toContain('return');
    expect(detail.body.options.decisions).not.toContain('dispute');
    expect(detail.body.options.decisions).toEqual(expect.arrayContaining(['accept', 'transfer', 'report-up']));
  });

  it('tells the petitioner the legal route in writing', async () => {
    const result = await runScenario(handOvers.find((s) => s.rule.startsWith('涉法涉诉'))!);
    const notices = await db.query<{ kind: string; body: string }>('SELECT "kind", "body" FROM "notification" WHERE "petitionId" = ?', [result.id]);
    const legalRoute = notices.filter((n) => n.kind === 'legal-route');
    expect(legalRoute).toHaveLength(1);
    expect(legalRoute[0].body).toContain('向人民法院提起诉讼');
  });

  it('refuses to assign sideways or to a unit that does not exist, saying why', async () => {
    const result = await runScenario({ ...handOvers[0], actions: [], chain: [], rule: 'refusals' , outcome: { waitsAt: { by: 'donghu.room1', step: 'accept-decision' } } });
    const task = await waitForTask('donghu.room1', result.id, 'accept-decision');
    const token = await login('donghu.room1');
    const sideways = await api('POST', `/api/tasks/${task.id}/complete`, {
      token,
      lang: 'zh-CN',
      body: { decision: 'assign-down', targetUnitCode: '990102-handling-room-2', reason: 'x', dueDate: daysFromNow(10) },
    });
    expect(sideways.status).toBe(400);
    expect(sideways.body.message).toContain('交办只能交给本级以下的单位');
    const unknown = await api('POST', `/api/tasks/${task.id}/complete`, {
      token,
      lang: 'en',
      body: { decision: 'transfer', targetUnitCode: 'no-such-unit', reason: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('does not exist');
    const noTarget = await api('POST', `/api/tasks/${task.id}/complete`, { token, lang: 'zh-CN', body: { decision: 'transfer', reason: 'x' } });
    expect(noTarget.body.errors).toEqual([expect.objectContaining({ field: 'targetUnitCode', message: '转办、交办时必须选择目标单位' })]);
    const tooLate = await api('POST', `/api/tasks/${task.id}/complete`, {
      token,
      lang: 'en',
      body: { decision: 'assign-down', targetUnitCode: '990102001-petition-office', reason: 'x', dueDate: daysFromNow(90) },
    });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.message).toContain('60-day');
    // nothing of this moved the petition
    const still = await api('GET', `/api/petitions/${result.id}`, { token });
    expect(chainOf(still.body)).toEqual(['route 990102-petition-office → 990102-handling-room-1']);
  });
});

describe('returning a transferred matter within 5 working days (Art. 23)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  it('is allowed until 24:00 of the fifth working day after the matter arrived, counted on the State Council’s schedule, and refused after', async () => {
    // given a complaint that 第一办理室 transferred to 第二办理室
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const transfer = { decision: 'transfer', targetUnitCode: '990102-handling-room-2', reason: '属劳动社保类事项' };
    expect((await complete('donghu.room1', accept.id, transfer)).status).toBe(204);
    const task = await waitForTask('donghu.room2', petition.id, 'accept-decision');
    const token = await login('donghu.room2');
    const options = async () => (await api('GET', `/api/tasks/${task.id}`, { token })).body.options;
    // (time is moved in the record of when the unit received it: the stack's clock is shared)
    const arrivedAt = (moment: Date) => db.query('UPDATE "petition" SET "holderSince" = ? WHERE "id" = ?', [dbTime(moment), petition.id]);
    const giveBack = () => api('POST', `/api/tasks/${task.id}/complete`, { token, lang: 'zh-CN', body: { decision: 'return', reason: '系房屋质量问题，不属本室职责' } });

    // then the window ends at 24:00 of the fifth working day after the transfer
    const view = await api('GET', `/api/petitions/${petition.id}`, { token });
    const transferredAt = Date.parse(view.body.handOvers.at(-1).at);
    expect((await options()).returnWindowEnds).toBe(workingDaysAfter(transferredAt, 5).toISOString());

    // and working days are the State Council's: received on Thursday 12 February 2026, the window
    // takes in the make-up working day of Saturday 14 February, skips the Spring Festival (15–23
    // February) and ends on Thursday 26 February
    const beforeSpringFestival = new Date('2026-02-12T10:00:00+08:00');
    await arrivedAt(beforeSpringFestival);
    expect(workingDaysAfter(beforeSpringFestival, 5).toISOString()).toBe('2026-02-26T15:59:59.999Z');
    expect((await options()).returnWindowEnds).toBe('2026-02-26T15:59:59.999Z');

    // when it arrived on the latest day whose window has ended by now, the return is refused, saying why
    const edge = workingDayEdge(Date.now(), 5);
    await arrivedAt(edge.expired);
    expect((await options()).decisions).not.toContain('return');
    const late = await giveBack();
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已超过5个工作日的退回期限');

    // and had it arrived one day later, the window is still open: the matter goes back to its sender
    await arrivedAt(edge.open);
    expect((await options()).decisions).toContain('return');
    expect((await giveBack()).status).toBe(204);
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const after = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    expect(chainOf(after.body).at(-1)).toBe('return 990102-handling-room-2 → 990102-handling-room-1');
  });
});

import { Decision } from '../../src/camunda/process-contract';
import { deadlineFor } from '../../src/clocks/deadline';
import { Unit } from '../../src/org/unit.entity';
import { allowedDecisions, HoldingContext, refusalOf } from '../../src/routing/hand-over-rules';
import { RoutingPlanner } from '../../src/routing/routing-planner';
import { cst, workingDaysAfter } from '../support/statutory-calendar';
import { demoOrg } from './demo-org-service';

describe('the organisation tree', () => {
  const org = demoOrg();
  const unit = (code: string) => org.requireUnit(code);

  it('finds the petition office serving a village in its township', async () => {
    expect((await org.petitionOfficeFor('990102001001')).code).toBe('990102001-petition-office');
  });

  it.each([
    ['990102-handling-room-1', '990102-petition-office', 'a handling room reports to its center'],
    ['990102-petition-office', '990100-petition-office', 'the county center reports to the city bureau'],
    ['990102001-petition-office', '990102-petition-office', 'a township office reports to its county center'],
    ['990102001001-agent-station', '990102001-petition-office', 'an agent station reports to its township'],
  ])('reports %s up to %s (%s)', async (from, to) => {
    expect((await org.reportUpTarget(await unit(from)))?.code).toBe(to);
  });

  it('has nowhere to report up to from the city bureau', async () => {
    expect(await org.reportUpTarget(await unit('990100-petition-office'))).toBeNull();
  });

  it.each([
    ['990102-handling-room-1', '990102-handling-room-2', '990102-petition-office', 'two rooms of one center: the center'],
    ['990102001-petition-office', '990102-petition-office', '990100-petition-office', 'a party cannot decide: the city'],
    ['990102001-petition-office', '990121100-petition-office', '990100-petition-office', 'townships of two counties: the city'],
    ['990102001-petition-office', '990102002-petition-office', '990102-petition-office', 'townships of one county: the county'],
  ])('sends a dispute between %s and %s to %s (%s)', async (a, b, superior) => {
    expect((await org.nearestCommonSuperior(await unit(a), await unit(b))).code).toBe(superior);
  });

  it('reports a collective petition to the leadership of its level and the level above', async () => {
    expect((await org.leadershipFor('990102')).map((u) => u.code)).toEqual(['990102-leadership', '990100-leadership']);
    // a village has no government of its own: its township and county
    expect((await org.leadershipFor('990102001001')).map((u) => u.code)).toEqual(['990102001-leadership', '990102-leadership']);
  });

  it('never routes to a closed unit', async () => {
    const closed = demoOrg([
      { code: '990102-handling-room-0', name: '已撤销', kind: 'handling-room', regionCode: '990102', active: false },
    ]);
    expect((await closed.competentUnit('990102001002', 'county', 'handling-room')).code).toBe('990102-handling-room-1');
  });
});

describe('the tiers a petition passes on its way to the competent unit', () => {
  const org = demoOrg();
  const planner = new RoutingPlanner(org);
  const plan = async (from: string, to: string) =>
    (await planner.plan(await org.requireUnit(from), await org.requireUnit(to))).map((h) => `${h.kind} ${h.from.code} → ${h.to.code}`);

  it('goes straight to a unit of the same region', async () => {
    expect(await plan('990102-petition-office', '990102-handling-room-1')).toEqual(['route 990102-petition-office → 990102-handling-room-1']);
  });

  it('goes down without passing the tiers in between', async () => {
    expect(await plan('990100-petition-office', '990102001-petition-office')).toEqual([
      'route 990100-petition-office → 990102001-petition-office',
    ]);
  });

  it('is reported up tier by tier until a region contains the competent unit', async () => {
    expect(await plan('990102001-petition-office', '990100-dept-housing')).toEqual([
      'escalate 990102001-petition-office → 990102-petition-office',
      'escalate 990102-petition-office → 990100-petition-office',
      'route 990100-petition-office → 990100-dept-housing',
    ]);
  });

  it('passes nowhere when the office that has it is competent', async () => {
    expect(await plan('990102001-petition-office', '990102001-petition-office')).toEqual([]);
  });
});

describe('what a holding unit may decide', () => {
  const office = { code: '990102-handling-room-1', name: '第一办理室' } as Unit;
  const sender = { code: '990102-handling-room-2', name: '第二办理室' } as Unit;
  const now = new Date('2026-11-26T10:00:00+08:00');
  const base: HoldingContext = {
    holder: office,
    holderLevel: 'county',
    sender,
    bound: false,
    returnWindowEnds: new Date('2026-12-03T23:59:59.999+08:00'),
    reportUpTo: { code: '990102-petition-office' } as Unit,
    now,
  };

  it('may do anything a county unit can while the return window is open', () => {
    expect(allowedDecisions(base)).toEqual(Object.values(Decision));
  });

  it('may not return after 5 working days, but may still dispute (Art. 23)', () => {
    const late = { ...base, now: new Date('2026-12-04T09:00:00+08:00') };
    expect(refusalOf(Decision.return, late)?.['zh-CN']).toContain('5个工作日');
    expect(refusalOf(Decision.dispute, late)).toBeNull();
  });

  it('may neither return nor dispute once a superior has decided', () => {
    const bound = { ...base, bound: true };
    expect(allowedDecisions(bound)).not.toEqual(expect.arrayContaining([Decision.return]));
    expect(refusalOf(Decision.dispute, bound)?.en).toContain('cannot be returned or disputed again');
  });

  it('has nobody to return to when no other unit sent it', () => {
    expect(refusalOf(Decision.return, { ...base, sender: null })?.en).toContain('nobody to return it to');
  });

  it('assigns down only from the city and county, and reports up only below the city', () => {
    expect(refusalOf(Decision.assignDown, { ...base, holderLevel: 'township' })).not.toBeNull();
    expect(refusalOf(Decision.reportUp, { ...base, holderLevel: 'city', reportUpTo: null })).not.toBeNull();
  });

  it.each([
    ['city', true],
    ['county', true],
    ['township', false],
    ['village', false],
  ] as const)('may assign down from the %s: %s', (holderLevel, allowed) => {
    expect(allowedDecisions({ ...base, holderLevel }).includes(Decision.assignDown)).toBe(allowed);
  });

  it('may report up wherever there is an office above, even with the return window closed', () => {
    const late = { ...base, holderLevel: 'township' as const, now: new Date('2027-01-01T00:00:00+08:00') };
    expect(refusalOf(Decision.reportUp, late)).toBeNull();
  });

  it('may always accept, decline, divert to legal channels or transfer, even when bound', () => {
    const bound = { ...base, bound: true, sender: null, holderLevel: 'village' as const, reportUpTo: null };
    expect(allowedDecisions(bound)).toEqual([Decision.accept, Decision.decline, Decision.divertLegal, Decision.transfer]);
  });

  it('may return when the petition has no return window on record', () => {
    expect(refusalOf(Decision.return, { ...base, returnWindowEnds: null, now: new Date('2027-01-01T00:00:00+08:00') })).toBeNull();
  });

  it.each([
    ['assigning down from a township', Decision.assignDown, { holderLevel: 'township' }, '只有市、县两级可以向下交办', 'Only city and county units can assign down'],
    ['reporting up from the city', Decision.reportUp, { holderLevel: 'city', reportUpTo: null }, '市级没有可以报请的上级信访部门', 'There is no office above the city to report up to'],
    ['disputing a superior\'s decision', Decision.dispute, { bound: true }, '上级已就本事项的办理单位作出决定，不能再退回或提出异议', 'A superior has decided who handles this matter; it cannot be returned or disputed again'],
    ['returning what no unit sent', Decision.return, { sender: null }, '本事项不是由其他单位转来的，没有可退回的单位', 'No other unit sent this matter here, so there is nobody to return it to'],
    ['returning after the window', Decision.return, { now: new Date('2026-12-04T00:00:00+08:00') }, '已超过5个工作日的退回期限（信访工作条例第二十三条），请办理或提请共同上级裁决（异议）', 'The 5-working-day return window (Art. 23) has passed; handle it or raise a dispute with the common superior'],
  ] as const)('explains the refusal of %s in Chinese and English', (_case, decision, change, zh, en) => {
    expect(refusalOf(decision, { ...base, ...change } as HoldingContext)).toEqual({ 'zh-CN': zh, en });
  });
});

describe('the 5-working-day return window (Art. 23), to the millisecond', () => {
  // given a matter transferred to a unit at 23:30 on Thursday 12 February 2026, before the Spring Festival
  const holderSince = cst('2026-02-12T23:30:00');
  // the five working days are Fri 13, Sat 14 (make-up), [15–23 off], Tue 24, Wed 25 and Thu 26 February
  const windowEnds = cst('2026-02-26T23:59:59.999');
  const holding = (now: Date): HoldingContext => ({
    holder: { code: '990102-handling-room-1' } as Unit,
    holderLevel: 'county',
    sender: { code: '990102-handling-room-2' } as Unit,
    bound: false,
    // as HandOverService computes it from when the unit received the matter
    returnWindowEnds: deadlineFor('return', holderSince),
    reportUpTo: { code: '990102-petition-office' } as Unit,
    now,
  });

  it('ends at 24:00 China time of the fifth working day', () => {
    expect(deadlineFor('return', holderSince)).toEqual(windowEnds);
    expect(deadlineFor('return', holderSince)).toEqual(workingDaysAfter(holderSince, 5));
  });

  it('still allows a return in its last millisecond', () => {
    expect(refusalOf(Decision.return, holding(windowEnds))).toBeNull();
  });

  it('refuses a return one millisecond later, and still allows a dispute', () => {
    const justAfter = new Date(windowEnds.getTime() + 1);
    expect(refusalOf(Decision.return, holding(justAfter))?.en).toContain('5-working-day return window');
    expect(refusalOf(Decision.dispute, holding(justAfter))).toBeNull();
  });
});

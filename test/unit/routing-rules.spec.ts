import 'reflect-metadata';
import { Repository } from 'typeorm';
import { Decision } from '../../src/camunda/process-contract';
import { DEMO_REGIONS, DEMO_UNITS } from '../../src/org/demo/demo-org';
import { OrgService } from '../../src/org/org.service';
import { Region } from '../../src/org/region.entity';
import { Unit } from '../../src/org/unit.entity';
import { allowedDecisions, HoldingContext, refusalOf } from '../../src/routing/hand-over-rules';
import { RoutingPlanner } from '../../src/routing/routing-planner';

/** The demo city's tree, read by the real OrgService through in-memory repositories. */
function demoOrg(extra: Partial<Unit>[] = []): OrgService {
  const units = [...DEMO_UNITS, ...extra].map((u) => ({ active: true, successorCode: null, parentUnitCode: null, ...u }) as Unit);
  const repo = <T extends object>(rows: T[]) => ({ find: async () => rows }) as unknown as Repository<T>;
  return new OrgService(repo(DEMO_REGIONS as Region[]), repo(units));
}

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
});

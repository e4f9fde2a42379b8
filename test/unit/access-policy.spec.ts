import { AccessPolicy, STEP_ROLES, WITHHELD_CONTENT } from '../../src/access/access-policy';
import type { Principal } from '../../src/auth/principal';
import { ROLES, type Role } from '../../src/auth/roles';
import { Step } from '../../src/camunda/process-contract';
import type { Petition } from '../../src/petitions/petition.entity';
import { demoOrg } from './demo-org-service';

/** The rules read the demo city's organisation through the real OrgService over in-memory rows. */
const policy = new AccessPolicy(demoOrg());

function caller(unitCode: string, roles: Role[], username = 'someone'): Principal {
  return { userId: 'u', username, displayName: '', unitCode, roles, sessionId: 's' };
}

const petition = {
  receivingUnitCode: '990102-petition-office',
  registeredBy: 'donghu.registrar',
  competentUnitCode: '990102-handling-room-1',
} as Petition;

describe('who sees a petitioner in full', () => {
  it.each([
    [caller('990102-petition-office', ['registrar']), true],
    [caller('990102001001-agent-station', ['agent'], 'donghu.registrar'), true],
    [caller('990102-handling-room-1', ['handler']), true],
    [caller('990102-handling-room-1', ['unit-head']), true],
    [caller('990102-petition-office', ['supervisor']), false], // same unit as the registrar, not their work
    [caller('990102-handling-room-2', ['handler']), false],
    [caller('990102-handling-room-1', ['registrar']), false], // a registrar where it is handled, not where it came in
  ])('%o: %s', (principal, inClear) => {
    expect(policy.seesPersonalData(principal, petition)).toBe(inClear);
  });

  // Every role, once in the unit where the petition came in (under the registrar's own name) and once
  // in the unit that handles it: only the work of taking it in or handling it needs the numbers.
  const inClear: Record<Role, { receiving: boolean; handling: boolean }> = {
    registrar: { receiving: true, handling: false },
    agent: { receiving: true, handling: false },
    handler: { receiving: false, handling: true },
    'unit-head': { receiving: false, handling: true },
    supervisor: { receiving: false, handling: false },
    'process-admin': { receiving: false, handling: false },
    'system-admin': { receiving: false, handling: false },
    'security-admin': { receiving: false, handling: false },
    auditor: { receiving: false, handling: false },
  };

  it('has an answer for every role', () => {
    expect(Object.keys(inClear).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES.map((role) => [role]))('%s', (role) => {
    expect({
      receiving: policy.seesPersonalData(caller('990102-petition-office', [role], 'donghu.registrar'), petition),
      handling: policy.seesPersonalData(caller('990102-handling-room-1', [role]), petition),
    }).toEqual(inClear[role]);
  });

  it('shows a registrar the petitions they keyed in, from another unit too, but not others of that unit', () => {
    expect(policy.seesPersonalData(caller('990102001-petition-office', ['registrar'], 'donghu.registrar'), petition)).toBe(true);
    expect(policy.seesPersonalData(caller('990102001-petition-office', ['registrar'], 'another.registrar'), petition)).toBe(false);
    expect(policy.seesPersonalData(caller('990102-petition-office', ['agent'], 'another.agent'), petition)).toBe(true);
  });

  it('does not show a handler of the receiving unit, nor of a unit it merely passed, the numbers', () => {
    expect(policy.seesPersonalData(caller('990102-petition-office', ['handler', 'unit-head'], 'donghu.registrar'), petition)).toBe(false);
  });
});

describe('who reads a single petition', () => {
  // a petition from 柳岸社区 (东湖街道, 东湖区), taken in at the township, handled by the county's first room
  const fromLiuan = {
    category: 'complaint',
    regionCode: '990102001002',
    receivingUnitCode: '990102001-petition-office',
    registeredBy: 'liuan.agent',
    competentUnitCode: '990102-handling-room-1',
  } as Petition;
  // it went to the county's housing bureau first, which transferred it to the first room
  const holders = ['990102001-petition-office', '990102-dept-housing', '990102-handling-room-1'];

  it.each([
    ['the registrar of the unit where it came in', true, caller('990102001-petition-office', ['registrar'])],
    ['the agent who keyed it in, at the village station', true, caller('990102001002-agent-station', ['agent'], 'liuan.agent')],
    ['a handler of the competent unit', true, caller('990102-handling-room-1', ['handler'])],
    ['a handler of a unit that held it before', true, caller('990102-dept-housing', ['handler'])],
    ['the city supervisor (the whole city)', true, caller('990100-petition-office', ['supervisor'])],
    ['the 东湖区 supervisor (its county)', true, caller('990102-petition-office', ['supervisor'])],
    ['the 东湖街道 supervisor (its township)', true, caller('990102001-comprehensive-office', ['supervisor'])],
    ['the 青山县 supervisor: another county', false, caller('990121-petition-office', ['supervisor'])],
    ['the 湖滨街道 supervisor: another township of the same county', false, caller('990102002-petition-office', ['supervisor'])],
    ['a supervisor whose unit no longer exists', false, caller('990199-petition-office', ['supervisor'])],
    ['a handler of another room of the same county, in region but never a holder', false, caller('990102-handling-room-2', ['handler'])],
    ['a unit head of another county', false, caller('990121-handling-room-1', ['unit-head'])],
    ['a system administrator of the unit where it came in', false, caller('990102001-petition-office', ['system-admin'])],
    ['an auditor who keyed nothing in but shares the name', false, caller('990100-petition-office', ['auditor'], 'liuan.agent')],
    ['an administrator who is also a handler of the competent unit', true, caller('990102-handling-room-1', ['system-admin', 'handler'])],
  ])('%s: %s', async (_who, readable, principal) => {
    expect(await policy.canReadPetition(principal, fromLiuan, holders)).toBe(readable);
  });

  it('lets the receiving unit and the competent unit read it before any hand-over is on record', async () => {
    // a petition just registered (or just decided on) has no hand-over rows yet to name its holders
    expect(await policy.canReadPetition(caller('990102001-petition-office', ['registrar']), fromLiuan, [])).toBe(true);
    expect(await policy.canReadPetition(caller('990102-handling-room-1', ['handler']), fromLiuan, [])).toBe(true);
    expect(await policy.canReadPetition(caller('990102-dept-housing', ['handler']), fromLiuan, [])).toBe(false);
  });
});

describe('who reads the content of an accusation (Art. 29)', () => {
  // an accusation taken in at the 东湖街道 office, passed through the county centre, handled by 东湖区纪委监委
  const accusation = {
    category: 'accusation',
    regionCode: '990102001002',
    receivingUnitCode: '990102001-petition-office',
    registeredBy: 'liuan.registrar',
    competentUnitCode: '990102-discipline',
  } as Petition;

  it.each([
    ['a handler of the discipline inspection unit handling it', true, caller('990102-discipline', ['handler'])],
    ['the head of that unit', true, caller('990102-discipline', ['unit-head'])],
    ['another discipline inspection unit (青山县), not competent', false, caller('990121-discipline', ['handler'])],
    ['the city discipline inspection unit above it, not competent', false, caller('990100-discipline', ['unit-head'])],
    ['the registrar who took it in', false, caller('990102001-petition-office', ['registrar'], 'liuan.registrar')],
    ['the head of the receiving unit', false, caller('990102001-petition-office', ['unit-head'])],
    ['the county centre it passed through', false, caller('990102-petition-office', ['handler'])],
    ['the supervisor of its county', false, caller('990102-petition-office', ['supervisor'])],
  ])('%s: %s', async (_who, readable, principal) => {
    expect(await policy.canReadContent(principal, accusation)).toBe(readable);
  });

  it('is not read even by the competent unit when that unit is not a discipline inspection unit', async () => {
    // given an accusation that ended up with a handling room (a mistaken routing, or a changed DMN)
    const misrouted = { ...accusation, competentUnitCode: '990102-handling-room-1' } as Petition;
    // then nobody reads its content, the room that holds it included
    expect(await policy.canReadContent(caller('990102-handling-room-1', ['handler']), misrouted)).toBe(false);
    expect(await policy.canReadContent(caller('990102-handling-room-1', ['unit-head']), misrouted)).toBe(false);
  });

  it('is read by a second discipline inspection unit once it is the competent one', async () => {
    const atCity = { ...accusation, competentUnitCode: '990100-discipline' } as Petition;
    expect(await policy.canReadContent(caller('990100-discipline', ['handler']), atCity)).toBe(true);
    expect(await policy.canReadContent(caller('990102-discipline', ['handler']), atCity)).toBe(false);
  });

  it('tells whoever may not read it, in Chinese, who may (what the case page and task list show instead)', () => {
    expect(WITHHELD_CONTENT).toMatch(/^【.*检举控告.*纪检监察机关.*】$/);
  });

  it.each(['complaint', 'suggestion'])('a %s: content is for whoever may read the petition', async (category) => {
    const plain = { ...accusation, category, competentUnitCode: '990102-handling-room-1' } as Petition;
    expect(await policy.canReadContent(caller('990102001-petition-office', ['registrar']), plain)).toBe(true);
  });
});

describe('what lists of petitions are narrowed to', () => {
  it('gives administrators no case list at all', async () => {
    for (const role of ['process-admin', 'system-admin', 'security-admin', 'auditor'] as Role[]) {
      expect(await policy.scope(caller('990100-petition-office', [role]))).toBeNull();
    }
  });

  it('narrows a handler to their unit and their own registrations, no region', async () => {
    expect(await policy.scope(caller('990102-handling-room-1', ['handler'], 'donghu.handler'))).toEqual({
      unitCode: '990102-handling-room-1',
      username: 'donghu.handler',
      regionCodes: [],
    });
  });

  it('gives a county supervisor the county, its townships and villages', async () => {
    const scope = await policy.scope(caller('990102-petition-office', ['supervisor']));
    expect([...scope!.regionCodes].sort()).toEqual([
      '990102',
      '990102001',
      '990102001001',
      '990102001002',
      '990102002',
      '990102002001',
      '990102002002',
    ]);
  });

  it('gives a supervisor whose unit no longer exists no region', async () => {
    expect((await policy.scope(caller('990199-petition-office', ['supervisor'])))?.regionCodes).toEqual([]);
  });
});

describe('where oversight reaches (overdue report, supervision desk)', () => {
  const COUNTY = ['990102', '990102001', '990102001001', '990102001002', '990102002', '990102002001', '990102002002'];

  it('reaches a unit head’s or handler’s own unit only', async () => {
    expect(await policy.reach(caller('990102-handling-room-1', ['unit-head']))).toEqual({ unitCode: '990102-handling-room-1' });
    expect(await policy.unitsInReach(caller('990102-handling-room-1', ['handler']))).toEqual(['990102-handling-room-1']);
  });

  it('reaches a county supervisor’s county and everything below it, and the units there', async () => {
    const reach = await policy.reach(caller('990102-petition-office', ['supervisor']));
    expect(reach).toEqual({ regionCode: '990102', regionCodes: expect.any(Array) });
    expect([...(reach as { regionCodes: string[] }).regionCodes].sort()).toEqual(COUNTY);
    const units = await policy.unitsInReach(caller('990102-petition-office', ['supervisor']));
    expect(units).toContain('990102-handling-room-1');
    expect(units).toContain('990102001-petition-office');
    expect(units.some((code) => code.startsWith('990121') || code.startsWith('990100-'))).toBe(false);
  });

  it('reaches the whole organisation for the city supervisor at the top (no region list needed)', async () => {
    expect(await policy.reach(caller('990100-petition-office', ['supervisor']))).toEqual({ regionCode: '990100', regionCodes: null });
    const units = await policy.unitsInReach(caller('990100-petition-office', ['supervisor']));
    expect(units).toContain('990121-handling-room-1');
    expect(units).toContain('990100-petition-office');
    // and the city supervisor's list scope names every region
    expect((await policy.scope(caller('990100-petition-office', ['supervisor'])))!.regionCodes).toContain('990121100201');
  });

  it('reaches nothing for a caller whose unit no longer exists', async () => {
    expect(await policy.reach(caller('990199-petition-office', ['supervisor']))).toBeNull();
    expect(await policy.unitsInReach(caller('990199-petition-office', ['unit-head']))).toEqual([]);
  });
});

describe('who acts on which kind of task', () => {
  it('keeps approval of a completion report for the unit head', () => {
    expect(policy.mayActOn(caller('x', ['handler']), Step.reviewCompletionReport)).toBe(false);
    expect(policy.mayActOn(caller('x', ['unit-head']), Step.reviewCompletionReport)).toBe(true);
  });

  it('lets only the village agent forward from the station', () => {
    expect(policy.stepsFor(caller('x', ['agent']))).toEqual([Step.forwardToTownship]);
  });

  it('gives supervisors and administrators no tasks at all', () => {
    for (const role of ['supervisor', 'process-admin', 'system-admin', 'security-admin', 'auditor'] as Role[]) {
      expect(policy.stepsFor(caller('x', [role]))).toEqual([]);
    }
  });

  it('lets the front desk decide on acceptance and settle disputes, but not handle', () => {
    expect(policy.stepsFor(caller('x', ['registrar'])).sort()).toEqual(
      [Step.acceptDecision, Step.decideDisputeCounty, Step.decideDisputeCity].sort(),
    );
  });

  it('lets a handler decide, handle, reply, decide a review and hold a hearing, but approve nothing', () => {
    expect(policy.stepsFor(caller('x', ['handler'])).sort()).toEqual(
      [
        Step.acceptDecision,
        Step.handlePetition,
        Step.replyPetition,
        Step.decideDisputeCounty,
        Step.decideDisputeCity,
        Step.decideReview,
        Step.decideReReview,
        Step.scheduleHearing,
        Step.recordHearing,
      ].sort(),
    );
  });

  it('lets a registrar take down a rating or a review request for a petitioner, and nobody else', () => {
    expect(policy.recordsForPetitioners(caller('x', ['registrar']))).toBe(true);
    for (const role of ['handler', 'unit-head', 'supervisor', 'agent'] as const) {
      expect(policy.recordsForPetitioners(caller('x', [role]))).toBe(false);
    }
  });

  it('lets the unit head do everything in the unit, approvals of reports and extensions (Art. 33, 34) included', () => {
    expect(policy.stepsFor(caller('x', ['unit-head'])).sort()).toEqual(
      Object.values(Step)
        .filter((step) => step !== Step.forwardToTownship)
        .sort(),
    );
  });

  it('lets a person with two roles act on what either role may', () => {
    expect(policy.mayActOn(caller('x', ['registrar', 'handler']), Step.handlePetition)).toBe(true);
    expect(policy.mayActOn(caller('x', ['agent', 'unit-head']), Step.approveExtension)).toBe(true);
  });

  it('covers every user task of the processes', () => {
    expect(Object.keys(STEP_ROLES).sort()).toEqual(Object.values(Step).sort());
  });

  it('knows no unknown task', () => {
    expect(policy.mayActOn(caller('x', ['handler', 'unit-head']), 'some-new-task')).toBe(false);
  });
});

describe('who keeps and reads the register of public representatives (群众代表)', () => {
  it.each([
    ['the county office’s registrar, for the county', caller('990102-petition-office', ['registrar']), '990102', true],
    ['the county office’s handler, for a village below', caller('990102-petition-office', ['handler']), '990102001002', true],
    ['the county office’s unit head, for a township below', caller('990102-petition-office', ['unit-head']), '990102001', true],
    ['the county office’s supervisor (not a keeper)', caller('990102-petition-office', ['supervisor']), '990102', false],
    ['a supervisor who is also its registrar', caller('990102-petition-office', ['supervisor', 'registrar']), '990102', true],
    ['a handling room’s handler (not a petition office)', caller('990102-handling-room-1', ['handler']), '990102', false],
    ['the county office, for the city above it', caller('990102-petition-office', ['registrar']), '990100', false],
    ['another county’s office', caller('990121-petition-office', ['registrar']), '990102', false],
    ['the city office, for any county', caller('990100-petition-office', ['registrar']), '990102', true],
  ])('%s: %s', async (_label, principal, regionCode, keeps) => {
    expect(await policy.keepsRepresentativesOf(principal, regionCode)).toBe(keeps);
  });

  it('lets case workers look up the representatives of their region, those below and those above, and nobody else', async () => {
    const regions = await policy.representativeRegions(caller('990102001-petition-office', ['handler']));
    expect(regions).toEqual(expect.arrayContaining(['990102001', '990102001002', '990102', '990100']));
    expect(regions).not.toContain('990121');
    expect(await policy.representativeRegions(caller('990100-petition-office', ['system-admin']))).toBeNull();
    expect(await policy.representativeRegions(caller('nowhere', ['handler']))).toBeNull();
  });
});

describe('who works on a case itself (invites representatives, records their opinions)', () => {
  const held = { ...petition, competentUnitCode: '990102-handling-room-1' } as Petition;
  it.each([
    ['a handler of the holding unit', caller('990102-handling-room-1', ['handler']), [], true],
    ['its unit head', caller('990102-handling-room-1', ['unit-head']), [], true],
    ['a registrar of the holding unit', caller('990102-handling-room-1', ['registrar']), [], false],
    ['a handler of another unit', caller('990102-handling-room-2', ['handler']), [], false],
    ['a handler of the reviewing body', caller('990100-petition-office', ['handler']), ['990100-petition-office'], true],
    ['a supervisor of the reviewing body', caller('990100-petition-office', ['supervisor']), ['990100-petition-office'], false],
  ])('%s: %s', (_label, principal, reviewing, works) => {
    expect(policy.worksOnCase(principal, held, reviewing as string[])).toBe(works);
  });
});

describe('who prints, posts and re-sends the written notices of a unit', () => {
  it.each([
    ['a registrar of the sending unit', caller('990102-handling-room-1', ['registrar']), true],
    ['a handler of the sending unit', caller('990102-handling-room-1', ['handler']), true],
    ['its unit head', caller('990102-handling-room-1', ['unit-head']), true],
    ['a handler who also supervises', caller('990102-handling-room-1', ['supervisor', 'handler']), true],
    ['its agent', caller('990102-handling-room-1', ['agent']), false],
    ['its supervisor', caller('990102-handling-room-1', ['supervisor']), false],
    ['a handler of another unit', caller('990102-handling-room-2', ['handler']), false],
  ])('%s: %s', (_label, principal, sends) => {
    expect(policy.sendsNoticesOf(principal, '990102-handling-room-1')).toBe(sends);
  });

  it('nobody, for a notice without a sending unit', () => {
    expect(policy.sendsNoticesOf(caller('990102-handling-room-1', ['handler']), null)).toBe(false);
  });
});

describe('whose petitioners a name or ID-number search reaches (the clear-data reach as list columns)', () => {
  // Each case as a row: the list narrows to where seesPersonalData says yes, for every role.
  const rows = [
    { receivingUnitCode: '990102-petition-office', registeredBy: 'donghu.registrar', competentUnitCode: '990102-handling-room-1' },
    { receivingUnitCode: '990102001-petition-office', registeredBy: 'dhjd.handler', competentUnitCode: '990102-handling-room-1' },
    { receivingUnitCode: '990102-petition-office', registeredBy: 'someone.else', competentUnitCode: '990102-handling-room-2' },
  ] as Petition[];
  const inReach = (reach: ReturnType<AccessPolicy['personalDataReach']>, p: Petition) =>
    !!reach &&
    (reach.registeredBy === p.registeredBy || reach.receivingUnitCode === p.receivingUnitCode || reach.competentUnitCode === p.competentUnitCode);

  it.each(ROLES.flatMap((role) => ['990102-petition-office', '990102-handling-room-1'].map((unit) => [role, unit] as const)))(
    '%s at %s: the reach agrees with seesPersonalData on every row',
    (role, unit) => {
      const principal = caller(unit, [role], 'donghu.registrar');
      const reach = policy.personalDataReach(principal);
      for (const row of rows) expect(inReach(reach, row)).toBe(policy.seesPersonalData(principal, row));
    },
  );

  it('is nowhere for a supervisor, who is refused the search', () => {
    expect(policy.personalDataReach(caller('990102-petition-office', ['supervisor']))).toBeNull();
  });

  it('names the columns: a registrar by name and receiving unit, a handler by competent unit', () => {
    expect(policy.personalDataReach(caller('990102-petition-office', ['registrar'], 'r1'))).toEqual({ registeredBy: 'r1', receivingUnitCode: '990102-petition-office' });
    expect(policy.personalDataReach(caller('990102-handling-room-1', ['unit-head']))).toEqual({ competentUnitCode: '990102-handling-room-1' });
  });
});

describe('whose keyword search reads accusations\' text', () => {
  it.each([
    ['a discipline inspection unit: its own', caller('990102-discipline', ['handler']), '990102-discipline'],
    ['a handling room: none', caller('990102-handling-room-1', ['handler']), null],
    ['a petition office: none', caller('990102-petition-office', ['supervisor']), null],
  ])('%s', async (_label, principal, unit) => {
    expect(await policy.accusationContentUnit(principal)).toBe(unit);
  });
});

describe('who adds files (附件) to a case', () => {
  const held = { ...petition, competentUnitCode: '990102-handling-room-1' } as Petition;
  it.each([
    ['a handler of the holding unit, evidence', caller('990102-handling-room-1', ['handler']), 'evidence', [], true],
    ['its unit head, reply annex', caller('990102-handling-room-1', ['unit-head']), 'reply', [], true],
    ['a handler of the reviewing body', caller('990100-petition-office', ['handler']), 'evidence', ['990100-petition-office'], true],
    ['the registrar who keyed it in, materials', caller('990102001-petition-office', ['registrar'], 'donghu.registrar'), 'materials', [], true],
    ['a registrar of the receiving unit, materials', caller('990102-petition-office', ['registrar'], 'r2'), 'materials', [], true],
    ['an agent of the receiving unit, materials', caller('990102-petition-office', ['agent'], 'a1'), 'materials', [], true],
    ['the registrar who keyed it in, evidence', caller('990102-petition-office', ['registrar'], 'donghu.registrar'), 'evidence', [], false],
    ['a registrar of another unit, materials', caller('990102-handling-room-2', ['registrar'], 'r3'), 'materials', [], false],
    ['a supervisor of the receiving unit, materials', caller('990102-petition-office', ['supervisor'], 's1'), 'materials', [], false],
    ['a handler of another unit', caller('990102-handling-room-2', ['handler']), 'evidence', [], false],
  ])('%s: %s', (_label, principal, stage, reviewing, adds) => {
    expect(policy.addsAttachments(principal, held, stage as string, reviewing as string[])).toBe(adds);
  });
});

describe('how a unit\'s task changes hands (办件台)', () => {
  it.each([
    ['the person holding it', caller('990102-handling-room-1', ['handler'], 'h1'), 'h1', true],
    ['the unit head, for someone else', caller('990102-handling-room-1', ['unit-head'], 'head'), 'h1', true],
    ['a colleague', caller('990102-handling-room-1', ['handler'], 'h2'), 'h1', false],
    ['anyone, when nobody holds it', caller('990102-handling-room-1', ['unit-head'], 'head'), null, false],
  ])('back to the pool by %s: %s', (_label, principal, assignee, releases) => {
    expect(policy.releasesTask(principal, assignee)).toBe(releases);
  });

  it('is handed to a named colleague by the unit head only', () => {
    expect(policy.reassignsTasks(caller('990102-handling-room-1', ['unit-head']))).toBe(true);
    expect(policy.reassignsTasks(caller('990102-handling-room-1', ['handler']))).toBe(false);
    expect(policy.reassignsTasks(caller('990102-petition-office', ['supervisor']))).toBe(false);
  });

  it.each([
    ['the person holding it', 'h1', false, true],
    ['the person holding it, already delegated', 'h1', true, false],
    ['someone else', 'h2', false, false],
  ])('is delegated by %s', (_label, assignee, pending, delegates) => {
    expect(policy.delegatesTask(caller('990102-handling-room-1', ['handler'], 'h1'), assignee, pending)).toBe(delegates);
  });

  it('goes only to a colleague whose roles act on the step', () => {
    expect(policy.rolesActOn(['handler'], Step.handlePetition)).toBe(true);
    expect(policy.rolesActOn(['registrar'], Step.handlePetition)).toBe(false);
    expect(policy.rolesActOn(['handler'], Step.approveExtension)).toBe(false);
    expect(policy.rolesActOn(['unit-head'], Step.approveExtension)).toBe(true);
  });
});

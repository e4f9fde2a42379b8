import { AccessPolicy, STEP_ROLES } from '../../src/access/access-policy';
import type { Principal } from '../../src/auth/principal';
import type { Role } from '../../src/auth/roles';
import { Step } from '../../src/camunda/process-contract';
import type { OrgService } from '../../src/org/org.service';
import type { Petition } from '../../src/petitions/petition.entity';

// These rules need no organisation lookups; the ones that do are covered by the authorization matrix against the real API.
const policy = new AccessPolicy({} as OrgService);

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

  it('covers every user task of the processes', () => {
    expect(Object.keys(STEP_ROLES).sort()).toEqual(Object.values(Step).sort());
  });

  it('knows no unknown task', () => {
    expect(policy.mayActOn(caller('x', ['handler', 'unit-head']), 'some-new-task')).toBe(false);
  });
});

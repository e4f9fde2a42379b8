import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Role } from '../auth/roles';
import { Step, StepKey } from '../camunda/process-contract';
import { OrgService } from '../org/org.service';

/** What stands in for accusation content wherever a caller may not read it (canReadContent). */
export const WITHHELD_CONTENT = '【检举控告内容仅限承办的纪检监察机关查看】';

/**
 * What the access rules read of a petition: the columns of its entity that say where it came in,
 * who holds it and what it is about. A petition entity is one.
 */
export interface PetitionFacts {
  receivingUnitCode: string;
  registeredBy: string;
  competentUnitCode: string | null;
  regionCode: string;
  category: string;
}

/** Staff of a petition office who keep its register of public representatives. */
const REGISTER_KEEPERS: readonly Role[] = ['registrar', 'handler', 'unit-head'];

/** Who prints, posts and re-sends the written notices of their unit. */
const NOTICE_SENDERS: readonly Role[] = ['registrar', 'handler', 'unit-head'];

/** Roles that work on cases. The three administrator roles and process administrators see none. */
export const CASE_ROLES: readonly Role[] = ['registrar', 'agent', 'handler', 'unit-head', 'supervisor'];

/**
 * Who may act on each kind of task of their unit. Routing decisions at a petition office are made at
 * the front desk as well as by handlers; approvals (a completion report, Art. 33; an extension, Art. 34) are for the unit head.
 */
export const STEP_ROLES: Record<StepKey, readonly Role[]> = {
  [Step.forwardToTownship]: ['agent'],
  [Step.acceptDecision]: ['handler', 'unit-head', 'registrar'],
  [Step.handlePetition]: ['handler', 'unit-head'],
  [Step.replyPetition]: ['handler', 'unit-head'],
  [Step.reviewCompletionReport]: ['unit-head'],
  [Step.approveExtension]: ['unit-head'],
  [Step.decideDisputeCounty]: ['handler', 'unit-head', 'registrar'],
  [Step.decideDisputeCity]: ['handler', 'unit-head', 'registrar'],
  [Step.decideReview]: ['handler', 'unit-head'],
  [Step.decideReReview]: ['handler', 'unit-head'],
  [Step.scheduleHearing]: ['handler', 'unit-head'],
  [Step.recordHearing]: ['handler', 'unit-head'],
};

export interface PetitionScope {
  unitCode: string;
  username: string;
  /** Supervisors: every region at or below their unit's region. */
  regionCodes: string[];
}

/**
 * The one place that decides who may see and do what with case records. Services ask it before they
 * read or write; lists are narrowed with `scope`, single records refused with a 404 (AccessDenied).
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly org: OrgService) {}

  /**
   * The unit where it came in (first-handler responsibility) and the person who keyed it in, any unit
   * that has held it, and supervisors whose region contains it.
   */
  async canReadPetition(principal: Principal, petition: PetitionFacts, holderUnitCodes: string[]): Promise<boolean> {
    if (!hasCaseRole(principal)) return false;
    if (principal.unitCode === petition.receivingUnitCode || principal.username === petition.registeredBy) return true;
    if (principal.unitCode === petition.competentUnitCode || holderUnitCodes.includes(principal.unitCode)) return true;
    if (principal.roles.includes('supervisor')) {
      const unit = await this.org.unit(principal.unitCode);
      return unit ? this.org.isWithin(petition.regionCode, unit.regionCode) : false;
    }
    return false;
  }

  /**
   * Accusation content is for the discipline inspection unit handling it and nobody else (Art. 29):
   * not the unit that registered it, not a unit it passed through, not the accused.
   */
  async canReadContent(principal: Principal, petition: PetitionFacts): Promise<boolean> {
    if (petition.category !== 'accusation') return true;
    if (principal.unitCode !== petition.competentUnitCode) return false;
    return (await this.org.unit(principal.unitCode))?.kind === 'discipline-inspection';
  }

  /**
   * ID and phone numbers in clear only for those whose work needs them: the registrar who took the
   * petition in, and the handlers of the unit that holds it now. Everyone else sees them masked.
   */
  seesPersonalData(principal: Principal, petition: PetitionFacts): boolean {
    const registered =
      (principal.roles.includes('registrar') || principal.roles.includes('agent')) &&
      (principal.username === petition.registeredBy || principal.unitCode === petition.receivingUnitCode);
    const handling =
      (principal.roles.includes('handler') || principal.roles.includes('unit-head')) &&
      principal.unitCode === petition.competentUnitCode;
    return registered || handling;
  }

  /**
   * Where a caller sees petitioners' data in clear (seesPersonalData), as the columns a list narrows to,
   * so that a search by a petitioner's name or ID number finds only cases whose petitioners the caller
   * may see anyway; null where they see them nowhere (supervisors, for one).
   */
  personalDataReach(principal: Principal): { registeredBy?: string; receivingUnitCode?: string; competentUnitCode?: string } | null {
    const reach: { registeredBy?: string; receivingUnitCode?: string; competentUnitCode?: string } = {};
    if (principal.roles.includes('registrar') || principal.roles.includes('agent')) {
      reach.registeredBy = principal.username;
      reach.receivingUnitCode = principal.unitCode;
    }
    if (principal.roles.includes('handler') || principal.roles.includes('unit-head')) reach.competentUnitCode = principal.unitCode;
    return Object.keys(reach).length > 0 ? reach : null;
  }

  /**
   * The unit whose accusation content the caller reads (canReadContent): their own, when it is a
   * discipline inspection unit; null otherwise. A keyword search matches accusations' text only there.
   */
  async accusationContentUnit(principal: Principal): Promise<string | null> {
    return (await this.org.unit(principal.unitCode))?.kind === 'discipline-inspection' ? principal.unitCode : null;
  }

  /**
   * 群众代表 register: kept by the staff of a petition office (registrars, handlers, unit heads) for
   * their own region and the regions below it.
   */
  async keepsRepresentativesOf(principal: Principal, regionCode: string): Promise<boolean> {
    if (!principal.roles.some((role) => REGISTER_KEEPERS.includes(role))) return false;
    const unit = await this.org.unit(principal.unitCode);
    if (unit?.kind !== 'petition-office') return false;
    return this.org.isWithin(regionCode, unit.regionCode);
  }

  /**
   * The regions whose representatives a caller may look up (to invite them): their own region, the
   * regions below it and those above it. Null for those who work on no cases.
   */
  async representativeRegions(principal: Principal): Promise<string[] | null> {
    if (!hasCaseRole(principal)) return null;
    const unit = await this.org.unit(principal.unitCode);
    if (!unit) return null;
    const [below, chain] = await Promise.all([this.org.regionsWithin(unit.regionCode), this.org.regionChain(unit.regionCode)]);
    return [...new Set([...below, ...chain.map((r) => r.code)])];
  }

  /**
   * Who works on a case itself (invites a public representative, records their opinion): the handlers
   * and unit heads of the unit holding it, or of a body reviewing it.
   */
  worksOnCase(principal: Principal, petition: PetitionFacts, reviewingUnitCodes: string[]): boolean {
    if (!principal.roles.includes('handler') && !principal.roles.includes('unit-head')) return false;
    return principal.unitCode === petition.competentUnitCode || reviewingUnitCodes.includes(principal.unitCode);
  }

  /**
   * Who adds files (附件) to a case: the registrars and agents who took it in, with the materials handed
   * in at the desk; the handlers and unit heads of the unit holding it or reviewing it, at any stage
   * (evidence gathered, the reply's annexes). Reading them is canReadPetition and canReadContent.
   */
  addsAttachments(principal: Principal, petition: PetitionFacts, stage: string, reviewingUnitCodes: string[]): boolean {
    if (this.worksOnCase(principal, petition, reviewingUnitCodes)) return true;
    const tookItIn =
      (principal.roles.includes('registrar') || principal.roles.includes('agent')) &&
      (principal.username === petition.registeredBy || principal.unitCode === petition.receivingUnitCode);
    return stage === 'materials' && tookItIn;
  }

  /**
   * The staff of the unit that sends a notice (registrars, handlers, unit heads): they print and post
   * its letters and answer for its failed deliveries (correct the contact, send again), so they see
   * the recipient's address and contact in clear, which posting and correcting need.
   */
  sendsNoticesOf(principal: Principal, unitCode: string | null): boolean {
    return principal.unitCode === unitCode && principal.roles.some((role) => NOTICE_SENDERS.includes(role));
  }

  /** Who takes down a rating or a review request a petitioner gives by phone or in person: the registrars. */
  recordsForPetitioners(principal: Principal): boolean {
    return principal.roles.includes('registrar');
  }

  /** The kinds of task the caller may act on (tasks are offered to units; roles decide who in the unit). */
  stepsFor(principal: Principal): StepKey[] {
    return (Object.keys(STEP_ROLES) as StepKey[]).filter((step) => mayActOn(principal, step));
  }

  mayActOn(principal: Principal, step: string): boolean {
    return mayActOn(principal, step);
  }

  /** Whether a colleague with these roles may do the step (who a task can be handed to). */
  rolesActOn(roles: readonly Role[], step: string): boolean {
    return mayActOn({ roles: [...roles] } as unknown as Principal, step);
  }

  /**
   * 办件台: a claimed task of the caller's unit goes back to the unit's pool at the request of the
   * person holding it or of the unit head (who answers for the unit's work).
   */
  releasesTask(principal: Principal, assignee: string | null): boolean {
    return !!assignee && (assignee === principal.username || principal.roles.includes('unit-head'));
  }

  /** Only the unit head hands a task of the unit to a named colleague (改派). */
  reassignsTasks(principal: Principal): boolean {
    return principal.roles.includes('unit-head');
  }

  /** Only the person holding a task delegates it (委托), and gets it back when the delegate is done. */
  delegatesTask(principal: Principal, assignee: string | null, delegationPending: boolean): boolean {
    return assignee === principal.username && !delegationPending;
  }

  /**
   * Where a caller's oversight reaches: a supervisor's region and every region below it (`null`
   * regions: the whole organisation, for the city at the top), anyone else their own unit.
   */
  async reach(principal: Principal): Promise<{ unitCode: string } | { regionCode: string; regionCodes: string[] | null } | null> {
    const unit = await this.org.unit(principal.unitCode);
    if (!unit) return null;
    if (!principal.roles.includes('supervisor')) return { unitCode: unit.code };
    const region = await this.org.region(unit.regionCode);
    return { regionCode: unit.regionCode, regionCodes: region?.parentCode ? await this.org.regionsWithin(unit.regionCode) : null };
  }

  /** The units within the caller's reach. */
  async unitsInReach(principal: Principal): Promise<string[]> {
    const reach = await this.reach(principal);
    if (!reach) return [];
    if ('unitCode' in reach) return [reach.unitCode];
    const units = await this.org.units();
    if (reach.regionCodes === null) return units.map((u) => u.code);
    const regions = new Set(reach.regionCodes);
    return units.filter((u) => regions.has(u.regionCode)).map((u) => u.code);
  }

  /** What lists of petitions are narrowed to. */
  async scope(principal: Principal): Promise<PetitionScope | null> {
    if (!hasCaseRole(principal)) return null;
    const reach = principal.roles.includes('supervisor') ? await this.reach(principal) : null;
    const regionCodes = reach && 'regionCode' in reach ? (reach.regionCodes ?? (await this.org.regionsWithin(reach.regionCode))) : [];
    return { unitCode: principal.unitCode, username: principal.username, regionCodes };
  }
}

function hasCaseRole(principal: Principal): boolean {
  return principal.roles.some((role) => CASE_ROLES.includes(role));
}

function mayActOn(principal: Principal, step: string): boolean {
  const roles = STEP_ROLES[step as StepKey];
  return !!roles && principal.roles.some((role) => roles.includes(role));
}

import type { Principal } from '../auth/principal';
import type { OrgService } from '../org/org.service';
import type { Petition } from './petition.entity';

/**
 * Who may read a petition: the unit where it came in (first-handler responsibility) and the person
 * who keyed it in (an online or phone petition enters at the region's office), any unit
 * that has held it, and supervisors whose region contains it. Everyone else gets a 404, so that
 * existence is not revealed either.
 */
export async function canReadPetition(
  principal: Principal,
  petition: Petition,
  holderUnitCodes: string[],
  org: OrgService,
): Promise<boolean> {
  if (principal.unitCode === petition.receivingUnitCode || principal.username === petition.registeredBy) return true;
  if (principal.unitCode === petition.competentUnitCode || holderUnitCodes.includes(principal.unitCode)) return true;
  if (principal.roles.includes('supervisor')) {
    const unit = await org.unit(principal.unitCode);
    return unit ? org.isWithin(petition.regionCode, unit.regionCode) : false;
  }
  return false;
}

/**
 * Accusation content is for the discipline inspection unit handling it and nobody else (Art. 29):
 * not the unit that registered it, not a unit it passed through, not the accused.
 */
export async function canReadContent(principal: Principal, petition: Petition, org: OrgService): Promise<boolean> {
  if (petition.category !== 'accusation') return true;
  if (principal.unitCode !== petition.competentUnitCode) return false;
  return (await org.unit(principal.unitCode))?.kind === 'discipline-inspection';
}

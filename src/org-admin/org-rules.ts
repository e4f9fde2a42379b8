import type { FieldProblem } from '../common/i18n/validation-messages';
import { LEVELS, Level, levelRank, UnitKind } from '../org/org.types';
import type { Region } from '../org/region.entity';
import type { Unit } from '../org/unit.entity';

/**
 * The organisation's rules, once: where a unit may stand, what a region code looks like, which
 * parent and reviewing body a unit may have. The administrator's forms (OrgAdminService) check one
 * change against the database; the organisation import checks a whole file against the database
 * and the file's own rows together. Both give a lookup, so the rules do not care where a unit is.
 */
export interface OrgLookup {
  region(code: string): Promise<Pick<Region, 'code' | 'name' | 'level'> | null>;
  unit(code: string): Promise<Pick<Unit, 'code' | 'kind' | 'regionCode' | 'parentUnitCode' | 'active'> | null>;
}

/** Where each kind of unit may stand in the four tiers. */
export const KIND_LEVELS: Record<UnitKind, Level[]> = {
  'petition-office': ['city', 'county', 'township'],
  leadership: ['city', 'county', 'township'],
  'handling-room': ['city', 'county'],
  department: ['city', 'county'],
  'discipline-inspection': ['city', 'county'],
  'member-body': ['township'],
  'agent-station': ['village'],
};

export const REGION_CODE_PATTERN: Record<Level, RegExp> = {
  city: /^\d{2}(?!00)\d{2}00$/,
  county: /^\d{4}(?!00)\d{2}$/,
  township: /^\d{6}(?!000)\d{3}$/,
  village: /^\d{9}(?!000)\d{3}$/,
};

const UNIT_CODE_SUFFIX = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function regionProblems(
  region: { code: string; level: Level },
  parentCode: string | null,
  parent: Pick<Region, 'code' | 'name' | 'level'> | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!REGION_CODE_PATTERN[region.level].test(region.code)) {
    problems.push({ field: 'code', code: 'regionCodeFormat', params: { value: region.code, level: region.level } });
  }
  if (region.level === 'city') {
    if (parentCode) problems.push({ field: 'parentCode', code: 'cityHasNoParent' });
    return problems;
  }
  if (!parentCode) return [...problems, { field: 'parentCode', code: 'parentRegionRequired', params: { level: region.level } }];
  if (!parent) return [...problems, { field: 'parentCode', code: 'unknownParentRegion', params: { value: parentCode } }];
  const expected = LEVELS[levelRank(region.level) - 1];
  if (parent.level !== expected) {
    problems.push({
      field: 'parentCode',
      code: 'levelNotBelowParent',
      params: { level: region.level, expected, parentName: parent.name, parentLevel: parent.level },
    });
  } else if (problems.length === 0) {
    // GB/T 2260: a county shares its city's first 4 digits; below the county the code extends the parent's.
    const prefix = region.level === 'county' ? parent.code.slice(0, 4) : parent.code;
    if (!region.code.startsWith(prefix)) {
      problems.push({
        field: 'code',
        code: 'regionCodeNotUnderParent',
        params: { value: region.code, prefix, parentCode: parent.code, parentName: parent.name },
      });
    }
  }
  return problems;
}

/** A unit's code is its region's code, a hyphen and a readable suffix: it is the engine's candidate group. */
export function unitCodeProblems(code: string, regionCode: string): FieldProblem[] {
  if (code.startsWith(`${regionCode}-`) && UNIT_CODE_SUFFIX.test(code.slice(regionCode.length + 1))) return [];
  return [{ field: 'code', code: 'unitCodeFormat', params: { value: code, regionCode } }];
}

export function kindProblems(kind: UnitKind, region: Pick<Region, 'name' | 'level'>): FieldProblem[] {
  const allowed = KIND_LEVELS[kind];
  if (allowed.includes(region.level)) return [];
  const params = { kind, level: region.level, allowed: allowed.join(','), regionName: region.name };
  return [{ field: 'kind', code: 'unitKindLevel', params }];
}

/** A reviewing body named by the administrator: an active unit at a higher tier (Art. 35: the body one level up). */
export async function reviewingBodyProblems(
  lookup: OrgLookup,
  unit: { regionCode: string },
  reviewingUnitCode: string | null,
): Promise<FieldProblem[]> {
  const field = 'reviewingUnitCode';
  if (!reviewingUnitCode) return [];
  const body = await lookup.unit(reviewingUnitCode);
  if (!body?.active) return [{ field, code: 'unknownReviewingUnit', params: { value: reviewingUnitCode } }];
  const [own, theirs] = await Promise.all([lookup.region(unit.regionCode), lookup.region(body.regionCode)]);
  if (!own || !theirs || levelRank(theirs.level) >= levelRank(own.level)) {
    return [{ field, code: 'reviewingUnitNotAbove', params: { value: reviewingUnitCode } }];
  }
  return [];
}

export async function parentProblems(
  lookup: OrgLookup,
  unit: { code: string; kind: UnitKind; regionCode: string },
  parentUnitCode: string | null,
): Promise<FieldProblem[]> {
  const field = 'parentUnitCode';
  if (!parentUnitCode) return unit.kind === 'member-body' ? [{ field, code: 'memberBodyParent' }] : [];
  const parent = await lookup.unit(parentUnitCode);
  if (!parent) return [{ field, code: 'unknownParentUnit', params: { value: parentUnitCode } }];
  if (!parent.active) return [{ field, code: 'parentUnitInactive', params: { value: parentUnitCode } }];
  if (parent.regionCode !== unit.regionCode) {
    const params = { value: parentUnitCode, parentRegionCode: parent.regionCode, regionCode: unit.regionCode };
    return [{ field, code: 'parentUnitOtherRegion', params }];
  }
  if (unit.kind === 'member-body' && parent.kind !== 'petition-office') return [{ field, code: 'memberBodyParent' }];
  // No unit may end up above itself.
  const seen = new Set<string>();
  for (let cursor: Awaited<ReturnType<OrgLookup['unit']>> = parent; cursor; ) {
    if (cursor.code === unit.code) return [{ field, code: 'parentUnitCycle', params: { value: parentUnitCode } }];
    if (!cursor.parentUnitCode || seen.has(cursor.code)) break;
    seen.add(cursor.code);
    cursor = await lookup.unit(cursor.parentUnitCode);
  }
  return [];
}

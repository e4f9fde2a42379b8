import type { Level } from '../org/org.types';

/** The tally scope of one unit. */
export function unitScope(unitCode: string): string {
  return `u:${unitCode}`;
}

/** The tally scope of a region (all units in it and below), or of one tier of units within it. */
export function regionScope(regionCode: string, level?: Level): string {
  return level ? `r:${regionCode}:${level}` : `r:${regionCode}`;
}

/** Every scope a unit's fact adds to: the unit, each region it lies in, and its tier within each. */
export function scopesOfUnit(unitCode: string, unitLevel: Level, regionChain: readonly string[]): string[] {
  return [unitScope(unitCode), ...regionChain.flatMap((region) => [regionScope(region), regionScope(region, unitLevel)])];
}

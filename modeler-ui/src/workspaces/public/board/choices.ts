import type { BoardRegion, BoardUnit } from './api';

export interface RegionOption {
  code: string;
  name: string;
  depth: number;
}

/** The regions as a tree read top-down (each followed by the regions below it), with their depth. */
export function regionOptions(regions: readonly BoardRegion[]): RegionOption[] {
  const known = new Set(regions.map((r) => r.code));
  const children = new Map<string | null, BoardRegion[]>();
  for (const region of regions) {
    const parent = region.parentCode && known.has(region.parentCode) ? region.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), region]);
  }
  const options: RegionOption[] = [];
  const visit = (parent: string | null, depth: number, seen: Set<string>) => {
    for (const region of [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) {
      if (seen.has(region.code)) continue;
      seen.add(region.code);
      options.push({ code: region.code, name: region.name, depth });
      visit(region.code, depth + 1, seen);
    }
  };
  visit(null, 0, new Set());
  return options;
}

/** The region and every region below it. */
export function regionsWithin(regions: readonly BoardRegion[], code: string): Set<string> {
  const within = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const region of regions) {
      if (region.parentCode && within.has(region.parentCode) && !within.has(region.code)) {
        within.add(region.code);
        grew = true;
      }
    }
  }
  return within;
}

/** The units a visitor may narrow the board of `regionCode` to: those in it or below it. */
export function unitsWithin(units: readonly BoardUnit[], regions: readonly BoardRegion[], regionCode: string | null): BoardUnit[] {
  if (!regionCode) return [...units];
  const within = regionsWithin(regions, regionCode);
  return units.filter((u) => within.has(u.regionCode));
}

/** A region's name, indented by its depth (ideographic spaces, which a select keeps). */
export function indented(option: RegionOption): string {
  return '\u3000'.repeat(option.depth) + option.name;
}

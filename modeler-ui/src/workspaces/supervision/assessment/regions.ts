// The caller's place in the region tree, for the region and county choosers: the region of the
// caller's unit, the regions below it, the counties a ranking of townships can be asked for.
import { ref } from 'vue';
import { session } from '@/auth/session';
import { fetchRegions, fetchUnits } from '../api';
import type { OrgRegion, OrgUnit } from '../types';

const RANK: Record<string, number> = { city: 0, county: 1, township: 2, village: 3 };

/** The chain from `code` up to the root (itself first); empty when the region is unknown. */
export function chainOf(regions: OrgRegion[], code: string | null | undefined): OrgRegion[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const chain: OrgRegion[] = [];
  for (let at = code ? byCode.get(code) : undefined; at && chain.length < 10; at = at.parentCode ? byCode.get(at.parentCode) : undefined) {
    chain.push(at);
  }
  return chain;
}

/** The region of the caller's unit, or null when it is not known. */
export function ownRegionCode(units: OrgUnit[], unitCode: string | null | undefined): string | null {
  return units.find((u) => u.code === unitCode)?.regionCode ?? null;
}

/**
 * The regions a chooser offers: `root` and every region below it down to `deepest`, each after its
 * parent (depth first, by code). Every region down to `deepest` when the root is unknown.
 */
export function regionsUnder(regions: OrgRegion[], root: string | null, deepest: keyof typeof RANK = 'township'): OrgRegion[] {
  const children = new Map<string | null, OrgRegion[]>();
  for (const region of regions) {
    if ((RANK[region.level] ?? 9) > RANK[deepest]!) continue;
    const list = children.get(region.parentCode) ?? [];
    list.push(region);
    children.set(region.parentCode, list);
  }
  const out: OrgRegion[] = [];
  const visit = (region: OrgRegion, depth: number) => {
    if (depth > 10) return;
    out.push(region);
    for (const child of (children.get(region.code) ?? []).sort((a, b) => a.code.localeCompare(b.code))) visit(child, depth + 1);
  };
  const top = root ? regions.filter((r) => r.code === root) : regions.filter((r) => !r.parentCode || !regions.some((p) => p.code === r.parentCode));
  for (const region of top.filter((r) => (RANK[r.level] ?? 9) <= RANK[deepest]!).sort((a, b) => a.code.localeCompare(b.code))) visit(region, 0);
  return out;
}

/**
 * The counties whose townships the caller may rank: below a city, its counties; at a county or
 * below, the county it lies in.
 */
export function countiesFor(regions: OrgRegion[], own: string | null): OrgRegion[] {
  const chain = chainOf(regions, own);
  const county = chain.find((r) => r.level === 'county');
  if (county) return [county];
  const root = chain[0]?.code ?? null;
  return regionsUnder(regions, root, 'county').filter((r) => r.level === 'county');
}

/** Loads the units and regions once per page; a failure leaves the choosers empty and says why. */
export function useRegions() {
  const regions = ref<OrgRegion[]>([]);
  const own = ref<string | null>(null);
  const error = ref('');
  const loaded = ref(false);

  async function load(): Promise<void> {
    error.value = '';
    try {
      const [units, all] = await Promise.all([fetchUnits(), fetchRegions()]);
      regions.value = Array.isArray(all) ? all : [];
      own.value = ownRegionCode(Array.isArray(units) ? units : [], session.state.user?.unitCode);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loaded.value = true;
    }
  }

  return { regions, own, error, loaded, load };
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Level, levelRank, UnitKind } from './org.types';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

interface OrgSnapshot {
  regions: Map<string, Region>;
  units: Map<string, Unit>;
  loadedAt: number;
}

// The tree is small and read on every routing decision; a short cache keeps separate worker processes
// close to the database without a cross-process invalidation channel.
const CACHE_MS = 30_000;

@Injectable()
export class OrgService {
  private snapshot: Promise<OrgSnapshot> | undefined;

  constructor(
    @InjectRepository(Region) private readonly regionRepo: Repository<Region>,
    @InjectRepository(Unit) private readonly unitRepo: Repository<Unit>,
  ) {}

  invalidate(): void {
    this.snapshot = undefined;
  }

  private async load(): Promise<OrgSnapshot> {
    const current = this.snapshot ? await this.snapshot : undefined;
    if (current && Date.now() - current.loadedAt < CACHE_MS) return current;
    this.snapshot = (async () => {
      const [regions, units] = await Promise.all([this.regionRepo.find(), this.unitRepo.find()]);
      return {
        regions: new Map(regions.map((r) => [r.code, r])),
        units: new Map(units.map((u) => [u.code, u])),
        loadedAt: Date.now(),
      };
    })();
    this.snapshot.catch(() => (this.snapshot = undefined));
    return this.snapshot;
  }

  async regions(): Promise<Region[]> {
    return [...(await this.load()).regions.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  async units(): Promise<Unit[]> {
    return [...(await this.load()).units.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  async region(code: string): Promise<Region | undefined> {
    return (await this.load()).regions.get(code);
  }

  async unit(code: string): Promise<Unit | undefined> {
    return (await this.load()).units.get(code);
  }

  /** The region and its ancestors, nearest first. */
  async regionChain(code: string): Promise<Region[]> {
    const { regions } = await this.load();
    const chain: Region[] = [];
    for (let region = regions.get(code); region; region = region.parentCode ? regions.get(region.parentCode) : undefined) {
      chain.push(region);
    }
    return chain;
  }

  /**
   * The county (district) a region lies in, from the region tree: its county-level ancestor, or the
   * region itself when it is above the county level (the city). Petitions are numbered per county,
   * and routing.dmn takes the county as an input.
   */
  async countyCodeOf(regionCode: string): Promise<string> {
    const chain = await this.regionChain(regionCode);
    if (chain.length === 0) throw new Error(`Region ${regionCode} does not exist`);
    return (chain.find((r) => r.level === 'county') ?? chain[0]).code;
  }

  /**
   * The unit of `kind` at `level` above (or at) the petition's region. A matter cannot be routed below
   * the region it concerns, so a level lower than the region's own is raised to it.
   */
  async competentUnit(regionCode: string, level: Level, kind: UnitKind): Promise<Unit> {
    const chain = await this.regionChain(regionCode);
    if (chain.length === 0) throw new Error(`Region ${regionCode} does not exist`);
    const target = chain.find((r) => levelRank(r.level) <= levelRank(level)) ?? chain[chain.length - 1];
    const candidates = (await this.units()).filter((u) => u.active && u.regionCode === target.code && u.kind === kind);
    if (candidates.length === 0) {
      throw new Error(`No ${kind} unit exists in region ${target.code} (${target.name}); add one or change routing.dmn`);
    }
    return candidates[0];
  }

  /** True when `regionCode` is `ancestorCode` or lies below it. */
  async isWithin(regionCode: string, ancestorCode: string): Promise<boolean> {
    return (await this.regionChain(regionCode)).some((r) => r.code === ancestorCode);
  }

  /** The region and every region below it. */
  async regionsWithin(ancestorCode: string): Promise<string[]> {
    const { regions } = await this.load();
    const within: string[] = [];
    for (const region of regions.values()) {
      if (await this.isWithin(region.code, ancestorCode)) within.push(region.code);
    }
    return within;
  }

  async requireUnit(code: string): Promise<Unit> {
    const unit = await this.unit(code);
    if (!unit) throw new Error(`Unit ${code} does not exist`);
    return unit;
  }

  async levelOf(unit: Unit): Promise<Level> {
    const region = await this.region(unit.regionCode);
    if (!region) throw new Error(`Unit ${unit.code} lies in unknown region ${unit.regionCode}`);
    return region.level;
  }

  /** The petition office serving a region: its own, or (for a village) the nearest one above. */
  async petitionOfficeFor(regionCode: string): Promise<Unit> {
    const units = await this.units();
    for (const region of await this.regionChain(regionCode)) {
      const office = units.find((u) => u.active && u.regionCode === region.code && u.kind === 'petition-office');
      if (office) return office;
    }
    throw new Error(`No petition office serves region ${regionCode}`);
  }

  /**
   * Where a unit reports up to: its region's petition office, or, for that office itself, the
   * petition office of the region above. Null at the top (the city).
   */
  async reportUpTarget(unit: Unit): Promise<Unit | null> {
    const chain = await this.regionChain(unit.regionCode);
    const own = await this.petitionOfficeFor(unit.regionCode);
    if (own.code !== unit.code && own.regionCode === unit.regionCode) return own;
    const parent = chain.find((r) => r.code !== unit.regionCode && levelRank(r.level) < levelRank(chain[0].level));
    return parent ? this.petitionOfficeFor(parent.code) : null;
  }

  /**
   * The petition office of the nearest region above both units that is not itself a party:
   * it settles their competence dispute (no ping-pong between the two).
   */
  async nearestCommonSuperior(a: Unit, b: Unit): Promise<Unit> {
    const chainA = await this.regionChain(a.regionCode);
    const inB = new Set((await this.regionChain(b.regionCode)).map((r) => r.code));
    for (const region of chainA.filter((r) => inB.has(r.code))) {
      const office = await this.petitionOfficeFor(region.code);
      if (office.code !== a.code && office.code !== b.code) return office;
    }
    throw new Error(`Units ${a.code} and ${b.code} have no common superior that is not a party`);
  }

  /**
   * The petition office that supervises a unit's overdue work (督办): the one a level up. At the top
   * (the city) there is none above, and the city's own office supervises.
   */
  async supervisingOfficeFor(unit: Unit): Promise<Unit> {
    const chain = await this.regionChain(unit.regionCode);
    const own = chain[0];
    const parent = chain.find((r) => levelRank(r.level) < levelRank(own.level));
    return this.petitionOfficeFor(parent?.code ?? own.code);
  }

  /**
   * The body that reviews a unit's written opinion (复查 of a reply, Art. 35; 复核 of a review opinion,
   * Art. 36): the one an administrator named for the unit, else the nearest unit above it in the tree
   * at a higher tier, else the petition office a tier up. Null for the city's own units: their reviewing
   * body is provincial, outside this system.
   */
  async reviewingBodyFor(unit: Unit): Promise<Unit | null> {
    const own = levelRank(await this.levelOf(unit));
    const above = async (candidate: Unit | undefined) => !!candidate?.active && levelRank(await this.levelOf(candidate)) < own;
    if (unit.reviewingUnitCode) {
      const named = await this.unit(unit.reviewingUnitCode);
      if (named?.active) return named;
    }
    const seen = new Set<string>([unit.code]);
    for (let parent = unit.parentUnitCode ? await this.unit(unit.parentUnitCode) : undefined; parent && !seen.has(parent.code); ) {
      if (await above(parent)) return parent;
      seen.add(parent.code);
      parent = parent.parentUnitCode ? await this.unit(parent.parentUnitCode) : undefined;
    }
    const office = await this.supervisingOfficeFor(unit);
    return (await above(office)) ? office : null;
  }

  /**
   * The body with management authority over a unit (有管理权限的机关), to whom a disciplinary
   * recommendation is addressed: its parent unit, otherwise its region's leadership.
   */
  async managementBodyFor(unit: Unit): Promise<Unit> {
    if (unit.parentUnitCode) {
      const parent = await this.unit(unit.parentUnitCode);
      if (parent?.active) return parent;
    }
    const [leadership] = await this.leadershipFor(unit.regionCode);
    return leadership ?? this.supervisingOfficeFor(unit);
  }

  /** Leadership (党委政府) units of a region and the region above it, for leader direct reports. */
  async leadershipFor(regionCode: string): Promise<Unit[]> {
    const chain = (await this.regionChain(regionCode)).filter((r) => r.level !== 'village');
    const units = await this.units();
    return chain
      .slice(0, 2)
      .flatMap((region) => units.filter((u) => u.active && u.regionCode === region.code && u.kind === 'leadership'));
  }
}

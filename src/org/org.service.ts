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
   * The unit of `kind` at `level` above (or at) the petition's region. A matter cannot be routed below
   * the region it concerns, so a level lower than the region's own is raised to it.
   */
  async competentUnit(regionCode: string, level: Level, kind: UnitKind): Promise<Unit> {
    const chain = await this.regionChain(regionCode);
    if (chain.length === 0) throw new Error(`Region ${regionCode} does not exist`);
    const target = chain.find((r) => levelRank(r.level) <= levelRank(level)) ?? chain[chain.length - 1];
    const candidates = (await this.units()).filter((u) => u.regionCode === target.code && u.kind === kind);
    if (candidates.length === 0) {
      throw new Error(`No ${kind} unit exists in region ${target.code} (${target.name}); add one or change routing.dmn`);
    }
    return candidates[0];
  }

  /** True when `regionCode` is `ancestorCode` or lies below it. */
  async isWithin(regionCode: string, ancestorCode: string): Promise<boolean> {
    return (await this.regionChain(regionCode)).some((r) => r.code === ancestorCode);
  }
}

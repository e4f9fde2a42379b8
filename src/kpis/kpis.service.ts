import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { AssessmentFact, AssessmentMetric } from '../assessment/assessment-fact.entity';
import { regionScope, unitScope } from '../assessment/assessment-scopes';
import { AssessmentTally } from '../assessment/assessment-tally.entity';
import type { Principal } from '../auth/principal';
import { LocalizedHttpError } from '../common/errors';
import { LEVELS, levelRank, type Level } from '../org/org.types';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import type { KpiCasesQueryDto, KpiGrouping, KpiPeriodDto, KpiQueryDto } from './dto/kpi-query.dto';
import { COUNTS, CountName, FactCount, kpisOf, OVERDUE_METRICS, RateName, rateDescriptions, RATES, UnitKpis } from './kpi-formulas';

/** Periods longer than this are a report, not a dashboard. */
const MAX_MONTHS = 36;

/** The most cases one drill-down export holds; a larger figure is narrowed by unit or month. */
export const CASES_EXPORT_LIMIT = 10_000;

/** One row of the KPI table: a unit, a region (all units in and below it) or a tier of units within a region. */
export interface KpiRow extends UnitKpis {
  code: string;
  name: string;
  level: Level | null;
  kind: 'unit' | 'region' | 'tier';
}

export interface KpiReport {
  from: string;
  to: string;
  by: KpiGrouping;
  /** The formula, source and metric of each rate, as the figures were computed. */
  formulas: ReturnType<typeof rateDescriptions>;
  /** The metric to drill into behind each figure (overdue: every step done late). */
  drill: Record<RateName | CountName, AssessmentMetric | null>;
  rows: KpiRow[];
}

export interface KpiTrend {
  months: string[];
  rates: Record<RateName, (number | null)[]>;
  counts: Record<CountName, number[]>;
}

export interface KpiCase {
  petitionId: string;
  number: string;
  category: string;
  doneAt: string;
  dueAt: string | null;
  met: boolean;
}

interface Scope {
  key: string;
  row: Omit<KpiRow, keyof UnitKpis>;
  /** The region of a region or tier row. */
  region?: string;
}

const NOT_IN_REACH = (what: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `${what} 不存在或不在您的管辖范围内`, en: `${what} does not exist or is not within your reach` });

/** Unit KPIs over a period, read from the tallies of the assessment facts, within the caller's reach. */
@Injectable()
export class KpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly org: OrgService,
    private readonly petitions: PetitionRepository,
  ) {}

  async report(principal: Principal, query: KpiQueryDto): Promise<KpiReport> {
    assertPeriod(query);
    const by = query.by ?? 'unit';
    const scopes = await this.scopesFor(principal, query, by);
    const tallies = await this.tallies(scopes.map((s) => s.key), query.from, query.to);
    return {
      from: query.from,
      to: query.to,
      by,
      formulas: rateDescriptions(),
      drill: drillMetrics(),
      rows: scopes.map((scope) => ({ ...scope.row, ...kpisOf(tallies.get(scope.key) ?? []) })),
    };
  }

  /** The KPIs of units (by code) for a period, for scoring: no caller, no reach. */
  async kpisOfUnits(unitCodes: readonly string[], from: string, to: string): Promise<Map<string, UnitKpis>> {
    const tallies = await this.tallies(unitCodes.map(unitScope), from, to);
    return new Map(unitCodes.map((code) => [code, kpisOf(tallies.get(unitScope(code)) ?? [])]));
  }

  /** The KPIs of regions (by code; every unit in and below each) for a period, for scoring: no caller, no reach. */
  async kpisOfRegions(regionCodes: readonly string[], from: string, to: string): Promise<Map<string, UnitKpis>> {
    const tallies = await this.tallies(regionCodes.map((code) => regionScope(code)), from, to);
    return new Map(regionCodes.map((code) => [code, kpisOf(tallies.get(regionScope(code)) ?? [])]));
  }

  /** Month by month, for one unit or region (the caller's own when neither is named). */
  async trend(principal: Principal, query: KpiPeriodDto): Promise<KpiTrend> {
    assertPeriod(query);
    const scope = await this.singleScope(principal, query);
    const rows = await this.dataSource
      .getRepository(AssessmentTally)
      .createQueryBuilder('t')
      .select(['t.period AS period', 't.metric AS metric', 'SUM(t.met) AS met', 'SUM(t.total) AS total'])
      .where('t.scope = :scope', { scope: scope.key })
      .andWhere('t.period >= :from AND t.period <= :to', { from: query.from, to: query.to })
      .groupBy('t.period')
      .addGroupBy('t.metric')
      .getRawMany<{ period: string; metric: AssessmentMetric; met: string | number; total: string | number }>();
    const months = monthsOf(query.from, query.to);
    const kpis = months.map((month) =>
      kpisOf(rows.filter((row) => row.period === month).map((row) => ({ metric: row.metric, met: Number(row.met), all: Number(row.total) }))),
    );
    const rateNames = Object.keys(RATES) as RateName[];
    const countNames = [...COUNTS, 'overdue'] as CountName[];
    return {
      months,
      rates: Object.fromEntries(rateNames.map((name) => [name, kpis.map((k) => k.rates[name].rate)])) as KpiTrend['rates'],
      counts: Object.fromEntries(countNames.map((name) => [name, kpis.map((k) => k.counts[name])])) as KpiTrend['counts'],
    };
  }

  /** The cases behind a figure: the facts of a metric (or every late step) of one unit or region in the period. */
  async cases(principal: Principal, query: KpiCasesQueryDto): Promise<{ total: number; items: KpiCase[] }> {
    const pageSize = query.pageSize ?? 20;
    return this.caseRows(principal, query, ((query.page ?? 1) - 1) * pageSize, pageSize);
  }

  /** Every case behind a figure, newest first, for the export (at most CASES_EXPORT_LIMIT; `total` says how many there are). */
  casesForExport(principal: Principal, query: KpiCasesQueryDto): Promise<{ total: number; items: KpiCase[] }> {
    return this.caseRows(principal, query, 0, CASES_EXPORT_LIMIT);
  }

  private async caseRows(principal: Principal, query: KpiCasesQueryDto, offset: number, limit: number): Promise<{ total: number; items: KpiCase[] }> {
    assertPeriod(query);
    if (!query.metric && !query.missed) {
      throw new LocalizedHttpError(400, { 'zh-CN': '请指明指标（metric），或只查超期事项（missed=true）', en: 'Name a metric, or ask for the late steps only (missed=true)' });
    }
    const scope = await this.singleScope(principal, query);
    const units = scope.row.kind === 'unit' ? [scope.row.code] : await this.unitsWithin(scope.region!, scope.row.kind === 'tier' ? scope.row.level : null);
    if (units.length === 0) return { total: 0, items: [] };
    const builder = this.dataSource
      .getRepository(AssessmentFact)
      .createQueryBuilder('f')
      .where({ unitCode: In(units) })
      .andWhere('f.period >= :from AND f.period <= :to', { from: query.from, to: query.to })
      .andWhere(query.metric ? 'f.metric = :metric' : 'f.metric IN (:...metrics)', { metric: query.metric, metrics: OVERDUE_METRICS });
    if (query.missed !== undefined) builder.andWhere(new Brackets((w) => w.where('f.met = :met', { met: !query.missed })));
    const [facts, total] = await builder
      .orderBy('f.doneAt', 'DESC')
      .addOrderBy('f.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    const petitions = facts.length === 0 ? new Map<string, Petition>() : await this.petitions.byIds([...new Set(facts.map((f) => f.petitionId))]);
    return {
      total,
      items: facts.map((fact) => ({
        petitionId: fact.petitionId,
        number: petitions.get(fact.petitionId)?.number ?? '',
        category: petitions.get(fact.petitionId)?.category ?? '',
        doneAt: fact.doneAt.toISOString(),
        dueAt: fact.dueAt?.toISOString() ?? null,
        met: fact.met,
      })),
    };
  }

  /** The rows asked for, each a tally scope, within the caller's reach. */
  private async scopesFor(principal: Principal, query: KpiQueryDto, by: KpiGrouping): Promise<Scope[]> {
    if (by === 'unit') {
      const reach = await this.access.unitsInReach(principal);
      let units = reach;
      if (query.unitCode) {
        units = reach.filter((code) => code === query.unitCode);
        if (units.length === 0) throw NOT_IN_REACH(`单位 ${query.unitCode}`);
      } else if (query.regionCode) {
        const region = await this.regionInReach(principal, query.regionCode);
        const all = await this.org.units();
        const inRegion = new Set(all.filter((u) => u.regionCode === region).map((u) => u.code));
        units = reach.filter((code) => inRegion.has(code));
      }
      return Promise.all(units.sort().map((code) => this.unitRow(code)));
    }
    const base = await this.regionInReach(principal, query.regionCode);
    const region = (await this.org.region(base))!;
    if (by === 'region') {
      const children = (await this.org.regions()).filter((r) => r.parentCode === base).sort((a, b) => a.code.localeCompare(b.code));
      return [region, ...children].map((r) => ({ key: regionScope(r.code), region: r.code, row: { code: r.code, name: r.name, level: r.level, kind: 'region' as const } }));
    }
    return LEVELS.filter((level) => levelRank(level) >= levelRank(region.level)).map((level) => tierScope(region, level));
  }

  /** One unit or region: the one named, else the caller's region (a supervisor) or unit. */
  private async singleScope(principal: Principal, query: KpiPeriodDto): Promise<Scope> {
    if (query.unitCode) {
      const reach = await this.access.unitsInReach(principal);
      if (!reach.includes(query.unitCode)) throw NOT_IN_REACH(`单位 ${query.unitCode}`);
      return this.unitRow(query.unitCode);
    }
    const reach = await this.access.reach(principal);
    if (reach && 'unitCode' in reach && !query.regionCode) return this.unitRow(reach.unitCode);
    const code = await this.regionInReach(principal, query.regionCode);
    const region = (await this.org.region(code))!;
    if (query.level) return tierScope(region, query.level);
    return { key: regionScope(code), region: code, row: { code, name: region.name, level: region.level, kind: 'region' } };
  }

  /** A region a supervisor oversees (their own by default); others oversee no region. */
  private async regionInReach(principal: Principal, regionCode?: string): Promise<string> {
    const reach = await this.access.reach(principal);
    if (!reach || !('regionCode' in reach)) {
      throw new LocalizedHttpError(403, { 'zh-CN': '按区域或层级汇总仅供督查人员查看', en: 'Figures by region or tier are for supervisors' });
    }
    const code = regionCode ?? reach.regionCode;
    const known = await this.org.region(code);
    if (!known || (reach.regionCodes !== null && !reach.regionCodes.includes(code))) throw NOT_IN_REACH(`区域 ${code}`);
    return code;
  }

  /** The units in and below a region, or only those of one tier. */
  private async unitsWithin(regionCode: string, level: Level | null): Promise<string[]> {
    const within = new Set(await this.org.regionsWithin(regionCode));
    const regions = new Map((await this.org.regions()).map((r) => [r.code, r.level]));
    return (await this.org.units()).filter((u) => within.has(u.regionCode) && (!level || regions.get(u.regionCode) === level)).map((u) => u.code);
  }

  private async unitRow(code: string): Promise<Scope> {
    const unit = await this.org.unit(code);
    const level = unit ? ((await this.org.region(unit.regionCode))?.level ?? null) : null;
    return { key: unitScope(code), row: { code, name: unit?.name ?? code, level, kind: 'unit' } };
  }

  /** The tallies of the scopes over the period, by scope. */
  private async tallies(scopes: readonly string[], from: string, to: string): Promise<Map<string, FactCount[]>> {
    const byScope = new Map<string, FactCount[]>();
    for (let i = 0; i < scopes.length; i += 500) {
      const chunk = scopes.slice(i, i + 500);
      const rows = await this.dataSource
        .getRepository(AssessmentTally)
        .createQueryBuilder('t')
        .select('t.scope', 'scope')
        .addSelect('t.metric', 'metric')
        .addSelect('SUM(t.met)', 'met')
        .addSelect('SUM(t.total)', 'total')
        .where({ scope: In(chunk) })
        .andWhere('t.period >= :from AND t.period <= :to', { from, to })
        .groupBy('t.scope')
        .addGroupBy('t.metric')
        .getRawMany<{ scope: string; metric: AssessmentMetric; met: string | number; total: string | number }>();
      for (const row of rows) {
        const counts = byScope.get(row.scope) ?? [];
        counts.push({ metric: row.metric, met: Number(row.met), all: Number(row.total) });
        byScope.set(row.scope, counts);
      }
    }
    return byScope;
  }
}

/** One tier of units within a region (its code reads `<region>:<level>`). */
function tierScope(region: { code: string; name: string }, level: Level): Scope {
  return { key: regionScope(region.code, level), region: region.code, row: { code: `${region.code}:${level}`, name: region.name, level, kind: 'tier' } };
}

function drillMetrics(): KpiReport['drill'] {
  const rates = Object.fromEntries((Object.keys(RATES) as RateName[]).map((name) => [name, RATES[name].metric]));
  const counts = Object.fromEntries(COUNTS.map((metric) => [metric, metric]));
  return { ...rates, ...counts, overdue: null } as KpiReport['drill'];
}

function assertPeriod({ from, to }: { from: string; to: string }): void {
  const months = monthsBetween(from, to);
  if (months < 1 || months > MAX_MONTHS) {
    throw new LocalizedHttpError(400, {
      'zh-CN': `统计期间须为 1 至 ${MAX_MONTHS} 个月，且开始月份不晚于结束月份`,
      en: `The period is 1 to ${MAX_MONTHS} months, its first month not after its last`,
    });
  }
}

/** How many months from `from` to `to`, both included (0 or less when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The months from `from` to `to`, both included. */
export function monthsOf(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number);
  return Array.from({ length: Math.max(0, monthsBetween(from, to)) }, (_, i) => {
    const index = fy * 12 + (fm - 1) + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { COUNTS, CountName, RateName, RATES, rateDescriptions } from '../kpis/kpi-formulas';
import { PetitionRepository } from '../petitions/petition.repository';
import { KpisService } from '../kpis/kpis.service';
import { LEVELS } from '../org/org.types';
import { OrgService } from '../org/org.service';
import type { Region } from '../org/region.entity';
import { Petition } from '../petitions/petition.entity';
import { CATEGORIES, CHANNELS, PETITION_STATUSES, REVIEW_OUTCOMES, REVIEW_STAGES, type ReviewStage } from '../petitions/petition.types';
import { PetitionReview } from '../review/petition-review.entity';
import type { AnnualReport, EntryTier, OverdueUnit, Outcome, ReviewFigures } from './annual-report.types';
import { FIRST_YEAR, OUTCOMES } from './annual-report.types';
import { CATEGORY_ORDER } from './annual-report-labels';
import { WordTally } from './subject-words';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const TOP_UNITS = 10;
const TOP_WORDS = 20;
/** Subjects are read in pages of this many, so a city's year never sits in memory at once. */
const SUBJECT_PAGE = 5000;

type Raw = Record<string, string | number | null>;

/** The columns the year's petitions are counted by. */
const GROUP_COLUMNS = ['category', 'channel', 'entryLevel', 'status'] as const;
type GroupColumn = (typeof GROUP_COLUMNS)[number];

const NOT_IN_REACH = (code: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `区域 ${code} 不存在或不在您的管辖范围内`, en: `Region ${code} does not exist or is not within your reach` });

/** The first moment of a month in China time (month 0–12 of `year`; 12 is next January). */
function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS);
}

const num = (value: unknown) => Number(value ?? 0) || 0;

/**
 * 信访工作年度报告 (Art. 41): gathers every figure of a region and year once; the JSON answer, the PDF
 * and the workbook are drawn from the same object, so the three never disagree.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly org: OrgService,
    private readonly kpis: KpisService,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
  ) {}

  async report(principal: Principal, query: { regionCode?: string; year: number }): Promise<AnnualReport> {
    const now = this.clock.now();
    const year = this.assertYear(query.year, now);
    const region = await this.regionInReach(principal, query.regionCode);
    const within = await this.org.regionsWithin(region.code);
    // The whole tree (the city at the top) needs no region filter: every petition lies in it.
    const regions = within.length === (await this.org.regions()).length ? null : within;
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const range = { from: monthStart(year, 0), to: monthStart(year, 12) };

    const [petitions, matters, kpis, overdueUnits, reviews] = await Promise.all([
      this.petitionFigures(regions, year, range),
      this.subjectWords(regions, range),
      this.kpiFigures(region.code, months),
      this.overdueUnits(within, months),
      this.reviewFigures(regions, range),
    ]);
    const byCategory = CATEGORIES.map((category) => ({ category, count: petitions.petitions.byCategory[category] })).sort(
      (a, b) => b.count - a.count || CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category),
    );
    return {
      region: { code: region.code, name: region.name, level: region.level },
      year,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      months,
      generatedAt: now.toISOString(),
      complete: now.getTime() >= range.to.getTime(),
      petitions: petitions.petitions,
      kpis,
      overdueUnits,
      levelSkip: petitions.levelSkip,
      collective: petitions.collective,
      matters: { byCategory, words: matters.top(TOP_WORDS), subjects: matters.subjects },
      reviews,
    };
  }

  /** A whole number from FIRST_YEAR to the current year (China time): a future year has no figures. */
  private assertYear(year: number, now: Date): number {
    const current = new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `年度须为 ${FIRST_YEAR} 年至 ${current} 年之间的年份，不能统计未来年份`,
        en: `The year is one from ${FIRST_YEAR} to ${current}; a future year has no figures`,
      });
    }
    return year;
  }

  /** A region the supervisor oversees (their own by default); unknown and out-of-reach regions answer alike (404). */
  private async regionInReach(principal: Principal, regionCode?: string): Promise<Region> {
    const reach = await this.access.reach(principal);
    if (!reach || !('regionCode' in reach)) {
      throw new LocalizedHttpError(403, { 'zh-CN': '年度报告仅供督查人员查看', en: 'The annual report is for supervisors' });
    }
    const code = regionCode?.trim() || reach.regionCode;
    const region = await this.org.region(code);
    if (!region || (reach.regionCodes !== null && !reach.regionCodes.includes(code))) throw NOT_IN_REACH(code);
    return region;
  }

  /** The petitions received in the year in the region (by their `receivedAt`, China time). */
  private petitionsOf(regions: string[] | null, range: { from: Date; to: Date }): SelectQueryBuilder<Petition> {
    const qb = this.petitions
      .selectQuery()
      .where('p.receivedAt >= :yearFrom AND p.receivedAt < :yearTo', { yearFrom: range.from, yearTo: range.to });
    if (regions) qb.andWhere('p.regionCode IN (:...regions)', { regions });
    return qb;
  }

  /**
   * The petitions counted by category, channel, entry tier and status, from one grouped scan (a few
   * hundred combinations at most) rather than one scan per column.
   */
  private async grouped(regions: string[] | null, range: { from: Date; to: Date }): Promise<Record<GroupColumn, Map<string | null, number>>> {
    const qb = this.petitionsOf(regions, range).select('COUNT(*)', 'n');
    for (const column of GROUP_COLUMNS) qb.addSelect(`p.${column}`, column).addGroupBy(`p.${column}`);
    const rows = await qb.getRawMany<Record<GroupColumn, string | null> & { n: string | number }>();
    const counts = Object.fromEntries(GROUP_COLUMNS.map((column) => [column, new Map<string | null, number>()])) as Record<GroupColumn, Map<string | null, number>>;
    for (const row of rows) {
      for (const column of GROUP_COLUMNS) counts[column].set(row[column], (counts[column].get(row[column]) ?? 0) + num(row.n));
    }
    return counts;
  }

  private async petitionFigures(regions: string[] | null, year: number, range: { from: Date; to: Date }) {
    const [{ category: byCategory, channel: byChannel, entryLevel: byTier, status: byStatus }, sums] = await Promise.all([
      this.grouped(regions, range),
      this.sums(regions, year, range),
    ]);
    const pick = <K extends string>(keys: readonly K[], counts: Map<string | null, number>) =>
      Object.fromEntries(keys.map((key) => [key, counts.get(key) ?? 0])) as Record<K, number>;
    const tiers = pick(LEVELS, byTier) as Record<EntryTier, number>;
    tiers.unknown = [...byTier.entries()].filter(([key]) => !key || !(LEVELS as readonly string[]).includes(key)).reduce((sum, [, n]) => sum + n, 0);
    const month = (prefix: string) => Array.from({ length: 12 }, (_, i) => num(sums[`${prefix}${i}`]));
    return {
      petitions: {
        total: num(sums.total),
        byCategory: pick(CATEGORIES, byCategory),
        byChannel: pick(CHANNELS, byChannel),
        byEntryTier: tiers,
        byOutcome: Object.fromEntries(OUTCOMES.map((outcome) => [outcome, num(sums[`outcome_${outcome}`])])) as Record<Outcome, number>,
        byStatus: pick(PETITION_STATUSES, byStatus),
        byMonth: month('received'),
      },
      levelSkip: { total: num(sums.levelSkip), byMonth: month('levelSkip') },
      collective: { total: num(sums.collective), persons: num(sums.persons), byMonth: month('collective') },
    };
  }

  /** The totals, the outcomes and the months in one pass (CASE sums read alike on SQLite and MariaDB). */
  private async sums(regions: string[] | null, year: number, range: { from: Date; to: Date }): Promise<Raw> {
    const outcomes: Record<Outcome, string> = {
      accepted: "p.decision = 'accept'",
      declined: "p.decision = 'decline'",
      diverted: "p.decision = 'divert-legal'",
      refused: "p.decision = 'refuse-concluded'",
      replied: 'p.repliedAt IS NOT NULL',
      support: "p.replyOutcome = 'support'",
      explain: "p.replyOutcome = 'explain'",
      reject: "p.replyOutcome = 'reject'",
      concluded: "(p.concludedAt IS NOT NULL OR p.status = 'concluded')",
      closed: 'p.closedAt IS NOT NULL',
    };
    const qb = this.petitionsOf(regions, range)
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN p.levelSkip THEN 1 ELSE 0 END)', 'levelSkip')
      .addSelect('SUM(CASE WHEN p.collective THEN 1 ELSE 0 END)', 'collective')
      .addSelect('SUM(CASE WHEN p.collective THEN p.personCount ELSE 0 END)', 'persons');
    for (const outcome of OUTCOMES) qb.addSelect(`SUM(CASE WHEN ${outcomes[outcome]} THEN 1 ELSE 0 END)`, `outcome_${outcome}`);
    for (let i = 0; i < 12; i++) {
      const inMonth = `p.receivedAt >= :month${i} AND p.receivedAt < :month${i + 1}`;
      qb.addSelect(`SUM(CASE WHEN ${inMonth} THEN 1 ELSE 0 END)`, `received${i}`)
        .addSelect(`SUM(CASE WHEN ${inMonth} AND p.levelSkip THEN 1 ELSE 0 END)`, `levelSkip${i}`)
        .addSelect(`SUM(CASE WHEN ${inMonth} AND p.collective THEN 1 ELSE 0 END)`, `collective${i}`);
    }
    qb.setParameters(Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`month${i}`, monthStart(year, i)])));
    return (await qb.getRawOne<Raw>()) ?? {};
  }

  /**
   * The words of the year's subjects. Accusations are left out: their content is for the discipline
   * inspection unit only (Art. 29), and a word of their subject could name the accused.
   */
  private async subjectWords(regions: string[] | null, range: { from: Date; to: Date }): Promise<WordTally> {
    const tally = new WordTally();
    let after = '';
    for (;;) {
      const rows = await this.petitionsOf(regions, range)
        .andWhere('p.category <> :accusation', { accusation: 'accusation' })
        .andWhere('p.id > :after', { after })
        .select('p.id', 'id')
        .addSelect('p.subject', 'subject')
        .orderBy('p.id', 'ASC')
        .limit(SUBJECT_PAGE)
        .getRawMany<{ id: string; subject: string }>();
      for (const row of rows) tally.add(row.subject ?? '');
      if (rows.length < SUBJECT_PAGE) return tally;
      after = rows[rows.length - 1].id;
    }
  }

  /** The year's KPIs of the region and month by month, from the assessment tallies. */
  private async kpiFigures(regionCode: string, months: string[]): Promise<AnnualReport['kpis']> {
    const [year, ...monthly] = await Promise.all([
      this.kpis.kpisOfRegions([regionCode], months[0], months[11]),
      ...months.map((month) => this.kpis.kpisOfRegions([regionCode], month, month)),
    ]);
    const each = monthly.map((kpis) => kpis.get(regionCode)!);
    const rateNames = Object.keys(RATES) as RateName[];
    const countNames = [...COUNTS, 'overdue'] as CountName[];
    return {
      year: year.get(regionCode)!,
      trend: {
        rates: Object.fromEntries(rateNames.map((name) => [name, each.map((k) => k.rates[name])])) as AnnualReport['kpis']['trend']['rates'],
        counts: Object.fromEntries(countNames.map((name) => [name, each.map((k) => k.counts[name])])) as AnnualReport['kpis']['trend']['counts'],
      },
      formulas: rateDescriptions(),
    };
  }

  /** The units in the region with the most overdue steps in the year (KPI count `overdue`). */
  private async overdueUnits(within: string[], months: string[]): Promise<OverdueUnit[]> {
    const regions = new Set(within);
    const levels = new Map((await this.org.regions()).map((r) => [r.code, r.level]));
    const units = (await this.org.units()).filter((unit) => regions.has(unit.regionCode));
    if (units.length === 0) return [];
    const kpis = await this.kpis.kpisOfUnits(
      units.map((unit) => unit.code),
      months[0],
      months[11],
    );
    return units
      .map((unit) => ({ code: unit.code, name: unit.name, level: levels.get(unit.regionCode) ?? null, overdue: kpis.get(unit.code)?.counts.overdue ?? 0 }))
      .filter((row) => row.overdue > 0)
      .sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code))
      .slice(0, TOP_UNITS);
  }

  /** Reviews (复查) and re-reviews (复核) of the region's petitions: requested in the year, decided in the year. */
  private async reviewFigures(regions: string[] | null, range: { from: Date; to: Date }): Promise<Record<ReviewStage, ReviewFigures>> {
    const requested = 'r.requestedAt >= :yearFrom AND r.requestedAt < :yearTo';
    const decided = 'r.decidedAt >= :yearFrom AND r.decidedAt < :yearTo';
    const qb = this.dataSource
      .getRepository(PetitionReview)
      .createQueryBuilder('r')
      .innerJoin(Petition, 'p', 'p.id = r.petitionId')
      .select('r.stage', 'stage')
      .addSelect(`SUM(CASE WHEN ${requested} THEN 1 ELSE 0 END)`, 'requested')
      .addSelect(`SUM(CASE WHEN ${decided} THEN 1 ELSE 0 END)`, 'decided')
      .addSelect(`SUM(CASE WHEN ${requested} AND r.decidedAt IS NULL THEN 1 ELSE 0 END)`, 'pending');
    for (const outcome of REVIEW_OUTCOMES) qb.addSelect(`SUM(CASE WHEN ${decided} AND r.outcome = '${outcome}' THEN 1 ELSE 0 END)`, outcome);
    qb.where(`((${requested}) OR (${decided}))`, { yearFrom: range.from, yearTo: range.to });
    if (regions) qb.andWhere('p.regionCode IN (:...regions)', { regions });
    const rows = await qb.groupBy('r.stage').getRawMany<Raw>();
    return Object.fromEntries(
      REVIEW_STAGES.map((stage) => {
        const row = rows.find((r) => r.stage === stage) ?? {};
        return [stage, { requested: num(row.requested), decided: num(row.decided), uphold: num(row.uphold), change: num(row.change), revoke: num(row.revoke), pending: num(row.pending) }];
      }),
    ) as Record<ReviewStage, ReviewFigures>;
  }
}

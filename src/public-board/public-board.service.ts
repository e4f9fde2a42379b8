import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { Hearing } from '../hearing/hearing.entity';
import { OrgService } from '../org/org.service';
import type { Region } from '../org/region.entity';
import type { Unit } from '../org/unit.entity';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { Petitioner } from '../petitions/petitioner.entity';
import { Publication } from '../publicity/publication.entity';
import {
  BOARD_CATEGORIES,
  BOARD_MAX_ROWS,
  BOARD_RESULTS,
  BOARD_RETENTION_YEARS,
  BOARD_UNIT_KINDS,
  boardText,
  retentionCutoff,
  wellFormed,
} from './board-rules';
import type { BoardQueryDto, BoardSection } from './dto/board-query.dto';

type UnitRef = { code: string; name: string };

/** 受理公示: a matter accepted by a unit, with what it committed to. */
export interface AcceptedNotice {
  id: string;
  category: string;
  /** Redacted: identifiers and the petitioners' names masked. */
  subject: string;
  unit: UnitRef | null;
  acceptedAt: string;
  /** 承诺办理期限: the date the unit committed to (no later than the legal deadline). */
  committedDate: string | null;
  /** The legal handling deadline (Art. 34), moved by an approved extension. */
  dueDate: string | null;
  status: string;
}

/** 结果公示: the published, redacted result after the reply (Art. 32). */
export interface ResultNotice {
  id: string;
  category: string;
  subject: string | null;
  unit: UnitRef;
  result: string;
  publishedAt: string;
  status: string;
}

/** 听证公告: a public hearing; its conclusion only where Art. 36 allows (a re-review heard in public). */
export interface HearingNotice {
  id: string;
  hearingId: string;
  category: string;
  subject: string;
  unit: UnitRef | null;
  stage: string;
  scheduledAt: string;
  place: string | null;
  held: boolean;
  conclusion: string | null;
  concludedAt: string | null;
}

export interface BoardPage<T> {
  section: BoardSection;
  region: { code: string; name: string; level: string } | null;
  unit: UnitRef | null;
  page: number;
  pageSize: number;
  /** Matching notices, counted up to BOARD_MAX_ROWS; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
  retention: { years: number; since: string };
  items: T[];
}

const MALFORMED_REGION = new LocalizedHttpError(400, {
  'zh-CN': '行政区划代码应为 2 至 12 位数字，请从地区列表中选择',
  en: 'A region code is 2 to 12 digits; pick one from the region list',
});
const MALFORMED_UNIT = new LocalizedHttpError(400, {
  'zh-CN': '单位代码只能由字母、数字和连字符组成，请从单位列表中选择',
  en: 'A unit code is letters, digits and hyphens; pick one from the unit list',
});
const UNKNOWN_REGION = (code: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `没有行政区划 ${code}`, en: `There is no region ${code}` });
const UNKNOWN_UNIT = (code: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `所选地区没有单位 ${code}`, en: `The region chosen has no unit ${code}` });
const TOO_DEEP = new LocalizedHttpError(400, {
  'zh-CN': `公示栏只能翻阅最新的 ${BOARD_MAX_ROWS} 条，请缩小地区或选择单位`,
  en: `The board pages through the newest ${BOARD_MAX_ROWS} notices only; choose a smaller region or a unit`,
});

/** A scope with at least this many petitions is read newest first rather than region by region (walkNewestFirst). */
const SCOPE_PROBE = 5_000;

/** An exclusion in force (withheld or taken down) keeps a petition off every section. */
const NOT_EXCLUDED = 'NOT EXISTS (SELECT 1 FROM board_exclusion x WHERE x.petitionId = p.id AND x.liftedAt IS NULL)';

type Order = readonly (readonly [string, 'DESC'])[];

function ordered(query: SelectQueryBuilder<Petition>, order: Order): SelectQueryBuilder<Petition> {
  order.forEach(([column, direction], i) => (i === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction)));
  return query;
}

interface Scope {
  region: Region | null;
  /** Null: every region (the region chosen is the top of the tree). */
  regionCodes: string[] | null;
  unit: Unit | null;
}

/**
 * 公告公示: what the public sees of petition work, per region and unit, without signing in. Every
 * section is one indexed query for a page of ids, one capped count, and one batch read of the rows
 * shown; unit names come from the organisation's in-memory snapshot.
 */
@Injectable()
export class PublicBoardService {
  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(Publication) private readonly publications: Repository<Publication>,
    @InjectRepository(Hearing) private readonly hearings: Repository<Hearing>,
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  /** The regions and the units that can be chosen, by their public names. */
  async choices() {
    const [regions, units] = await Promise.all([this.org.regions(), this.org.units()]);
    const kinds: readonly string[] = BOARD_UNIT_KINDS;
    return {
      regions: regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
      units: units.filter((u) => u.active && kinds.includes(u.kind)).map((u) => ({ code: u.code, name: u.name, kind: u.kind, regionCode: u.regionCode })),
    };
  }

  async board(query: BoardQueryDto): Promise<BoardPage<AcceptedNotice | ResultNotice | HearingNotice>> {
    const section = query.section ?? 'accepted';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const offset = (page - 1) * pageSize;
    if (offset >= BOARD_MAX_ROWS) throw TOO_DEEP;
    const scope = await this.scope(query.regionCode, query.unitCode);
    const since = retentionCutoff(this.clock.now());

    const list =
      section === 'accepted' ? await this.acceptedQuery(scope, since) : section === 'results' ? await this.resultsQuery(scope, since) : this.hearingsQuery(scope, since);
    const [ids, counted] = await Promise.all([this.pageOfIds(list.query, list.order, offset, Math.min(pageSize, BOARD_MAX_ROWS - offset)), this.cappedCount(list.query, list.order)]);
    const items =
      section === 'accepted' ? await this.acceptedItems(ids) : section === 'results' ? await this.resultItems(ids) : await this.hearingItems(ids);
    return {
      section,
      region: scope.region ? { code: scope.region.code, name: scope.region.name, level: scope.region.level } : null,
      unit: scope.unit ? { code: scope.unit.code, name: scope.unit.name } : null,
      page,
      pageSize,
      total: Math.min(counted, BOARD_MAX_ROWS),
      totalCapped: counted > BOARD_MAX_ROWS,
      retention: { years: BOARD_RETENTION_YEARS, since: since.toISOString() },
      items,
    };
  }

  private async scope(regionCode: string | undefined, unitCode: string | undefined): Promise<Scope> {
    if (regionCode !== undefined && !wellFormed.regionCode(regionCode)) throw MALFORMED_REGION;
    if (unitCode !== undefined && !wellFormed.unitCode(unitCode)) throw MALFORMED_UNIT;
    let region: Region | null = null;
    if (regionCode) {
      region = (await this.org.region(regionCode)) ?? null;
      if (!region) throw UNKNOWN_REGION(regionCode);
    } else {
      const roots = (await this.org.regions()).filter((r) => !r.parentCode);
      region = roots.length === 1 ? roots[0] : null;
    }
    // The top of the tree holds everything: no region condition at all (no IN list of every village).
    const regionCodes = region?.parentCode ? await this.org.regionsWithin(region.code) : null;
    let unit: Unit | null = null;
    if (unitCode) {
      unit = (await this.org.unit(unitCode)) ?? null;
      if (!unit || (regionCodes && !regionCodes.includes(unit.regionCode))) throw UNKNOWN_UNIT(unitCode);
    }
    return { region, regionCodes, unit };
  }

  /** `unindexed`: conditions written as expressions that SQLite reads by no index (see walkNewestFirst). */
  private inScope(
    qb: SelectQueryBuilder<Petition>,
    scope: Scope,
    unitColumn: string,
    unindexed: { region: boolean; unit: boolean } = { region: false, unit: false },
  ): SelectQueryBuilder<Petition> {
    if (scope.regionCodes) qb.andWhere(`${unindexed.region ? '+' : ''}p.regionCode IN (:...boardRegions)`, { boardRegions: scope.regionCodes });
    if (scope.unit) qb.andWhere(`${unindexed.unit ? '+' : ''}${unitColumn} = :boardUnit`, { boardUnit: scope.unit.code });
    return qb.andWhere('p.category IN (:...boardCategories)', { boardCategories: BOARD_CATEGORIES }).andWhere(NOT_EXCLUDED);
  }

  /**
   * Accepted matters (decision 'accept'), newest acceptance first, for 3 years after it. A unit's are
   * read by the unit's index, which gives them in order.
   */
  private async acceptedQuery(scope: Scope, since: Date) {
    const query = this.petitions.selectQuery().where('p.decision = :accept', { accept: 'accept' }).andWhere('p.decidedAt >= :since', { since });
    const walk = !scope.unit && (await this.walkNewestFirst(scope));
    return {
      query: this.inScope(query, scope, 'p.competentUnitCode', { region: walk, unit: false }),
      order: [['p.decidedAt', 'DESC'], ['p.regionCode', 'DESC'], ['p.category', 'DESC'], ['p.id', 'DESC']] as const,
    };
  }

  /** Published results of replies, newest publication first. */
  private async resultsQuery(scope: Scope, since: Date) {
    const query = this.petitions
      .selectQuery()
      .innerJoin(Publication, 'pub', 'pub.petitionId = p.id')
      .where('pub.result IN (:...results)', { results: BOARD_RESULTS })
      .andWhere('pub.publishedAt >= :since', { since });
    const walk = await this.walkNewestFirst(scope);
    return {
      query: this.inScope(query, scope, 'p.competentUnitCode', { region: walk, unit: walk }),
      order: [['pub.publishedAt', 'DESC'], ['pub.petitionId', 'DESC']] as const,
    };
  }

  /**
   * SQLite's planner prefers reading by the region (or unit) index over walking the section's time
   * index newest first, and then sorts everything in the scope: fine for a village, half a second for
   * a township of a quarter of a million petitions. So on SQLite, when the scope holds many petitions,
   * its conditions are written as expressions (`+p.regionCode`) that no index serves, and the time index
   * is walked newest first. MariaDB weighs the two plans itself (and reads `+` differently): never there.
   */
  private async walkNewestFirst(scope: Scope): Promise<boolean> {
    if (this.petitions.readManager().connection.options.type !== 'better-sqlite3') return false;
    if (!scope.regionCodes && !scope.unit) return false;
    const probe = this.petitions.selectQuery().select('1', 'one');
    if (scope.regionCodes) probe.andWhere('p.regionCode IN (:...boardRegions)', { boardRegions: scope.regionCodes });
    if (scope.unit) probe.andWhere('p.competentUnitCode = :boardUnit', { boardUnit: scope.unit.code });
    const [sql, parameters] = probe.limit(SCOPE_PROBE).getQueryAndParameters();
    const [row] = await this.petitions.readManager().query(`SELECT COUNT(*) AS n FROM (${sql}) probed`, parameters);
    return Number((row as { n: number | string }).n) >= SCOPE_PROBE;
  }

  /** Public hearings that have a date, the latest first; the unit is the one holding the hearing. */
  private hearingsQuery(scope: Scope, since: Date) {
    const query = this.petitions
      .selectQuery()
      .innerJoin(Hearing, 'h', 'h.petitionId = p.id')
      .where('h.public = :isPublic', { isPublic: true })
      .andWhere('h.scheduledAt >= :since', { since });
    return { query: this.inScope(query, scope, 'h.unitCode'), order: [['h.scheduledAt', 'DESC'], ['h.id', 'DESC']] as const };
  }

  /**
   * The ids of one page. The order is the columns of the index the section is read by, newest first,
   * ending with the id: a total order (pages neither repeat nor skip a notice) that the index gives
   * without sorting. The last column is the id returned.
   */
  private async pageOfIds(query: SelectQueryBuilder<Petition>, order: Order, offset: number, limit: number): Promise<string[]> {
    const rows = await ordered(query.clone().select(order[order.length - 1][0], 'id'), order).offset(offset).limit(limit).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * How many match, counting no further than one past the cap, newest first: the count walks the same
   * index as the page and stops early, where an unordered count could start at the oldest rows.
   */
  private async cappedCount(query: SelectQueryBuilder<Petition>, order: Order): Promise<number> {
    const [sql, parameters] = ordered(query.clone().select('1', 'one'), order).limit(BOARD_MAX_ROWS + 1).getQueryAndParameters();
    const [row] = await this.petitions.readManager().query(`SELECT COUNT(*) AS n FROM (${sql}) counted`, parameters);
    return Number((row as { n: number | string }).n);
  }

  private async acceptedItems(ids: string[]): Promise<AcceptedNotice[]> {
    const [petitions, names] = await Promise.all([this.petitions.byIds(ids), this.namesOf(ids)]);
    const units = await this.unitNames();
    return ids
      .map((id) => petitions.get(id))
      .filter((p): p is Petition => !!p)
      .map((p) => ({
        id: p.id,
        category: p.category,
        subject: boardText(p.subject, names.get(p.id)),
        unit: units(p.competentUnitCode),
        acceptedAt: p.decidedAt!.toISOString(),
        committedDate: (p.committedAt ?? p.handleDueAt)?.toISOString() ?? null,
        dueDate: p.handleDueAt?.toISOString() ?? null,
        status: p.status,
      }));
  }

  private async resultItems(ids: string[]): Promise<ResultNotice[]> {
    const [petitions, publications, names] = await Promise.all([
      this.petitions.byIds(ids),
      ids.length ? this.publications.findBy({ petitionId: In(ids) }) : Promise.resolve([]),
      this.namesOf(ids),
    ]);
    const byPetition = new Map(publications.map((pub) => [pub.petitionId, pub]));
    const units = await this.unitNames();
    return ids.flatMap((id) => {
      const petition = petitions.get(id);
      const publication = byPetition.get(id);
      if (!petition || !publication) return [];
      return [
        {
          id,
          category: petition.category,
          subject: publication.summary === null ? null : boardText(publication.summary, names.get(id)),
          unit: { code: petition.competentUnitCode ?? '', name: publication.unitName || (units(petition.competentUnitCode)?.name ?? '') },
          result: publication.result,
          publishedAt: publication.publishedAt.toISOString(),
          status: petition.status,
        },
      ];
    });
  }

  private async hearingItems(hearingIds: string[]): Promise<HearingNotice[]> {
    const hearings = hearingIds.length ? await this.hearings.findBy({ id: In(hearingIds) }) : [];
    const petitionIds = [...new Set(hearings.map((h) => h.petitionId))];
    const [petitions, names] = await Promise.all([this.petitions.byIds(petitionIds), this.namesOf(petitionIds)]);
    const byId = new Map(hearings.map((h) => [h.id, h]));
    const units = await this.unitNames();
    return hearingIds.flatMap((hearingId) => {
      const hearing = byId.get(hearingId);
      const petition = hearing ? petitions.get(hearing.petitionId) : undefined;
      if (!hearing || !petition || !hearing.scheduledAt) return [];
      const people = [...(names.get(petition.id) ?? []), ...(hearing.participants ?? []).map((p) => p.name)];
      // Art. 36: a re-review opinion reached through a hearing may be made public; other hearings' conclusions are not.
      const conclusionShown = hearing.stage === 're-review' && !!hearing.closedAt && !!hearing.conclusion;
      return [
        {
          id: petition.id,
          hearingId,
          category: petition.category,
          subject: boardText(petition.subject, people),
          unit: units(hearing.unitCode),
          stage: hearing.stage,
          scheduledAt: hearing.scheduledAt.toISOString(),
          place: hearing.place ? boardText(hearing.place, people) : null,
          held: !!hearing.closedAt,
          conclusion: conclusionShown ? boardText(hearing.conclusion!, people) : null,
          concludedAt: conclusionShown ? hearing.closedAt!.toISOString() : null,
        },
      ];
    });
  }

  /** The petitioners' names of these petitions (one query), so that free text naming them is masked. */
  private async namesOf(petitionIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (petitionIds.length === 0) return names;
    const rows = await this.petitioners.find({ select: { petitionId: true, name: true }, where: { petitionId: In(petitionIds) } });
    for (const row of rows) names.set(row.petitionId, [...(names.get(row.petitionId) ?? []), row.name]);
    return names;
  }

  private async unitNames(): Promise<(code: string | null) => UnitRef | null> {
    const units = new Map((await this.org.units()).map((u) => [u.code, u.name]));
    return (code) => (code ? { code, name: units.get(code) ?? code } : null);
  }
}

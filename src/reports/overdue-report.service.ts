import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LocalizedHttpError } from '../common/errors';
import { OrgService } from '../org/org.service';
import type { Level } from '../org/org.types';
import { OpenTask } from '../tasks/index/open-task.entity';
import type { OverdueQueryDto } from './dto/overdue-query.dto';
import { AccessPolicy, WITHHELD_CONTENT } from '../access/access-policy';
import { PetitionRepository } from '../petitions/petition.repository';
import { columnsOf, countGroups, Narrow } from './overdue-counts';

const DAY_MS = 86_400_000;

export const AGEING_BUCKETS = ['0-3', '4-7', '8-15', '16-30', '>30'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
/** Lowest whole number of days overdue of each bucket but the first. */
const AGEING_FLOORS: [AgeingBucket, number][] = [
  ['>30', 31],
  ['16-30', 16],
  ['8-15', 8],
  ['4-7', 4],
];

/** Petitions read per query for the rows' subjects (below every database's bound-parameter limit). */
const SUBJECT_CHUNK = 500;

/** The rows of an export (at most this many). */
export const EXPORT_LIMIT = 50_000;

/** Past its due date (overdue) or due within the near-due window (near-due). */
export type OverdueStatus = 'overdue' | 'near-due';

export interface OverdueItem {
  taskId: string;
  step: string;
  /**
   * The case behind the task (links to /workbench/petitions/<id>). The subject is withheld
   * (WITHHELD_CONTENT) where the access policy does not let the caller read an accusation's content,
   * and null when the petition record is missing (the index alone holds the task).
   */
  petition: { id: string; number: string; subject: string | null };
  unit: { code: string; name: string };
  level: Level;
  due: string;
  status: OverdueStatus;
  /**
   * Sign convention: floor((report time - due) / 1 day). Overdue (status 'overdue'): 0 or more whole
   * days past due. Near-due (status 'near-due'): negative, and -daysOverdue is the days left, rounded
   * up (due in 5 hours: -1, "1 day left").
   */
  daysOverdue: number;
  assignee: string | null;
}

/** Which process each user task belongs to (a step key is its activity id there). */
const PROCESS_OF_STEP: Record<string, string> = {
  'forward-to-township': 'petition',
  'decide-dispute-county': 'petition',
  'decide-dispute-city': 'petition',
  'accept-decision': 'unit-handling',
  'handle-petition': 'unit-handling',
  'reply-petition': 'unit-handling',
  'review-completion-report': 'unit-handling',
  'approve-extension': 'unit-handling',
};

export interface ActivityHeat {
  processKey: string;
  at: string;
  activities: { activityId: string; open: number; overdue: number }[];
}

export interface OverdueReport {
  at: string;
  windowDays: number;
  scope: { unitCode: string | null; regionCode: string | null };
  totals: { overdue: number; nearDue: number };
  byUnit: { unit: { code: string; name: string }; level: Level; overdue: number; nearDue: number }[];
  byLevel: { level: Level; overdue: number; nearDue: number }[];
  /** Counts per process step (user task key), most overdue first. */
  byStep: { step: string; overdue: number; nearDue: number }[];
  /** Overdue tasks by whole days past due: 0–3, 4–7, 8–15, 16–30, more than 30. */
  ageing: { bucket: AgeingBucket; overdue: number }[];
  total: number;
  items: OverdueItem[];
}

/**
 * Overdue and near-due tasks within the caller's reach (a supervisor: their region and below; a unit
 * head: their unit), most overdue first, with counts per unit and per level. Reads the open-task
 * index, so the cost does not grow with the number of units asked about.
 */
@Injectable()
export class OverdueReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly petitions: PetitionRepository,
  ) {}

  /** The filtered set of open tasks as a query builder factory, with the moment and scope it was asked at. */
  private async filteredSet(principal: Principal, query: OverdueQueryDto) {
    const now = this.clock.now();
    const windowDays = query.window ?? this.config.reports.nearDueDays;
    const horizon = query.minDaysOverdue ? new Date(now.getTime() - query.minDaysOverdue * DAY_MS) : new Date(now.getTime() + windowDays * DAY_MS);
    const scope = await this.scopeOf(principal);

    // The caller's reach and the query's filters, on open_task or on its tally (same column names),
    // with the columns named as the query's reads need (overdue-counts.ts).
    const narrow: Narrow = (qb, column) => {
      qb.where('1 = 1');
      if (scope.unitCode) qb.andWhere(`${column('unitCode')} = :scopeUnit`, { scopeUnit: scope.unitCode });
      if (scope.regionCodes) qb.andWhere(`${column('regionCode')} IN (:...regions)`, { regions: scope.regionCodes });
      if (query.level) qb.andWhere(`${column('level')} = :level`, { level: query.level });
      if (query.unitCode) qb.andWhere(`${column('unitCode')} = :unitCode`, { unitCode: query.unitCode });
      if (query.step) qb.andWhere(`${column('step')} = :step`, { step: query.step });
      return qb;
    };
    const filtered = () =>
      narrow(this.dataSource.getRepository(OpenTask).createQueryBuilder('t'), columnsOf('t')).andWhere('t.due IS NOT NULL').andWhere('t.due <= :horizon', { horizon });
    return { now, horizon, windowDays, scope, narrow, filtered };
  }

  async report(principal: Principal, query: OverdueQueryDto): Promise<OverdueReport> {
    const { now, horizon, windowDays, scope, narrow, filtered } = await this.filteredSet(principal, query);
    // Every count from the open-task tally (a row per group and due day) and the rows of the days the
    // report's moments fall in (overdue-counts.ts); the page of rows beside it, in due order.
    const [groups, rows] = await Promise.all([
      countGroups(
        this.dataSource.manager,
        narrow,
        now,
        horizon,
        AGEING_FLOORS.map(([, days]) => days),
      ),
      filtered()
        .orderBy('t.due', 'ASC')
        .addOrderBy('t.taskId', 'ASC')
        .skip(query.firstResult ?? 0)
        .take(query.maxResults ?? 50)
        .getMany(),
    ]);

    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const ref = (code: string) => ({ code, name: units.get(code)?.name ?? code });
    const unitCounts = new Map<string, { unit: { code: string; name: string }; level: Level; overdue: number; nearDue: number }>();
    const levels = new Map<Level, { level: Level; overdue: number; nearDue: number }>();
    const steps = new Map<string, { step: string; overdue: number; nearDue: number }>();
    const aged = new Map<AgeingBucket, number>();
    for (const g of groups) {
      const n = g.n;
      const overdue = g.overdue;
      const nearDue = n - overdue;
      const unitKey = `${g.unitCode}\u0000${g.level}`;
      const unit = unitCounts.get(unitKey) ?? { unit: ref(g.unitCode), level: g.level, overdue: 0, nearDue: 0 };
      const level = levels.get(g.level) ?? { level: g.level, overdue: 0, nearDue: 0 };
      const step = steps.get(g.step) ?? { step: g.step, overdue: 0, nearDue: 0 };
      for (const entry of [unit, level, step]) {
        entry.overdue += overdue;
        entry.nearDue += nearDue;
      }
      unitCounts.set(unitKey, unit);
      levels.set(g.level, level);
      steps.set(g.step, step);
      // Cumulative counts past each floor (oldest first) to buckets: each bucket is its floor's count
      // less the count past the next older floor; '0-3' is what is overdue and past no floor.
      let older = 0;
      for (const [bucket, days] of AGEING_FLOORS) {
        const past = g.aged.get(days) ?? 0;
        aged.set(bucket, (aged.get(bucket) ?? 0) + past - older);
        older = past;
      }
      aged.set('0-3', (aged.get('0-3') ?? 0) + overdue - older);
    }
    const byUnit = [...unitCounts.values()].sort((a, b) => b.overdue - a.overdue || b.nearDue - a.nearDue || a.unit.code.localeCompare(b.unit.code));
    const byStep = [...steps.values()].sort((a, b) => b.overdue - a.overdue || b.nearDue - a.nearDue || a.step.localeCompare(b.step));
    const ageing = AGEING_BUCKETS.map((bucket) => ({ bucket, overdue: aged.get(bucket) ?? 0 }));
    const totals = byUnit.reduce((t, u) => ({ overdue: t.overdue + u.overdue, nearDue: t.nearDue + u.nearDue }), { overdue: 0, nearDue: 0 });
    return {
      at: now.toISOString(),
      windowDays,
      scope: { unitCode: scope.unitCode, regionCode: scope.regionCode },
      totals,
      byUnit,
      byLevel: [...levels.values()],
      byStep,
      ageing,
      total: totals.overdue + totals.nearDue,
      items: await this.items(principal, rows, now, ref),
    };
  }

  /** Every row of the report within scope (most overdue first, at most EXPORT_LIMIT), for the Excel export. */
  async allItems(principal: Principal, query: OverdueQueryDto): Promise<{ at: Date; items: OverdueItem[] }> {
    const { now, filtered } = await this.filteredSet(principal, query);
    const rows = await filtered().orderBy('t.due', 'ASC').addOrderBy('t.taskId', 'ASC').take(EXPORT_LIMIT).getMany();
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const ref = (code: string) => ({ code, name: units.get(code)?.name ?? code });
    return { at: now, items: await this.items(principal, rows, now, ref) };
  }

  /**
   * The rows as the caller sees them, with each case's subject: read from the petitions in chunks
   * (an export reaches EXPORT_LIMIT rows, beyond a database's bound-parameter limit), and withheld
   * where the access policy keeps an accusation's content from the caller (Art. 29).
   */
  private async items(principal: Principal, rows: OpenTask[], now: Date, ref: (code: string) => { code: string; name: string }): Promise<OverdueItem[]> {
    const ids = [...new Set(rows.map((t) => t.petitionId))];
    const subjects = new Map<string, string>();
    for (let i = 0; i < ids.length; i += SUBJECT_CHUNK) {
      const petitions = await this.petitions.byIds(ids.slice(i, i + SUBJECT_CHUNK));
      for (const [id, petition] of petitions) {
        subjects.set(id, (await this.access.canReadContent(principal, petition)) ? petition.subject : WITHHELD_CONTENT);
      }
    }
    return rows.map((t) => ({
      taskId: t.taskId,
      step: t.step,
      petition: { id: t.petitionId, number: t.petitionNumber, subject: subjects.get(t.petitionId) ?? null },
      unit: ref(t.unitCode),
      level: t.level,
      due: t.due!.toISOString(),
      status: t.due! < now ? 'overdue' : 'near-due',
      daysOverdue: Math.floor((now.getTime() - t.due!.getTime()) / DAY_MS),
      assignee: t.assignee,
    }));
  }

  /**
   * Where work is stuck: open and overdue tasks per activity of one process, within the caller's
   * reach, for the diagram heat map.
   */
  async activityHeat(principal: Principal, processKey: string): Promise<ActivityHeat> {
    const steps = Object.entries(PROCESS_OF_STEP).filter(([, key]) => key === processKey).map(([step]) => step);
    if (steps.length === 0) {
      throw new LocalizedHttpError(404, { 'zh-CN': `流程 ${processKey} 没有人工任务`, en: `Process ${processKey} has no user tasks` });
    }
    const scope = await this.scopeOf(principal);
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(OpenTask)
      .createQueryBuilder('t')
      .select('t.step', 'step')
      .addSelect('COUNT(*)', 'open')
      .addSelect('SUM(CASE WHEN t.due < :now THEN 1 ELSE 0 END)', 'overdue')
      .where('t.step IN (:...steps)', { steps })
      .setParameter('now', now);
    if (scope.unitCode) qb.andWhere('t.unitCode = :scopeUnit', { scopeUnit: scope.unitCode });
    if (scope.regionCodes) qb.andWhere('t.regionCode IN (:...regions)', { regions: scope.regionCodes });
    const rows = await qb.groupBy('t.step').getRawMany<{ step: string; open: string | number; overdue: string | number | null }>();
    return {
      processKey,
      at: now.toISOString(),
      activities: rows.map((r) => ({ activityId: r.step, open: Number(r.open), overdue: Number(r.overdue ?? 0) })),
    };
  }

  /** A supervisor's region (everything, at the top), or a unit head's own unit: the access policy's reach. */
  private async scopeOf(
    principal: Principal,
  ): Promise<{ unitCode: string | null; regionCode: string | null; regionCodes: string[] | null }> {
    const reach = await this.access.reach(principal);
    if (!reach) throw new LocalizedHttpError(403, { 'zh-CN': '您的账号未归属有效单位', en: 'Your account belongs to no valid unit' });
    if ('unitCode' in reach) return { unitCode: reach.unitCode, regionCode: null, regionCodes: null };
    return { unitCode: null, regionCode: reach.regionCode, regionCodes: reach.regionCodes };
  }

}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LocalizedHttpError } from '../common/errors';
import { OrgService } from '../org/org.service';
import type { Level } from '../org/org.types';
import { OpenTask } from '../tasks/index/open-task.entity';
import type { OverdueQueryDto } from './dto/overdue-query.dto';
import { AccessPolicy } from '../access/access-policy';

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

/** The rows of an export (at most this many). */
export const EXPORT_LIMIT = 50_000;

export interface OverdueItem {
  taskId: string;
  step: string;
  petition: { id: string; number: string };
  unit: { code: string; name: string };
  level: Level;
  due: string;
  /** Whole days past due; negative: days left. */
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
  ) {}

  /** The filtered set of open tasks as a query builder factory, with the moment and scope it was asked at. */
  private async filteredSet(principal: Principal, query: OverdueQueryDto) {
    const now = this.clock.now();
    const windowDays = query.window ?? this.config.reports.nearDueDays;
    const horizon = query.minDaysOverdue ? new Date(now.getTime() - query.minDaysOverdue * DAY_MS) : new Date(now.getTime() + windowDays * DAY_MS);
    const scope = await this.scopeOf(principal);

    const filtered = () => {
      const qb = this.dataSource.getRepository(OpenTask).createQueryBuilder('t').where('t.due IS NOT NULL').andWhere('t.due <= :horizon', { horizon });
      if (scope.unitCode) qb.andWhere('t.unitCode = :scopeUnit', { scopeUnit: scope.unitCode });
      if (scope.regionCodes) qb.andWhere('t.regionCode IN (:...regions)', { regions: scope.regionCodes });
      if (query.level) qb.andWhere('t.level = :level', { level: query.level });
      if (query.unitCode) qb.andWhere('t.unitCode = :unitCode', { unitCode: query.unitCode });
      if (query.step) qb.andWhere('t.step = :step', { step: query.step });
      return qb;
    };
    return { now, windowDays, scope, filtered };
  }

  async report(principal: Principal, query: OverdueQueryDto): Promise<OverdueReport> {
    const { now, windowDays, scope, filtered } = await this.filteredSet(principal, query);
    const counted = (qb: SelectQueryBuilder<OpenTask>) =>
      qb
        .addSelect('SUM(CASE WHEN t.due < :now THEN 1 ELSE 0 END)', 'overdue')
        .addSelect('SUM(CASE WHEN t.due >= :now THEN 1 ELSE 0 END)', 'nearDue')
        .setParameter('now', now);

    // Ageing: one CASE over the due date (days overdue >= n  <=>  due <= now - n days), grouped.
    const ageingCase =
      'CASE ' + AGEING_FLOORS.map(([bucket, days]) => `WHEN t.due <= :age${days} THEN '${bucket}'`).join(' ') + ` ELSE '0-3' END`;
    const ageingQuery = filtered()
      .select(ageingCase, 'bucket')
      .addSelect('COUNT(*)', 'overdue')
      .andWhere('t.due < :now', { now })
      .groupBy('bucket');
    for (const [, days] of AGEING_FLOORS) ageingQuery.setParameter(`age${days}`, new Date(now.getTime() - days * DAY_MS));

    const [unitRows, stepRows, ageingRows, rows] = await Promise.all([
      counted(filtered().select('t.unitCode', 'unitCode').addSelect('t.level', 'level'))
        .groupBy('t.unitCode')
        .addGroupBy('t.level')
        .getRawMany<{ unitCode: string; level: Level; overdue: string | number; nearDue: string | number }>(),
      counted(filtered().select('t.step', 'step'))
        .groupBy('t.step')
        .getRawMany<{ step: string; overdue: string | number; nearDue: string | number }>(),
      ageingQuery.getRawMany<{ bucket: AgeingBucket; overdue: string | number }>(),
      filtered()
        .orderBy('t.due', 'ASC')
        .addOrderBy('t.taskId', 'ASC')
        .skip(query.firstResult ?? 0)
        .take(query.maxResults ?? 50)
        .getMany(),
    ]);

    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const ref = (code: string) => ({ code, name: units.get(code)?.name ?? code });
    const byUnit = unitRows
      .map((r) => ({ unit: ref(r.unitCode), level: r.level, overdue: Number(r.overdue), nearDue: Number(r.nearDue) }))
      .sort((a, b) => b.overdue - a.overdue || b.nearDue - a.nearDue || a.unit.code.localeCompare(b.unit.code));
    const levels = new Map<Level, { level: Level; overdue: number; nearDue: number }>();
    for (const u of byUnit) {
      const entry = levels.get(u.level) ?? { level: u.level, overdue: 0, nearDue: 0 };
      entry.overdue += u.overdue;
      entry.nearDue += u.nearDue;
      levels.set(u.level, entry);
    }
    const byStep = stepRows
      .map((r) => ({ step: r.step, overdue: Number(r.overdue), nearDue: Number(r.nearDue) }))
      .sort((a, b) => b.overdue - a.overdue || b.nearDue - a.nearDue || a.step.localeCompare(b.step));
    const aged = new Map(ageingRows.map((r) => [r.bucket, Number(r.overdue)]));
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
      items: rows.map((t) => this.item(t, now, ref)),
    };
  }

  /** Every row of the report within scope (most overdue first, at most EXPORT_LIMIT), for the Excel export. */
  async allItems(principal: Principal, query: OverdueQueryDto): Promise<{ at: Date; items: OverdueItem[] }> {
    const { now, filtered } = await this.filteredSet(principal, query);
    const rows = await filtered().orderBy('t.due', 'ASC').addOrderBy('t.taskId', 'ASC').take(EXPORT_LIMIT).getMany();
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const ref = (code: string) => ({ code, name: units.get(code)?.name ?? code });
    return { at: now, items: rows.map((t) => this.item(t, now, ref)) };
  }

  private item(t: OpenTask, now: Date, ref: (code: string) => { code: string; name: string }): OverdueItem {
    return {
      taskId: t.taskId,
      step: t.step,
      petition: { id: t.petitionId, number: t.petitionNumber },
      unit: ref(t.unitCode),
      level: t.level,
      due: t.due!.toISOString(),
      daysOverdue: Math.floor((now.getTime() - t.due!.getTime()) / DAY_MS),
      assignee: t.assignee,
    };
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

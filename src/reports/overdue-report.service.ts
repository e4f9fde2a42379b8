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

const DAY_MS = 86_400_000;

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

export interface OverdueReport {
  at: string;
  windowDays: number;
  scope: { unitCode: string | null; regionCode: string | null };
  totals: { overdue: number; nearDue: number };
  byUnit: { unit: { code: string; name: string }; level: Level; overdue: number; nearDue: number }[];
  byLevel: { level: Level; overdue: number; nearDue: number }[];
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
  ) {}

  async report(principal: Principal, query: OverdueQueryDto): Promise<OverdueReport> {
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
    const counted = (qb: SelectQueryBuilder<OpenTask>) =>
      qb
        .addSelect('SUM(CASE WHEN t.due < :now THEN 1 ELSE 0 END)', 'overdue')
        .addSelect('SUM(CASE WHEN t.due >= :now THEN 1 ELSE 0 END)', 'nearDue')
        .setParameter('now', now);

    const [unitRows, rows] = await Promise.all([
      counted(filtered().select('t.unitCode', 'unitCode').addSelect('t.level', 'level'))
        .groupBy('t.unitCode')
        .addGroupBy('t.level')
        .getRawMany<{ unitCode: string; level: Level; overdue: string | number; nearDue: string | number }>(),
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
    const totals = byUnit.reduce((t, u) => ({ overdue: t.overdue + u.overdue, nearDue: t.nearDue + u.nearDue }), { overdue: 0, nearDue: 0 });
    return {
      at: now.toISOString(),
      windowDays,
      scope: { unitCode: scope.unitCode, regionCode: scope.regionCode },
      totals,
      byUnit,
      byLevel: [...levels.values()],
      total: totals.overdue + totals.nearDue,
      items: rows.map((t) => ({
        taskId: t.taskId,
        step: t.step,
        petition: { id: t.petitionId, number: t.petitionNumber },
        unit: ref(t.unitCode),
        level: t.level,
        due: t.due!.toISOString(),
        daysOverdue: Math.floor((now.getTime() - t.due!.getTime()) / DAY_MS),
        assignee: t.assignee,
      })),
    };
  }

  /** A supervisor's region (everything, at the top), or a unit head's own unit. */
  private async scopeOf(
    principal: Principal,
  ): Promise<{ unitCode: string | null; regionCode: string | null; regionCodes: string[] | null }> {
    const unit = await this.org.unit(principal.unitCode);
    if (!unit) throw new LocalizedHttpError(403, { 'zh-CN': '您的账号未归属有效单位', en: 'Your account belongs to no valid unit' });
    if (principal.roles.includes('supervisor')) {
      const region = await this.org.region(unit.regionCode);
      if (!region?.parentCode) return { unitCode: null, regionCode: unit.regionCode, regionCodes: null };
      return { unitCode: null, regionCode: unit.regionCode, regionCodes: await this.org.regionsWithin(unit.regionCode) };
    }
    return { unitCode: unit.code, regionCode: null, regionCodes: null };
  }
}

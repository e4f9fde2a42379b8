import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { AssessmentFact, AssessmentMetric } from '../assessment/assessment-fact.entity';
import type { Principal } from '../auth/principal';
import { LocalizedHttpError } from '../common/errors';
import { OrgService } from '../org/org.service';
import type { KpiQueryDto } from './dto/kpi-query.dto';
import { FactCount, kpisOf, RATES, UnitKpis } from './kpi-formulas';

/** Periods longer than this are a report, not a dashboard. */
const MAX_MONTHS = 36;

export interface KpiReport {
  from: string;
  to: string;
  /** The formula and source of each rate, as the figures were computed. */
  formulas: typeof RATES;
  units: (UnitKpis & { unitCode: string; unitName: string })[];
}

/** Unit KPIs over a period, from the assessment facts of the units within the caller's reach. */
@Injectable()
export class KpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly org: OrgService,
  ) {}

  async report(principal: Principal, query: KpiQueryDto): Promise<KpiReport> {
    const { from, to } = query;
    const months = monthsBetween(from, to);
    if (months < 1 || months > MAX_MONTHS) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `统计期间须为 1 至 ${MAX_MONTHS} 个月，且开始月份不晚于结束月份`,
        en: `The period is 1 to ${MAX_MONTHS} months, its first month not after its last`,
      });
    }
    const reach = await this.access.unitsInReach(principal);
    const units = query.unitCode ? reach.filter((code) => code === query.unitCode) : reach;
    if (query.unitCode && units.length === 0) {
      throw new LocalizedHttpError(404, { 'zh-CN': `单位 ${query.unitCode} 不存在或不在您的管辖范围内`, en: `Unit ${query.unitCode} does not exist or is not within your reach` });
    }
    const rows =
      units.length === 0
        ? []
        : await this.dataSource
            .getRepository(AssessmentFact)
            .createQueryBuilder('f')
            .select('f.unitCode', 'unitCode')
            .addSelect('f.metric', 'metric')
            .addSelect('SUM(CASE WHEN f.met THEN 1 ELSE 0 END)', 'met')
            .addSelect('COUNT(*)', 'all')
            .where({ unitCode: In(units) })
            .andWhere('f.period >= :from AND f.period <= :to', { from, to })
            .groupBy('f.unitCode')
            .addGroupBy('f.metric')
            .getRawMany<{ unitCode: string; metric: AssessmentMetric; met: string | number; all: string | number }>();
    const byUnit = new Map<string, FactCount[]>();
    for (const row of rows) {
      const counts = byUnit.get(row.unitCode) ?? [];
      counts.push({ metric: row.metric, met: Number(row.met), all: Number(row.all) });
      byUnit.set(row.unitCode, counts);
    }
    // Every unit asked about is listed, with no data where it has no facts: absent is not zero.
    const listed = query.unitCode ? units : [...byUnit.keys()].sort();
    const names = new Map((await this.org.units()).map((u) => [u.code, u.name]));
    return {
      from,
      to,
      formulas: RATES,
      units: listed.map((unitCode) => ({ unitCode, unitName: names.get(unitCode) ?? unitCode, ...kpisOf(byUnit.get(unitCode) ?? []) })),
    };
  }
}

/** How many months from `from` to `to`, both included (0 or less when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { periodOf } from '../clocks/deadline';
import { lastBeforeCommit } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { AssessmentFact, AssessmentMetric } from './assessment-fact.entity';
import { scopesOfUnit, unitScope } from './assessment-scopes';
import { AssessmentTally, TALLY_STRIPES } from './assessment-tally.entity';

/** A fact a step records for a unit: what it did, and the limit it was measured against (none for a count). */
export interface StepFact {
  unitCode: string;
  metric: AssessmentMetric;
  dueAt: Date | null;
  /** The outcome when it is not a deadline (a rating, a conclusion); by default met = done by dueAt. */
  met?: boolean;
}

interface TallySum {
  scope: string;
  period: string;
  metric: string;
  met: number;
  total: number;
}

/**
 * The one writer of assessment facts and of their tallies (目标管理考核). Facts are written in the
 * transaction of the step that causes them; the tallies the KPI views read move with them.
 */
@Injectable()
export class AssessmentLedger {
  /** Sums a transaction has yet to add to the tallies, by its manager. */
  private readonly pending = new WeakMap<EntityManager, Map<string, TallySum>>();

  constructor(private readonly org: OrgService) {}

  /**
   * `stepKey` names the step (a worker delivery's key, a supervision record's, or a fresh one): the
   * same step and metric for the same unit is one fact however often it is written, and adds once.
   * `stepIsNew`: the caller has made sure in this transaction that the step is recorded for the first
   * time (the lifecycle's keyed timeline entry was new), so its facts are not looked for first.
   */
  async record(
    manager: EntityManager,
    petitionId: string,
    facts: StepFact[],
    now: Date,
    stepKey: string | null,
    { stepIsNew = false }: { stepIsNew?: boolean } = {},
  ): Promise<void> {
    if (facts.length === 0) return;
    const key = stepKey ?? randomUUID();
    const period = periodOf(now);
    const rows = facts.map((fact) => ({
      id: randomUUID(),
      petitionId,
      unitCode: fact.unitCode,
      metric: fact.metric,
      met: fact.met ?? (fact.dueAt === null || now.getTime() <= fact.dueAt.getTime()),
      dueAt: fact.dueAt,
      doneAt: now,
      period,
      recordedAt: now,
      sourceKey: `${key}:${fact.metric}:${fact.unitCode}`.slice(0, 240),
    }));
    // A step without a key of its own gets a fresh one: nothing recorded before can share it.
    const seen =
      stepIsNew || stepKey === null
        ? new Set<string>()
        : new Set(
            (await manager.find(AssessmentFact, { select: { sourceKey: true }, where: { sourceKey: In(rows.map((r) => r.sourceKey)) } })).map(
              (f) => f.sourceKey,
            ),
          );
    const fresh = rows.filter((row) => !seen.has(row.sourceKey));
    if (fresh.length === 0) return;
    await manager.insert(AssessmentFact, fresh);
    await this.tally(manager, fresh);
  }

  /**
   * Adds facts to the tallies of their unit, regions and tiers. Every step of a county adds to the
   * same few rows, so the sums of the whole transaction are added in one statement at its very end.
   */
  private async tally(manager: EntityManager, facts: readonly Pick<AssessmentFact, 'unitCode' | 'metric' | 'met' | 'period'>[]): Promise<void> {
    let sums = this.pending.get(manager);
    const first = !sums;
    sums ??= new Map();
    this.pending.set(manager, sums);
    for (const fact of facts) {
      for (const scope of await this.scopesOf(fact.unitCode)) {
        const id = `${scope}|${fact.period}|${fact.metric}`;
        const sum = sums.get(id) ?? { scope, period: fact.period, metric: fact.metric, met: 0, total: 0 };
        sum.met += fact.met ? 1 : 0;
        sum.total += 1;
        sums.set(id, sum);
      }
    }
    if (first) {
      await lastBeforeCommit(manager, () => {
        this.pending.delete(manager);
        return this.addToTallies(manager, sums);
      });
    }
  }

  private async addToTallies(manager: EntityManager, sums: Map<string, TallySum>): Promise<void> {
    // One order for every writer: two steps adding to the same region rows never wait on each other in a circle.
    const ordered = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, sum]) => sum);
    const sqlite = manager.connection.driver.options.type === 'better-sqlite3';
    // One stripe for the whole transaction: its rows are still taken in one order.
    const stripe = sqlite ? 0 : randomInt(TALLY_STRIPES);
    const values = ordered.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    const onConflict = sqlite
      ? 'ON CONFLICT (scope, period, metric, stripe) DO UPDATE SET met = met + excluded.met, total = total + excluded.total'
      : 'ON DUPLICATE KEY UPDATE met = met + VALUES(met), total = total + VALUES(total)';
    await manager.query(
      `INSERT INTO assessment_tally (scope, period, metric, stripe, met, total) VALUES ${values} ${onConflict}`,
      ordered.flatMap((sum) => [sum.scope, sum.period, sum.metric, stripe, sum.met, sum.total]),
    );
  }

  /** A unit the organisation no longer knows still has its own tally. */
  private async scopesOf(unitCode: string): Promise<string[]> {
    const unit = await this.org.unit(unitCode);
    if (!unit) return [unitScope(unitCode)];
    const chain = await this.org.regionChain(unit.regionCode);
    if (chain.length === 0) return [unitScope(unitCode)];
    return scopesOfUnit(unitCode, chain[0].level, chain.map((region) => region.code));
  }

  /**
   * Recomputes every tally from the facts: after the organisation moved units between regions, or for
   * facts recorded before tallies existed. One transaction; readers see the old tallies until it commits.
   */
  async rebuild(manager: EntityManager): Promise<number> {
    const counts = await manager
      .createQueryBuilder(AssessmentFact, 'f')
      .select('f.unitCode', 'unitCode')
      .addSelect('f.period', 'period')
      .addSelect('f.metric', 'metric')
      .addSelect('SUM(CASE WHEN f.met THEN 1 ELSE 0 END)', 'met')
      .addSelect('COUNT(*)', 'total')
      .groupBy('f.unitCode')
      .addGroupBy('f.period')
      .addGroupBy('f.metric')
      .getRawMany<{ unitCode: string; period: string; metric: AssessmentMetric; met: string | number; total: string | number }>();
    await manager.createQueryBuilder().delete().from(AssessmentTally).execute();
    const sums = new Map<string, AssessmentTally>();
    for (const row of counts) {
      for (const scope of await this.scopesOf(row.unitCode)) {
        const id = `${scope}|${row.period}|${row.metric}`;
        const sum = sums.get(id) ?? Object.assign(new AssessmentTally(), { scope, period: row.period, metric: row.metric, met: 0, total: 0 });
        sum.met += Number(row.met);
        sum.total += Number(row.total);
        sums.set(id, sum);
      }
    }
    const all = [...sums.values()];
    for (let i = 0; i < all.length; i += 500) await manager.insert(AssessmentTally, all.slice(i, i + 500));
    return all.length;
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AssessmentFact, AssessmentMetric } from '../../assessment/assessment-fact.entity';
import { deadlineFor, periodOf } from '../../clocks/deadline';
import type { Petition } from '../petition.entity';
import type { LifecycleEvent } from './transitions';

/** A fact a step records for a unit: what it did, and the limit it was measured against (none for a count). */
export interface StepFact {
  unitCode: string;
  metric: AssessmentMetric;
  dueAt: Date | null;
}

/** What a step changes, as the lifecycle sees it before writing it. */
export interface StepChange {
  event: LifecycleEvent;
  /** The petition before the step. */
  before: Pick<Petition, 'competentUnitCode' | 'receivingUnitCode' | 'registeredAt' | 'holderSince' | 'acceptDueAt' | 'handleDueAt' | 'returnCount'>;
  /** The columns the step writes. */
  columns: { returnCount?: number; handleDueAt?: Date | null };
  /** The unit that acted. */
  unitCode: string | null;
  now: Date;
}

/**
 * The assessment facts of one lifecycle step, for every unit it concerns (目标管理考核): the unit that
 * received, routed, passed on, returned, decided, replied, reviewed, and the unit whose reply a review
 * revoked. Each is measured against the limit of that step from the time-limit table.
 */
export function factsOf(change: StepChange): StepFact[] {
  const { event, before, columns, unitCode, now } = change;
  const holder = before.competentUnitCode;
  const count = (unit: string | null, metric: AssessmentMetric): StepFact[] => (unit ? [{ unitCode: unit, metric, dueAt: null }] : []);
  const timed = (unit: string | null, metric: AssessmentMetric, dueAt: Date | null): StepFact[] => (unit ? [{ unitCode: unit, metric, dueAt }] : []);
  switch (event) {
    case 'register':
    case 'registerAtAgentStation':
    case 'refuseConcluded':
      return count(unitCode ?? before.receivingUnitCode, 'received');
    case 'route':
      return timed(unitCode, 'routed', deadlineFor('routing', before.registeredAt ?? now));
    case 'handOver':
      return columns.returnCount !== undefined && columns.returnCount > before.returnCount
        ? timed(holder, 'returned', deadlineFor('return', before.holderSince ?? now))
        : timed(holder, 'transferred', before.acceptDueAt);
    case 'refer':
      return count(holder, 'referred');
    case 'decide':
      return count(unitCode, 'dispute-decided');
    case 'accept':
    case 'decline':
    case 'divert': {
      const decision: AssessmentMetric = event === 'accept' ? 'accepted' : event === 'decline' ? 'declined' : 'diverted';
      return [...timed(holder, 'timely-acceptance', before.acceptDueAt), ...count(holder, decision)];
    }
    case 'reply':
      return timed(holder, 'on-time-closure', before.handleDueAt);
    case 'extend':
      return count(holder, 'extended');
    case 'decideReview':
    case 'decideReReview':
      return count(unitCode, 'review-decided');
    case 'revokeOnReview':
    case 'revokeOnReReview':
      return [...count(unitCode, 'review-decided'), ...count(holder, 'reply-revoked')];
    default:
      return [];
  }
}

/**
 * Writes a step's facts in its transaction. `stepKey` names the step (a worker delivery's key, or a
 * fresh one): the same step and metric for the same unit is one fact however often it is written.
 */
export async function recordFacts(manager: EntityManager, petitionId: string, facts: StepFact[], now: Date, stepKey: string | null): Promise<void> {
  if (facts.length === 0) return;
  const key = stepKey ?? randomUUID();
  const rows = facts.map((fact) => ({
    id: randomUUID(),
    petitionId,
    unitCode: fact.unitCode,
    metric: fact.metric,
    met: fact.dueAt === null || now.getTime() <= fact.dueAt.getTime(),
    dueAt: fact.dueAt,
    doneAt: now,
    period: periodOf(now),
    recordedAt: now,
    sourceKey: `${key}:${fact.metric}:${fact.unitCode}`.slice(0, 240),
  }));
  await manager.createQueryBuilder().insert().into(AssessmentFact).values(rows).orIgnore().execute();
}

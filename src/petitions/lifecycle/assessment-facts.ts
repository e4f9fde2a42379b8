import type { AssessmentMetric } from '../../assessment/assessment-fact.entity';
import type { StepFact } from '../../assessment/assessment-ledger';
import { deadlineFor } from '../../clocks/deadline';
import { isSatisfied } from '../petition.types';
import type { Petition } from '../petition.entity';
import type { LifecycleEvent } from './transitions';

/** What a step changes, as the lifecycle sees it before writing it. */
export interface StepChange {
  event: LifecycleEvent;
  /** The petition before the step. */
  before: Pick<
    Petition,
    'status' | 'competentUnitCode' | 'receivingUnitCode' | 'registeredAt' | 'holderSince' | 'acceptDueAt' | 'handleDueAt' | 'returnCount' | 'collective'
  >;
  /** The columns the step writes. */
  columns: { returnCount?: number; handleDueAt?: Date | null; competentUnitCode?: string | null; levelSkip?: boolean };
  /** What the step records on the timeline (a rating's values, the petition office it rates). */
  data?: Record<string, unknown> | null;
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
  const { event, before, columns, unitCode, now, data } = change;
  const holder = before.competentUnitCode;
  const count = (unit: string | null, metric: AssessmentMetric): StepFact[] => (unit ? [{ unitCode: unit, metric, dueAt: null }] : []);
  const timed = (unit: string | null, metric: AssessmentMetric, dueAt: Date | null): StepFact[] => (unit ? [{ unitCode: unit, metric, dueAt }] : []);
  const outcome = (unit: string | null | undefined, metric: AssessmentMetric, met: boolean): StepFact[] => (unit ? [{ unitCode: unit, metric, dueAt: null, met }] : []);
  const office = typeof data?.petitionOfficeCode === 'string' ? data.petitionOfficeCode : null;
  switch (event) {
    case 'register':
    case 'registerAtAgentStation':
    case 'refuseConcluded':
      return count(unitCode ?? before.receivingUnitCode, 'received');
    case 'route': {
      // 越级访 and 集体访 count for the unit whose area they come from: the competent one.
      const competent = columns.competentUnitCode ?? null;
      return [
        ...timed(unitCode, 'routed', deadlineFor('routing', before.registeredAt ?? now)),
        ...(columns.levelSkip ? count(competent, 'level-skip') : []),
        ...(before.collective ? count(competent, 'collective') : []),
      ];
    }
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
      return count(unitCode, 'review-decided');
    case 'decideReReview':
      return [...count(unitCode, 'review-decided'), ...outcome(holder, 'concluded', false)];
    case 'rate':
      return [
        ...outcome(holder, 'rated', isSatisfied(data?.handlingUnit)),
        ...outcome(office, 'office-rated', isSatisfied(data?.petitionOffice)),
      ];
    case 'lapseRating':
      return [...count(holder, 'rating-lapsed'), ...count(office, 'office-rating-lapsed')];
    case 'lapse':
      // 一次性化解: concluded with the first reply, no review asked for.
      return outcome(holder, 'concluded', before.status === 'replied');
    case 'revokeOnReview':
    case 'revokeOnReReview':
      return [...count(unitCode, 'review-decided'), ...count(holder, 'reply-revoked')];
    default:
      return [];
  }
}

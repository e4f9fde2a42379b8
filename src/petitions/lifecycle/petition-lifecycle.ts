import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentLedger, StepFact } from '../../assessment/assessment-ledger';
import { Decision } from '../../camunda/process-contract';
import { addCalendarDays, chinaDate, deadlineFor } from '../../clocks/deadline';
import { TIME_LIMITS } from '../../clocks/time-limits';
import { LocalizedHttpError } from '../../common/errors';
import type { ConclusionGround, LegalRoute, RatingValue, ReplyOutcome, ReviewOutcome, ReviewStage, ServiceMethod } from '../petition.types';
import { Petition } from '../petition.entity';
import { PetitionRepository } from '../petition.repository';
import { recordEvent } from '../timeline';
import { factsOf } from './assessment-facts';
import { LifecycleEvent, nextStatus, TRANSITIONS } from './transitions';
import { transitionRefused } from './transition-refused';

/** Who did it, when, where, and what the timeline says of it. */
export interface Occurrence {
  now: Date;
  actor: string;
  unitCode: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** A worker's delivery: the second delivery of the same task changes nothing. */
  idempotencyKey?: string | null;
}

/** The columns only the lifecycle writes: status, holder, deadlines and the outcome of each step. */
type LifecycleColumns = Partial<
  Pick<
    Petition,
    | 'status'
    | 'competentUnitCode'
    | 'receivingUnitCode'
    | 'holderSince'
    | 'registeredAt'
    | 'routedAt'
    | 'acceptDueAt'
    | 'decision'
    | 'decidedAt'
    | 'declineReason'
    | 'legalRoute'
    | 'handleDueAt'
    | 'committedAt'
    | 'simplified'
    | 'extensionDays'
    | 'findings'
    | 'replyOutcome'
    | 'replyText'
    | 'repliedAt'
    | 'servedAt'
    | 'serviceMethod'
    | 'replyRound'
    | 'concludedAt'
    | 'conclusionGround'
    | 'closedAt'
    | 'levelSkip'
    | 'returnCount'
    | 'bound'
    | 'assignedByUnitCode'
    | 'assignDueAt'
  >
>;

const SIMPLIFIED_FIRST_TIME_ONLY = new LocalizedHttpError(400, {
  'zh-CN': '简易办理仅适用于初次信访、事实清楚的事项；本件为重复信访，请按一般程序办理',
  en: 'The simplified path is for first-time, clear matters; this petition repeats an earlier one',
});

export const ALREADY_EXTENDED = new LocalizedHttpError(409, {
  'zh-CN': '本件办理期限已延长过一次，不得再次延期（信访工作条例 第三十四条）',
  en: 'The handling period of this petition was extended once already; it cannot be extended again (Art. 34)',
});

/** Art. 34: once. */
export function assertExtendable(petition: Pick<Petition, 'extensionDays'>): void {
  if (petition.extensionDays > 0) throw ALREADY_EXTENDED;
}

/**
 * The one owner of a petition's status, holder and deadlines. Every change goes through a method
 * here, inside the caller's transaction: the event is checked against the transition table
 * (transitions.ts) and refused from a status it may not follow (409), the deadlines it starts are
 * computed from the time-limit table, and its timeline entry is written with it.
 */
@Injectable()
export class PetitionLifecycle {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly ledger: AssessmentLedger,
  ) {}

  /**
   * 登记: the same matter, concluded before, is refused with the ground that concluded it (Art. 36
   * after a re-review, the lapse of a review window otherwise); a village entry waits for its agent station.
   * `petition` is the row the caller locked (lockForUpdate) in this transaction.
   */
  async register(manager: EntityManager, petition: Petition, at: Occurrence): Promise<Petition> {
    const registered = { kind: 'registered' as const, data: { number: petition.number, entryLevel: petition.entryLevel, collective: petition.collective } };
    const concluded = petition.repeatOfId ? await this.petitions.find(petition.repeatOfId, manager) : null;
    // 重复信访 counts against the unit that handled the matter before.
    const repeated: StepFact[] = concluded?.competentUnitCode ? [{ unitCode: concluded.competentUnitCode, metric: 'repeated', dueAt: null }] : [];
    if (concluded?.status === 'concluded') {
      return this.transition(manager, petition, 'refuseConcluded', { registeredAt: at.now, decision: 'refuse-concluded', decidedAt: at.now }, {
        ...at,
        note: refusalReason(concluded),
        data: { repeatOf: concluded.number, ground: concluded.conclusionGround },
        idempotencyKey: at.idempotencyKey ? `${at.idempotencyKey}:refused` : null,
        before: [{ ...registered, idempotencyKey: at.idempotencyKey ?? null }],
        facts: repeated,
      });
    }
    const event = petition.entryLevel === 'village' ? 'registerAtAgentStation' : 'register';
    return this.transition(manager, petition, event, { registeredAt: at.now }, { ...at, data: registered.data, facts: repeated });
  }

  /** 代办转交: the village agent station forwards it to its township's petition office. */
  forward(manager: EntityManager, petition: Petition, township: string, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'forward', { competentUnitCode: township, holderSince: at.now }, at);
  }

  /** 分流: routing.dmn named the competent unit; the acceptance clock starts (Art. 23). */
  route(manager: EntityManager, petition: Petition, to: { unitCode: string; levelSkip: boolean }, at: Occurrence & { after?: TimelineEntry[] }): Promise<Petition> {
    return this.transition(
      manager,
      petition,
      'route',
      {
        competentUnitCode: to.unitCode,
        routedAt: at.now,
        holderSince: at.now,
        acceptDueAt: deadlineFor('acceptance', at.now),
        levelSkip: to.levelSkip,
      },
      at,
    );
  }

  /**
   * 转送 / 交办 / 报请 / 退回, or a superior's binding 裁决 (`decide`): another unit holds it and has
   * 15 days to decide on acceptance. An assignment keeps who assigned it and by when.
   */
  handOver(
    manager: EntityManager,
    petition: Petition,
    to: string,
    how: { decided?: boolean; returned?: boolean; assignment?: { by: string; dueAt: Date } },
    at: Occurrence,
  ): Promise<Petition> {
    return this.transition(
      manager,
      petition,
      how.decided ? 'decide' : 'handOver',
      {
        competentUnitCode: to,
        holderSince: at.now,
        acceptDueAt: deadlineFor('acceptance', at.now),
        ...(how.returned ? { returnCount: petition.returnCount + 1 } : {}),
        ...(how.decided ? { bound: true } : {}),
        ...(how.assignment ? { assignedByUnitCode: how.assignment.by, assignDueAt: how.assignment.dueAt } : {}),
      },
      at,
    );
  }

  /** 争议, or a second return: the nearest common superior holds it until it decides (15 days, Art. 22). */
  refer(manager: EntityManager, petition: Petition, superior: string, how: { returned: boolean }, at: Occurrence): Promise<Petition> {
    return this.transition(
      manager,
      petition,
      'refer',
      { competentUnitCode: superior, holderSince: at.now, ...(how.returned ? { returnCount: petition.returnCount + 1 } : {}) },
      at,
    );
  }

  /**
   * 受理: 60 days to handle it (Art. 34), or 10 working days in the simplified path for a first-time
   * matter; the unit may commit to an earlier day, never a later one.
   */
  accept(manager: EntityManager, petition: Petition, how: { simplified: boolean; committedDate?: string }, at: Occurrence): Promise<Petition> {
    if (how.simplified && petition.repeatOfId) throw SIMPLIFIED_FIRST_TIME_ONLY;
    const handleDueAt = deadlineFor(how.simplified ? 'simplified' : 'handling', at.now);
    const committedAt = how.committedDate ? committedEnd(how.committedDate, at.now, handleDueAt) : handleDueAt;
    return this.transition(
      manager,
      petition,
      'accept',
      { decision: Decision.accept, decidedAt: at.now, handleDueAt, committedAt, simplified: how.simplified },
      { ...at, data: { committedAt: committedAt.toISOString(), handleDueAt: handleDueAt.toISOString(), simplified: how.simplified } },
    );
  }

  decline(manager: EntityManager, petition: Petition, reason: string, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'decline', { decision: Decision.decline, decidedAt: at.now, declineReason: reason }, at);
  }

  divert(manager: EntityManager, petition: Petition, reason: string, legalRoute: LegalRoute, at: Occurrence): Promise<Petition> {
    return this.transition(
      manager,
      petition,
      'divert',
      { decision: Decision.divertLegal, decidedAt: at.now, declineReason: reason, legalRoute },
      { ...at, data: { legalRoute } },
    );
  }

  recordFindings(manager: EntityManager, petition: Petition, findings: string, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'recordFindings', { findings }, at);
  }

  /**
   * 答复 and 送达 (Art. 32): the opinion, and when and how it reached the petitioner. Each reply is a
   * new round: it is rated on its own, and a revoked one is followed by another.
   */
  reply(
    manager: EntityManager,
    petition: Petition,
    reply: { outcome: ReplyOutcome; text: string; servedAt: Date; serviceMethod: ServiceMethod },
    at: Occurrence,
  ): Promise<Petition> {
    return this.transition(
      manager,
      petition,
      'reply',
      {
        replyOutcome: reply.outcome,
        replyText: reply.text,
        repliedAt: at.now,
        servedAt: reply.servedAt,
        serviceMethod: reply.serviceMethod,
        replyRound: petition.replyRound + 1,
      },
      {
        ...at,
        data: { replyOutcome: reply.outcome },
        after: [{ kind: 'served', note: null, data: { method: reply.serviceMethod, servedAt: reply.servedAt.toISOString() } }],
      },
    );
  }

  /**
   * 送达, recorded after the reply: the date on a posted letter's return receipt, or the day it was
   * handed over. The rating and review windows (Art. 35) count from it, not from the reply.
   */
  serve(manager: EntityManager, petition: Petition, service: { servedAt: Date; serviceMethod: ServiceMethod }, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'serve', { servedAt: service.servedAt, serviceMethod: service.serviceMethod }, {
      ...at,
      data: { ...at.data, method: service.serviceMethod, servedAt: service.servedAt.toISOString(), replyRound: petition.replyRound },
    });
  }

  /**
   * 送达 of the written review opinion, recorded after it was given: the re-review window (Art. 36)
   * counts from it. Only the timeline holds it (requestWindowOf reads it there): the petition keeps
   * the reply's service.
   */
  serveReviewOpinion(manager: EntityManager, petition: Petition, service: { servedAt: Date; serviceMethod: ServiceMethod }, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'serveReviewOpinion', {}, {
      ...at,
      data: { ...at.data, stage: 'review', method: service.serviceMethod, servedAt: service.servedAt.toISOString() },
    });
  }

  /** 满意度评价: the two ratings of the current reply (the caller writes the rating row in this transaction). */
  /** 满意度评价 of the handling unit and of the petition office (`petitionOfficeCode`, the office rated). */
  rate(
    manager: EntityManager,
    petition: Petition,
    rating: { handlingUnit: RatingValue; petitionOffice: RatingValue; channel: string; petitionOfficeCode: string | null },
    at: Occurrence,
  ): Promise<Petition> {
    return this.transition(manager, petition, 'rate', {}, { ...at, data: { ...rating, replyRound: petition.replyRound } });
  }

  /** 未评价: the window ended, or a review was asked for, with the reply unrated. */
  lapseRating(manager: EntityManager, petition: Petition, petitionOfficeCode: string | null, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'lapseRating', {}, { ...at, data: { replyRound: petition.replyRound, petitionOfficeCode } });
  }

  /** 复查 / 复核: the reviewing body has the request, and a written opinion is due by `dueAt`. */
  openReview(manager: EntityManager, petition: Petition, review: { stage: ReviewStage; reviewingUnitCode: string; dueAt: Date }, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, review.stage === 'review' ? 'openReview' : 'openReReview', {}, {
      ...at,
      unitCode: review.reviewingUnitCode,
      data: { stage: review.stage, to: review.reviewingUnitCode, dueAt: review.dueAt.toISOString() },
    });
  }

  /**
   * The written opinion. 维持 / 变更 opens the re-review window after a review and concludes the matter
   * after a re-review (Art. 36); 撤销 sends it back to the unit that replied, to handle again on a new
   * handling period, and the next reply opens its windows anew.
   */
  decideReview(manager: EntityManager, petition: Petition, decision: { stage: ReviewStage; outcome: ReviewOutcome }, at: Occurrence): Promise<Petition> {
    const data = { ...at.data, stage: decision.stage, outcome: decision.outcome };
    if (decision.outcome === 'revoke') {
      const handleDueAt = deadlineFor('handling', at.now);
      return this.transition(
        manager,
        petition,
        decision.stage === 'review' ? 'revokeOnReview' : 'revokeOnReReview',
        {
          holderSince: at.now,
          handleDueAt,
          committedAt: handleDueAt,
          simplified: false,
          extensionDays: 0,
          findings: null,
          replyOutcome: null,
          replyText: null,
          repliedAt: null,
          servedAt: null,
          serviceMethod: null,
        },
        { ...at, data: { ...data, handleDueAt: handleDueAt.toISOString() } },
      );
    }
    if (decision.stage === 'review') return this.transition(manager, petition, 'decideReview', {}, { ...at, data });
    return this.transition(manager, petition, 'decideReReview', { concludedAt: at.now, conclusionGround: 're-reviewed' }, {
      ...at,
      data,
      after: [{ kind: 'concluded', note: null, data: { ground: 're-reviewed' } }],
    });
  }

  /**
   * 听证 (Art. 36): the hearing that stopped a step's clock is over; the clock runs on, every instant
   * moved by the time the hearing took. On the handling clock the handling and committed deadlines move.
   */
  resumeAfterHearing(
    manager: EntityManager,
    petition: Petition,
    hearing: { clock: string; from: Date; until: Date; dueAt: Date | null },
    at: Occurrence,
  ): Promise<Petition> {
    const shiftMs = hearing.until.getTime() - hearing.from.getTime();
    const moved =
      hearing.clock === 'handle' && petition.handleDueAt
        ? {
            handleDueAt: new Date(petition.handleDueAt.getTime() + shiftMs),
            committedAt: petition.committedAt ? new Date(petition.committedAt.getTime() + shiftMs) : null,
          }
        : {};
    return this.transition(manager, petition, 'resumeAfterHearing', moved, {
      ...at,
      data: {
        ...at.data,
        clock: hearing.clock,
        pausedFrom: hearing.from.toISOString(),
        pausedUntil: hearing.until.toISOString(),
        shiftMs,
        dueAt: hearing.dueAt?.toISOString() ?? null,
      },
    });
  }

  /** 终结: the review window (after a reply) or the re-review window (after a review) closed unused. */
  lapse(manager: EntityManager, petition: Petition, at: Occurrence): Promise<Petition> {
    const ground: ConclusionGround = petition.status === 'reviewed' ? 're-review-lapsed' : 'review-lapsed';
    return this.transition(manager, petition, 'lapse', { concludedAt: at.now, conclusionGround: ground }, { ...at, data: { ground } });
  }

  /** The assigning unit accepts the completion report: the assignment is over. */
  approveCompletion(manager: EntityManager, petition: Petition, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'approveCompletion', { assignedByUnitCode: null, assignDueAt: null }, at);
  }

  /** …or sends it back: the reply is withdrawn and the matter handled again. */
  returnCompletion(manager: EntityManager, petition: Petition, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'returnCompletion', { replyOutcome: null, replyText: null, repliedAt: null }, at);
  }

  /**
   * 延期 (Art. 34): the handling deadline and the committed date move by the approved days, once,
   * never by more than the extension limit.
   */
  extend(manager: EntityManager, petition: Petition, days: number, at: Occurrence): Promise<Petition> {
    assertExtendable(petition);
    if (!Number.isInteger(days) || days < 1 || days > TIME_LIMITS.extension.days || !petition.handleDueAt) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `延期天数须为 1 至 ${TIME_LIMITS.extension.days} 日（信访工作条例第三十四条）`,
        en: `An extension is 1 to ${TIME_LIMITS.extension.days} days (Art. 34)`,
      });
    }
    const handleDueAt = addCalendarDays(petition.handleDueAt, days);
    const committedAt = petition.committedAt ? addCalendarDays(petition.committedAt, days) : null;
    return this.transition(manager, petition, 'extend', { handleDueAt, committedAt, extensionDays: days }, {
      ...at,
      data: { ...at.data, days, handleDueAt: handleDueAt.toISOString() },
    });
  }

  /** 办结归档: the petition's process ended. */
  async close(manager: EntityManager, petitionId: string, at: Occurrence & { data: { result: string } }): Promise<Petition> {
    const petition = await this.petitions.lockForUpdate(manager, petitionId);
    return this.transition(manager, petition, 'close', { closedAt: at.now }, { ...at, unitCode: at.unitCode ?? petition.competentUnitCode });
  }

  /** 撤并: the unit holding it closed; its successor holds it now (a link on its timeline like any other). */
  succeed(manager: EntityManager, petition: Petition, successor: string, at: Occurrence): Promise<Petition> {
    return this.transition(manager, petition, 'succeed', { competentUnitCode: successor }, at);
  }

  /**
   * 撤并, for the petitions a closed unit received or assigned: first-handler responsibility and
   * pending completion reports pass to its successor. Not a change of holder: no timeline entry.
   */
  async passUnitRoles(manager: EntityManager, closed: string, successor: string): Promise<void> {
    await this.petitions.updateWhere(manager, { receivingUnitCode: closed }, { receivingUnitCode: successor });
    await this.petitions.updateWhere(manager, { assignedByUnitCode: closed }, { assignedByUnitCode: successor });
  }

  /**
   * Checks the event against the table, writes its columns and its timeline entry (and any entries
   * that belong with it) in the caller's transaction, and answers the petition as it now is. A worker's
   * second delivery of the same event changes nothing and answers the petition as it is.
   */
  private async transition(
    manager: EntityManager,
    petition: Petition,
    event: LifecycleEvent,
    columns: LifecycleColumns,
    at: Occurrence & { before?: TimelineEntry[]; after?: TimelineEntry[]; facts?: StepFact[] },
  ): Promise<Petition> {
    const status = nextStatus(petition.status, event);
    if (!status) {
      // A second delivery finds the petition moved on by its first: not a refusal.
      if (at.idempotencyKey && (await this.petitions.hasTimelineEntry(manager, at.idempotencyKey))) {
        return this.petitions.require(manager, petition.id);
      }
      throw transitionRefused(petition, event);
    }
    // Entries written together keep their order on the timeline, which sorts by time: those before the
    // event a millisecond earlier each, those after it a millisecond later.
    const entry = (e: TimelineEntry, offsetMs = 0) =>
      recordEvent(manager, {
        petitionId: petition.id,
        kind: e.kind,
        occurredAt: new Date(at.now.getTime() + offsetMs),
        unitCode: e.unitCode === undefined ? at.unitCode : e.unitCode,
        actor: at.actor,
        note: e.note ?? null,
        data: e.data ?? null,
        idempotencyKey: e.idempotencyKey ?? null,
      });
    // The event's own entry first: its idempotency key makes a second delivery of the same event write
    // nothing, decided by the insert itself rather than a look beforehand. The timeline sorts by time.
    const written = await entry({ kind: TRANSITIONS[event].timeline, note: at.note, data: at.data, idempotencyKey: at.idempotencyKey });
    if (!written) return this.petitions.require(manager, petition.id);
    const before = at.before ?? [];
    for (const [i, earlier] of before.entries()) await entry(earlier, i - before.length);
    await this.petitions.update(manager, petition.id, { ...columns, status });
    // 目标管理考核: what the step says of each unit it concerns, in the same transaction. The entry above
    // was new, so none of the step's facts can be there yet.
    const facts = [...factsOf({ event, before: petition, columns, unitCode: at.unitCode, now: at.now, data: at.data }), ...(at.facts ?? [])];
    await this.ledger.record(manager, petition.id, facts, at.now, at.idempotencyKey ?? null, { stepIsNew: true });
    for (const [i, later] of (at.after ?? []).entries()) await entry(later, i + 1);
    // The row as it now is without reading it again: the caller read it in this transaction, and only
    // these columns changed.
    return Object.assign(new Petition(), petition, columns, { status });
  }
}

/** A further timeline entry written with a transition (the level skip found while routing). */
export interface TimelineEntry {
  kind: import('../petition.types').EventKind;
  unitCode?: string | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
  idempotencyKey?: string | null;
}

/** The written reason for not accepting a concluded matter again: which conclusion, and when. */
export function refusalReason(concluded: Pick<Petition, 'number' | 'conclusionGround' | 'concludedAt'>): string {
  const day = concluded.concludedAt ? chinaDate(concluded.concludedAt) : '';
  switch (concluded.conclusionGround) {
    case 're-reviewed':
      return `同一事实和理由的信访事项（${concluded.number}）已于 ${day} 经复核终结，不再受理（信访工作条例 第三十六条）`;
    case 're-review-lapsed':
      return `同一事实和理由的信访事项（${concluded.number}）复查意见送达后30日内未申请复核，已于 ${day} 终结，不再受理（信访工作条例 第三十六条）`;
    default:
      return `同一事实和理由的信访事项（${concluded.number}）处理意见送达后30日内未申请复查，已于 ${day} 终结，不再受理（信访工作条例 第三十五条）`;
  }
}

/** A committed date is a whole day: it ends at 24:00 China time, and cannot lie past the legal deadline. */
function committedEnd(date: string, now: Date, legal: Date): Date {
  const end = new Date(`${date.slice(0, 10)}T23:59:59.999+08:00`);
  if (Number.isNaN(end.getTime()) || end <= now || end > legal) {
    const legalDay = chinaDate(legal);
    throw new LocalizedHttpError(400, {
      'zh-CN': `承诺办理日期须在今天之后，且不晚于法定期限 ${legalDay}`,
      en: `The committed date must be after today and no later than the legal deadline, ${legalDay}`,
    });
  }
  return end;
}

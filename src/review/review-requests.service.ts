import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { Message, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { chinaDate, deadlineFor } from '../clocks/deadline';
import { requestWindowOf } from '../petitions/lifecycle/request-window';
import { LocalizedHttpError } from '../common/errors';
import { outageOf } from '../common/outage';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import type { AfterReplyChannel, ReviewStage } from '../petitions/petition.types';
import { PetitionReview } from './petition-review.entity';

export interface ReviewRequestSource {
  channel: AfterReplyChannel;
  actor: string;
}

export interface ReviewRequested {
  stage: ReviewStage;
  dueAt: string;
  reviewingUnit: string;
}

const STAGE_NAMES = { review: { 'zh-CN': '复查', en: 'review' }, 're-review': { 'zh-CN': '复核', en: 're-review' } } as const;

const NOTHING_TO_REVIEW = new LocalizedHttpError(409, {
  'zh-CN': '本件目前不能申请复查或复核：复查针对已送达的处理意见，复核针对复查意见；已终结的事项不再受理（信访工作条例 第三十五条、第三十六条）',
  en: 'Nothing here can be reviewed now: a review is of a served handling opinion, a re-review of a review opinion; a concluded matter is not taken up again (Art. 35, 36)',
});

function alreadyRequested(stage: ReviewStage): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `本件已经申请过${STAGE_NAMES[stage]['zh-CN']}，正在办理中`,
    en: `A ${STAGE_NAMES[stage].en} of this matter was requested already and is under way`,
  });
}

/** Art. 35/36: the request came after its 30 days; the answer says when they ended. */
export function windowClosed(stage: ReviewStage, closesAt: Date): LocalizedHttpError {
  const day = chinaDate(closesAt);
  return stage === 'review'
    ? new LocalizedHttpError(409, {
        'zh-CN': `复查申请期限已于 ${day} 届满：应自收到书面答复之日起30日内提出（信访工作条例 第三十五条）。本事项已终结。`,
        en: `The period to ask for a review ended on ${day}: a review is asked for within 30 days of receiving the written reply (Art. 35). The matter is concluded.`,
      })
    : new LocalizedHttpError(409, {
        'zh-CN': `复核申请期限已于 ${day} 届满：应自收到复查意见之日起30日内提出（信访工作条例 第三十六条）。本事项已终结。`,
        en: `The period to ask for a re-review ended on ${day}: a re-review is asked for within 30 days of receiving the review opinion (Art. 36). The matter is concluded.`,
      });
}

const NO_REVIEWING_BODY = new LocalizedHttpError(409, {
  'zh-CN': '本件由市级机关办理，复查（复核）机关为省级机关，请向省级机关提出申请',
  en: 'This matter was handled by a city body: its review is by a provincial body, outside this system',
});

/**
 * 申请复查 / 复核: the request is written first (with the reviewing body and its due date), then the
 * process is told; a request the engine refuses (its window just closed) is removed and answered with
 * the closing date, one the engine could not be asked about stays, unopened, and is sent again when the
 * petitioner retries.
 */
@Injectable()
export class ReviewRequestService {
  constructor(
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly org: OrgService,
    private readonly camunda: CamundaRestClient,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /** The window a request now belongs to (requestWindowOf), or whose lapse concluded the matter. */
  openWindow(petition: Petition, manager: EntityManager = this.dataSource.manager) {
    return requestWindowOf(manager, petition);
  }

  async request(petitionId: string, reasons: string, source: ReviewRequestSource): Promise<ReviewRequested> {
    const now = this.clock.now();
    const { review, petition, resend } = await this.tx.write(async (manager) => {
      const petition = await this.petitions.lockForUpdate(manager, petitionId);
      const window = await this.openWindow(petition, manager);
      if (!window) throw NOTHING_TO_REVIEW;
      // Concluded because this window lapsed: the answer says when it closed.
      if (petition.status === 'concluded') throw windowClosed(window.stage, window.closesAt);
      const earlier = await manager.findOneBy(PetitionReview, { petitionId, replyRound: petition.replyRound, stage: window.stage });
      // Written, but the engine never confirmed it: send it again, as it was.
      if (earlier && !earlier.openedAt) return { review: earlier, petition, resend: true };
      if (earlier) throw alreadyRequested(window.stage);
      if (now > window.closesAt) throw windowClosed(window.stage, window.closesAt);
      const reviewedUnitCode = await this.reviewedUnit(manager, petition, window.stage);
      const reviewing = await this.org.reviewingBodyFor(await this.org.requireUnit(reviewedUnitCode));
      if (!reviewing) throw NO_REVIEWING_BODY;
      const review: PetitionReview = {
        id: randomUUID(),
        petitionId,
        replyRound: petition.replyRound,
        stage: window.stage,
        reasons: reasons.trim(),
        channel: source.channel,
        requestedBy: source.actor,
        requestedAt: now,
        reviewedUnitCode,
        reviewingUnitCode: reviewing.code,
        openedAt: null,
        dueAt: deadlineFor(window.stage === 'review' ? 'review' : 'reReview', now),
        outcome: null,
        opinion: null,
        decidedBy: null,
        decidedAt: null,
      };
      await manager.insert(PetitionReview, review);
      await this.audit.recordRequest(manager, { resourceId: petitionId, detail: { stage: window.stage } });
      return { review, petition, resend: false };
    });
    try {
      await this.camunda.correlateMessage(
        review.stage === 'review' ? Message.reviewRequested : Message.reReviewRequested,
        petition.processInstanceId ?? '',
        review.stage === 'review' ? { [Var.reviewRequested]: true } : {},
      );
    } catch (error) {
      if (outageOf(error)) throw error;
      // The engine is no longer waiting for a request: its window closed a moment ago.
      await this.tx.write((manager) => manager.delete(PetitionReview, { id: review.id, openedAt: IsNull() }));
      if (resend) throw NOTHING_TO_REVIEW;
      const window = await this.openWindow(petition);
      throw windowClosed(review.stage, window?.closesAt ?? now);
    }
    const unit = await this.org.unit(review.reviewingUnitCode!);
    return { stage: review.stage, dueAt: review.dueAt!.toISOString(), reviewingUnit: unit?.name ?? review.reviewingUnitCode! };
  }

  /** Whose opinion is reviewed: the unit that replied, or for a re-review the body that reviewed it. */
  private async reviewedUnit(manager: EntityManager, petition: Petition, stage: ReviewStage): Promise<string> {
    if (stage === 'review') return petition.competentUnitCode!;
    const review = await manager.findOneByOrFail(PetitionReview, { petitionId: petition.id, replyRound: petition.replyRound, stage: 'review' });
    return review.reviewingUnitCode!;
  }
}

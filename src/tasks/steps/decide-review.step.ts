import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Notice, Step, Var } from '../../camunda/process-contract';
import { NotificationOutbox } from '../../notifications/notification-outbox';
import { OrgService } from '../../org/org.service';
import { requestWindow } from '../../clocks/request-windows';
import { clockVariables } from '../../clocks/task-clock';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';
import { REVIEW_OUTCOMES, ReviewOutcome, ReviewStage } from '../../petitions/petition.types';
import { PetitionReview } from '../../review/petition-review.entity';
import { StepContext, TaskStep } from './task-step';

/** 复查 / 复核 decision: uphold, change, or revoke and order the unit to handle again, with a written opinion. */
export class DecideReviewForm {
  @ApiProperty({ enum: REVIEW_OUTCOMES, description: '维持 uphold / 变更 change / 撤销并责令重新办理 revoke' })
  @IsNotEmpty()
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @ApiProperty({ maxLength: 10000, description: '书面意见: shown to the petitioner' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(10_000)
  opinion!: string;
}

/**
 * The reviewing body's decision. A revoked reply goes back to the unit that gave it, to be handled
 * again within a new handling period; otherwise a review opens the re-review window (Art. 36) and a
 * re-review concludes the matter.
 */
@Injectable()
export class DecideReviewStep implements TaskStep<DecideReviewForm> {
  readonly keys = [Step.decideReview, Step.decideReReview];
  readonly form = DecideReviewForm;

  constructor(
    private readonly lifecycle: PetitionLifecycle,
    private readonly outbox: NotificationOutbox,
    private readonly org: OrgService,
  ) {}

  async apply({ manager, principal, petition, task, now }: StepContext, form: DecideReviewForm) {
    const stage: ReviewStage = task.taskDefinitionKey === Step.decideReview ? 'review' : 're-review';
    const review = await manager.findOneByOrFail(PetitionReview, { petitionId: petition.id, replyRound: petition.replyRound, stage });
    const opinion = form.opinion.trim();
    await manager.update(PetitionReview, { id: review.id }, { outcome: form.outcome, opinion, decidedBy: principal.username, decidedAt: now });
    const after = await this.lifecycle.decideReview(manager, petition, { stage, outcome: form.outcome }, {
      now,
      actor: principal.username,
      unitCode: principal.unitCode,
      data: { reviewId: review.id },
    });
    // 复查意见书 / 复核意见书, from the reviewing body, in writing (Art. 35/36).
    const reviewingUnitName = (await this.org.unit(principal.unitCode))?.name ?? '复查机关';
    await this.outbox.enqueue(manager, after, {
      kind: stage === 'review' ? Notice.reviewOpinion : Notice.reReviewOpinion,
      now,
      idempotencyKey: `${stage}-opinion:${review.id}`,
      unitCode: principal.unitCode,
      facts: { review: { stage, outcome: form.outcome, opinion, reviewingUnitName } },
    });
    if (form.outcome === 'revoke') {
      return { [Var.reviewOutcome]: form.outcome, [Var.rehandle]: true, ...clockVariables('handle', now, after.handleDueAt!) };
    }
    return {
      [Var.reviewOutcome]: form.outcome,
      ...(stage === 'review' ? { [Var.reReviewRequestClosesAt]: requestWindow('re-review', now).closesAt } : {}),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { clockVariables } from '../clocks/task-clock';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { PetitionWork } from '../petitions/petition-work';
import type { ReviewStage } from '../petitions/petition.types';
import { PetitionReview } from './petition-review.entity';

/**
 * review.bpmn's first step: the registered request is taken up by its reviewing body, whose task is
 * due 30 days after the request (Art. 35, 36) with the reminder, supervision and discipline timers.
 */
@Injectable()
export class ReviewOpenHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  @TopicHandler(Topic.reviewOpen)
  open(task: ExternalTaskContext): Promise<HandlerResult> {
    const stage = task.requireVariable<ReviewStage>(Var.reviewStage);
    return this.work.on(task, async ({ manager, petition, now }) => {
      const review = await manager.findOneBy(PetitionReview, { petitionId: petition.id, replyRound: petition.replyRound, stage });
      if (!review?.reviewingUnitCode || !review.dueAt) throw new Error(`Petition ${petition.number} has no ${stage} request to open`);
      if (!review.openedAt) {
        await manager.update(PetitionReview, { id: review.id }, { openedAt: now });
        await this.lifecycle.openReview(manager, petition, { stage, reviewingUnitCode: review.reviewingUnitCode, dueAt: review.dueAt }, {
          now: review.requestedAt,
          actor: review.requestedBy,
          unitCode: review.reviewingUnitCode,
          data: { channel: review.channel },
          idempotencyKey: task.idempotencyKey,
        });
      }
      return {
        [Var.reviewingUnitCode]: review.reviewingUnitCode,
        ...clockVariables(stage === 'review' ? 'reviewOpinion' : 'reReviewOpinion', review.requestedAt, review.dueAt),
      };
    });
  }
}

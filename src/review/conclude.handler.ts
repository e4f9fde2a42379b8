import { Injectable } from '@nestjs/common';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { PetitionWork } from '../petitions/petition-work';

/** 终结: the review window after a reply, or the re-review window after a review, closed unused. */
@Injectable()
export class ConcludeHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  @TopicHandler(Topic.conclude)
  conclude(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, async ({ manager, petition, now }) => {
      await this.lifecycle.lapse(manager, petition, { now, actor: 'system', unitCode: petition.competentUnitCode, idempotencyKey: task.idempotencyKey });
    });
  }
}

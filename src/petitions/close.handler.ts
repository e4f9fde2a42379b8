import { Injectable } from '@nestjs/common';
import { PetitionWork } from './petition-work';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { PetitionLifecycle } from './lifecycle/petition-lifecycle';
import { resultOf } from './petition.types';

/** The end event of `petition`: the case is closed for the unit that held it. */
@Injectable()
export class CloseHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  @TopicHandler(Topic.close)
  close(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, async ({ manager, petition, now }) => {
      await this.lifecycle.close(manager, petition.id, {
        now,
        actor: 'system',
        unitCode: petition.competentUnitCode,
        data: { result: resultOf(petition) },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

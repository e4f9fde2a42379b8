import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { PetitionLifecycle } from './lifecycle/petition-lifecycle';
import { PetitionRepository } from './petition.repository';
import { resultOf } from './petition.types';

/** The end event of `petition`: the case is closed for the unit that held it. */
@Injectable()
export class CloseHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  @TopicHandler(Topic.close)
  close(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await this.petitions.requireSettled(manager, petitionId);
      await this.lifecycle.close(manager, petitionId, {
        now: this.clock.now(),
        actor: 'system',
        unitCode: petition.competentUnitCode,
        data: { result: resultOf(petition) },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

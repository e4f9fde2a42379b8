import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { Petition } from './petition.entity';
import { resultOf } from './petition.types';
import { recordEvent, requirePetition } from './timeline';

/** The end event of `petition`: the case is closed for the unit that held it. */
@Injectable()
export class CloseHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.close)
  close(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await requirePetition(manager, petitionId);
      if (petition.status !== 'closed') {
        const now = this.clock.now();
        await manager.update(Petition, { id: petitionId }, { status: 'closed', closedAt: now });
        await recordEvent(manager, {
          petitionId,
          kind: 'closed',
          occurredAt: now,
          unitCode: petition.competentUnitCode,
          actor: 'system',
          data: { result: resultOf(petition) },
          idempotencyKey: task.idempotencyKey,
        });
      }
    });
  }
}

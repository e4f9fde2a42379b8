import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { Petition } from './petition.entity';
import { recordEvent, requirePetition } from './timeline';

/** Registers a received petition and hands the routing facts (never personal data) to the process. */
@Injectable()
export class RegisterHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.register)
  register(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await requirePetition(manager, petitionId);
      if (petition.status === 'received') {
        const now = this.clock.now();
        await manager.update(Petition, { id: petitionId }, { status: 'registered', registeredAt: now });
        await recordEvent(manager, {
          petitionId,
          kind: 'registered',
          occurredAt: now,
          unitCode: petition.receivingUnitCode,
          actor: 'system',
          data: { number: petition.number },
          idempotencyKey: task.idempotencyKey,
        });
      }
      return {
        [Var.category]: petition.category,
        [Var.matterScope]: petition.matterScope,
        [Var.regionCode]: petition.regionCode,
      };
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { deadlineFor } from '../clocks/deadline';
import { clockVariables } from '../clocks/task-clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Petition } from './petition.entity';
import { recordEvent, requirePetition } from './timeline';

/**
 * Registers a received petition and hands the process what decides its path (never personal
 * data): the entry tier, whether it is collective, whether it repeats a concluded matter, and the
 * routing inputs.
 */
@Injectable()
export class RegisterHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @TopicHandler(Topic.register)
  register(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await requirePetition(manager, petitionId);
      const refuseConcluded = petition.repeatOfId !== null;
      const village = petition.entryLevel === 'village';
      if (petition.status === 'received') {
        const now = this.clock.now();
        await manager.update(
          Petition,
          { id: petitionId },
          refuseConcluded
            ? { status: 'refused', registeredAt: now, decision: 'refuse-concluded', decidedAt: now }
            : { status: village ? 'awaiting-forwarding' : 'registered', registeredAt: now },
        );
        await recordEvent(manager, {
          petitionId,
          kind: 'registered',
          occurredAt: now,
          unitCode: petition.receivingUnitCode,
          actor: 'system',
          data: { number: petition.number, entryLevel: petition.entryLevel, collective: petition.collective },
          idempotencyKey: task.idempotencyKey,
        });
        if (refuseConcluded) {
          await recordEvent(manager, {
            petitionId,
            kind: 'refused',
            occurredAt: now,
            unitCode: petition.receivingUnitCode,
            actor: 'system',
            note: '同一事实和理由的信访事项已经办结，不再受理',
            data: { repeatOf: petition.repeatOfId },
            idempotencyKey: `${task.idempotencyKey}:refused`,
          });
        }
      }
      const registeredAt = petition.registeredAt ?? this.clock.now();
      return {
        [Var.category]: petition.category,
        [Var.matterScope]: petition.matterScope,
        [Var.regionCode]: petition.regionCode,
        [Var.countyCode]: petition.regionCode.slice(0, 6),
        [Var.entryLevel]: petition.entryLevel ?? 'county',
        [Var.receivingUnitCode]: petition.receivingUnitCode,
        [Var.collective]: petition.collective,
        [Var.refuseConcluded]: refuseConcluded,
        ...clockVariables('forward', registeredAt, deadlineFor('agentForwarding', registeredAt, this.config.limits.agentForwardingWorkingDays)),
        // Declared up front: gateways and called processes read them before anyone sets them.
        [Var.competentUnitCode]: petition.competentUnitCode ?? petition.receivingUnitCode,
        [Var.bound]: false,
        [Var.needsDecision]: false,
        [Var.assignedByUnitCode]: null,
        [Var.assignDueDate]: null,
        [Var.levelSkip]: false,
      };
    });
  }
}

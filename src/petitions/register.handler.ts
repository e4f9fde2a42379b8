import { Inject, Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { deadlineFor } from '../clocks/deadline';
import { clockVariables } from '../clocks/task-clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { PetitionLifecycle } from './lifecycle/petition-lifecycle';
import { PetitionRepository } from './petition.repository';

/**
 * Registers a received petition and hands the process what decides its path (never personal
 * data): the entry tier, whether it is collective, whether it repeats a concluded matter, and the
 * routing inputs.
 */
@Injectable()
export class RegisterHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
    private readonly org: OrgService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @TopicHandler(Topic.register, { variables: [Var.petitionId] })
  register(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      let petition = await this.petitions.lockForUpdate(manager, petitionId);
      if (petition.status === 'received') {
        petition = await this.lifecycle.register(manager, petition, {
          now: this.clock.now(),
          actor: 'system',
          unitCode: petition.receivingUnitCode,
          idempotencyKey: task.idempotencyKey,
        });
      }
      const refuseConcluded = petition.status === 'refused';
      const registeredAt = petition.registeredAt!;
      return {
        [Var.category]: petition.category,
        [Var.matterScope]: petition.matterScope,
        [Var.regionCode]: petition.regionCode,
        [Var.countyCode]: await this.org.countyCodeOf(petition.regionCode),
        [Var.entryLevel]: petition.entryLevel ?? 'county',
        [Var.receivingUnitCode]: petition.receivingUnitCode,
        [Var.collective]: petition.collective,
        [Var.refuseConcluded]: refuseConcluded,
        // Only an agent station's forwarding task runs on this clock; every other entry would carry it unread.
        ...(petition.entryLevel === 'village'
          ? clockVariables('forward', registeredAt, deadlineFor('agentForwarding', registeredAt, this.config.limits.agentForwardingWorkingDays))
          : {}),
        // Declared up front: gateways and called processes read them before anyone sets them. Not
        // competentUnitCode and levelSkip: routing sets both before anything reads them, and each
        // write of a variable that exists costs the engine an update of it and of its history.
        [Var.bound]: false,
        [Var.needsDecision]: false,
        [Var.assignedByUnitCode]: null,
        [Var.assignDueDate]: null,
        [Var.decision]: null,
        [Var.reviewRequested]: false,
        [Var.rehandle]: false,
        [Var.reviewOutcome]: null,
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import type { ClockKind, ClockName } from '../clocks/task-clock';
import { Transactions } from '../database/transactions';
import { SupervisionService } from './supervision.service';
import { PetitionRepository } from '../petitions/petition.repository';

/**
 * Runs when one of a user task's clock timers fires (催办 / 督办 / 追责建议). Two tasks watched by the
 * same deadline (handling: investigate, then reply) fire the same clock twice; the record is kept once.
 */
@Injectable()
export class DeadlineHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly supervision: SupervisionService,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
  ) {}

  @TopicHandler(Topic.deadline)
  onDeadline(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    const kind = task.requireVariable<ClockKind>('clockKind');
    const clockName = task.requireVariable<ClockName>('clockName');
    const dueAt = new Date(task.requireVariable<string | Date>('clockDueDate'));
    return this.tx.write(async (manager) => {
      await this.petitions.requireSettled(manager, petitionId);
      await this.supervision.issue(manager, {
        petitionId,
        kind,
        step: task.requireVariable<string>('clockStep'),
        clockName,
        dueAt,
        unitCode: task.requireVariable<string>('clockUnitCode'),
        idempotencyKey: `${petitionId}:${clockName}:${dueAt.toISOString()}:${kind}`,
        now: this.clock.now(),
        actor: 'system',
      });
      return {};
    });
  }
}

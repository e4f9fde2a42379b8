import { Injectable } from '@nestjs/common';
import { PetitionWork } from '../petitions/petition-work';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import type { ClockKind, ClockName } from '../clocks/task-clock';
import { SupervisionService } from './supervision.service';

/**
 * Runs when one of a user task's clock timers fires (催办 / 督办 / 追责建议). Two tasks watched by the
 * same deadline (handling: investigate, then reply) fire the same clock twice; the record is kept once.
 */
@Injectable()
export class DeadlineHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly supervision: SupervisionService,
  ) {}

  @TopicHandler(Topic.deadline)
  onDeadline(task: ExternalTaskContext): Promise<HandlerResult> {
    const kind = task.requireVariable<ClockKind>('clockKind');
    const clockName = task.requireVariable<ClockName>('clockName');
    const dueAt = new Date(task.requireVariable<string | Date>('clockDueDate'));
    return this.work.on(task, async ({ manager, petition, now }) => {
      const petitionId = petition.id;
      // New records are announced in the inbox by the service, in this transaction; a redelivery finds the record and adds nothing.
      await this.supervision.issue(manager, {
        petitionId,
        kind,
        step: task.requireVariable<string>('clockStep'),
        clockName,
        dueAt,
        unitCode: task.requireVariable<string>('clockUnitCode'),
        idempotencyKey: `${petitionId}:${clockName}:${dueAt.toISOString()}:${kind}`,
        now,
        actor: 'system',
      });
      return {};
    });
  }
}

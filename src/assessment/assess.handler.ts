import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { periodOf } from '../clocks/deadline';
import { Transactions } from '../database/transactions';
import { recordEvent } from '../petitions/timeline';
import { AssessmentFact, AssessmentMetric } from './assessment-fact.entity';
import { PetitionRepository } from '../petitions/petition.repository';

/** Records, for the unit that handled the petition, whether it decided and replied in time. */
@Injectable()
export class AssessHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
  ) {}

  @TopicHandler(Topic.assess)
  assess(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await this.petitions.requireSettled(manager, petitionId);
      const unitCode = petition.competentUnitCode;
      if (!unitCode) throw new Error(`Petition ${petition.number} has no competent unit to assess`);
      const now = this.clock.now();
      const facts: [AssessmentMetric, Date | null, Date | null][] = [
        ['timely-acceptance', petition.acceptDueAt, petition.decidedAt],
        ['on-time-closure', petition.handleDueAt, petition.repliedAt],
      ];
      const rows = facts
        .filter((f): f is [AssessmentMetric, Date, Date] => f[1] !== null && f[2] !== null)
        .map(([metric, dueAt, doneAt]) => ({
          id: randomUUID(),
          petitionId,
          unitCode,
          metric,
          met: doneAt.getTime() <= dueAt.getTime(),
          dueAt,
          doneAt,
          period: periodOf(doneAt),
          recordedAt: now,
        }));
      if (rows.length > 0) {
        await manager.createQueryBuilder().insert().into(AssessmentFact).values(rows).orIgnore().execute();
      }
      await recordEvent(manager, {
        petitionId,
        kind: 'assessed',
        occurredAt: now,
        unitCode,
        actor: 'system',
        data: Object.fromEntries(rows.map((r) => [r.metric, r.met])),
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { PetitionWork } from '../petitions/petition-work';
import { randomUUID } from 'node:crypto';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { periodOf } from '../clocks/deadline';
import { recordEvent } from '../petitions/timeline';
import { AssessmentFact, AssessmentMetric } from './assessment-fact.entity';

/** Records, for the unit that handled the petition, whether it decided and replied in time. */
@Injectable()
export class AssessHandler {
  constructor(private readonly work: PetitionWork) {}

  @TopicHandler(Topic.assess)
  assess(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, async ({ manager, petition, now }) => {
      const petitionId = petition.id;
      const unitCode = petition.competentUnitCode;
      if (!unitCode) throw new Error(`Petition ${petition.number} has no competent unit to assess`);
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

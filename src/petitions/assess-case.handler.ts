import { Injectable } from '@nestjs/common';
import { AssessmentFact } from '../assessment/assessment-fact.entity';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { PetitionWork } from './petition-work';
import { recordEvent } from './timeline';

/**
 * 记录考核数据, the step before a case closes: its facts were recorded by each step as it happened
 * (lifecycle/assessment-facts.ts); this puts what they say of each unit on the timeline, once.
 */
@Injectable()
export class AssessCaseHandler {
  constructor(private readonly work: PetitionWork) {}

  @TopicHandler(Topic.assess)
  assess(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, async ({ manager, petition, now }) => {
      const facts = await manager.find(AssessmentFact, { where: { petitionId: petition.id }, order: { doneAt: 'ASC' } });
      const units: Record<string, { facts: number; missed: string[] }> = {};
      for (const fact of facts) {
        const unit = (units[fact.unitCode] ??= { facts: 0, missed: [] });
        unit.facts += 1;
        if (!fact.met) unit.missed.push(fact.metric);
      }
      await recordEvent(manager, {
        petitionId: petition.id,
        kind: 'assessed',
        occurredAt: now,
        unitCode: petition.competentUnitCode,
        actor: 'system',
        data: { units },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

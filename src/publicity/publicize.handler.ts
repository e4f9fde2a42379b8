import { Injectable } from '@nestjs/common';
import { PetitionWork } from '../petitions/petition-work';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { OrgService } from '../org/org.service';
import { resultOf } from '../petitions/petition.types';
import { recordEvent } from '../petitions/timeline';
import { Publication } from './publication.entity';
import { redactText } from './redaction';

/** Publishes the redacted result; accusations are published without their subject. */
@Injectable()
export class PublicizeHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly org: OrgService,
  ) {}

  @TopicHandler(Topic.publicize)
  publicize(task: ExternalTaskContext): Promise<HandlerResult> {
    return this.work.on(task, async ({ manager, petition, now }) => {
      const petitionId = petition.id;
      const unit = petition.competentUnitCode ? await this.org.unit(petition.competentUnitCode) : undefined;
      await manager.upsert(
        Publication,
        {
          petitionId,
          result: resultOf(petition),
          unitName: unit?.name ?? '',
          summary: petition.category === 'accusation' ? null : redactText(petition.subject).slice(0, 200),
          publishedAt: now,
        },
        ['petitionId'],
      );
      await recordEvent(manager, {
        petitionId,
        kind: 'publicized',
        occurredAt: now,
        unitCode: petition.competentUnitCode,
        actor: 'system',
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

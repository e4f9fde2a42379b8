import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { resultOf } from '../petitions/petition.types';
import { recordEvent } from '../petitions/timeline';
import { Publication } from './publication.entity';
import { redactText } from './redaction';
import { PetitionRepository } from '../petitions/petition.repository';

/** Publishes the redacted result; accusations are published without their subject. */
@Injectable()
export class PublicizeHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
  ) {}

  @TopicHandler(Topic.publicize)
  publicize(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) => {
      const petition = await this.petitions.requireSettled(manager, petitionId);
      const unit = petition.competentUnitCode ? await this.org.unit(petition.competentUnitCode) : undefined;
      const now = this.clock.now();
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

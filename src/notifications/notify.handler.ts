import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Notice, NoticeKind, Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { Petitioner } from '../petitions/petitioner.entity';
import { Petition } from '../petitions/petition.entity';
import type { LegalRoute } from '../petitions/petition.types';
import { recordEvent, requirePetition } from '../petitions/timeline';
import { Notification } from './notification.entity';
import { noticeText } from './notice-texts';

/**
 * Writes one outbox notification per petitioner (every representative of a collective petition).
 * Delivery channels read the outbox; this step only decides what is said and to whom.
 */
@Injectable()
export class NotifyHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.notify)
  async notify(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    const kind = task.requireVariable<string>(Var.notice);
    if (!Object.values(Notice).includes(kind as NoticeKind)) throw new Error(`Unknown notice kind ${kind}`);
    await this.tx.write(async (manager) => {
      const petition = await requirePetition(manager, petitionId);
      const unit = petition.competentUnitCode ? await this.org.unit(petition.competentUnitCode) : undefined;
      const earlier = petition.repeatOfId ? await manager.findOneBy(Petition, { id: petition.repeatOfId }) : null;
      const earlierUnit = earlier?.competentUnitCode ? await this.org.unit(earlier.competentUnitCode) : undefined;
      const body = noticeText(kind as NoticeKind, {
        number: petition.number,
        unitName: unit?.name ?? '承办单位',
        declineReason: petition.declineReason,
        replyOutcome: petition.replyOutcome,
        legalRoute: petition.legalRoute as LegalRoute | null,
        earlier: earlier
          ? {
              number: earlier.number,
              unitName: earlierUnit?.name ?? '有关机关',
              closedAt: earlier.closedAt,
              replyOutcome: earlier.replyOutcome,
            }
          : null,
      });
      const petitioners = await manager.findBy(Petitioner, { petitionId });
      const now = this.clock.now();
      await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(
          petitioners.map((p) => ({
            id: randomUUID(),
            petitionId,
            petitionerId: p.id,
            kind: kind as NoticeKind,
            channel: p.phoneCipher ? ('sms' as const) : ('letter' as const),
            body,
            status: 'pending' as const,
            createdAt: now,
            sentAt: null,
            idempotencyKey: `${task.idempotencyKey}:${p.id}`,
          })),
        )
        .orIgnore()
        .execute();
      await recordEvent(manager, {
        petitionId,
        kind: 'notified',
        occurredAt: now,
        unitCode: petition.competentUnitCode,
        actor: 'system',
        data: { notice: kind, recipients: petitioners.length },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

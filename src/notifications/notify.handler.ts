import { Injectable } from '@nestjs/common';
import { PetitionWork } from '../petitions/petition-work';
import { refusalReason } from '../petitions/lifecycle/petition-lifecycle';
import { Notice, NoticeKind, Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { OrgService } from '../org/org.service';
import { PetitionRepository } from '../petitions/petition.repository';
import { recordEvent } from '../petitions/timeline';
import { NotificationOutbox } from './notification-outbox';

/** Says what a written notice of the process tells the petitioners, and puts it in the outbox. */
@Injectable()
export class NotifyHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly org: OrgService,
    private readonly petitions: PetitionRepository,
    private readonly outbox: NotificationOutbox,
  ) {}

  @TopicHandler(Topic.notify)
  async notify(task: ExternalTaskContext): Promise<HandlerResult> {
    const kind = task.requireVariable<string>(Var.notice);
    if (!Object.values(Notice).includes(kind as NoticeKind)) throw new Error(`Unknown notice kind ${kind}`);
    await this.work.on(task, async ({ manager, petition, now }) => {
      const petitionId = petition.id;
      const earlier = petition.repeatOfId ? await this.petitions.find(petition.repeatOfId, manager) : null;
      const earlierUnit = earlier?.competentUnitCode ? await this.org.unit(earlier.competentUnitCode) : undefined;
      const recipients = await this.outbox.enqueue(manager, petition, {
        kind: kind as NoticeKind,
        now,
        idempotencyKey: task.idempotencyKey,
        facts: {
          earlier: earlier
            ? { number: earlier.number, unitName: earlierUnit?.name ?? '有关机关', closedAt: earlier.closedAt, replyOutcome: earlier.replyOutcome }
            : null,
          refusalReason: earlier?.status === 'concluded' ? refusalReason(earlier) : null,
          hearing: kind === Notice.hearing ? hearingFacts(task) : null,
        },
      });
      await recordEvent(manager, {
        petitionId,
        kind: 'notified',
        occurredAt: now,
        unitCode: petition.competentUnitCode,
        actor: 'system',
        data: { notice: kind, recipients },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

/** The hearing's time and place, as its scheduling step set them on the hearing process. */
function hearingFacts(task: ExternalTaskContext): { at: Date; place: string } {
  return { at: new Date(task.requireVariable<string | Date>(Var.hearingAt)), place: task.requireVariable<string>(Var.hearingPlace) };
}

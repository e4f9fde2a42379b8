import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxService } from '../inbox/inbox.service';
import { PetitionRepository } from '../petitions/petition.repository';
import { NOTICE_DOCUMENTS } from './notice-texts';
import type { Notification } from './notification.entity';

/**
 * A notice that could not be delivered after its last attempt goes to the sending unit's registrars
 * and handlers: they correct the contact (or print a letter) and send it again.
 */
@Injectable()
export class DeliveryFailures {
  constructor(
    private readonly inbox: InboxService,
    private readonly petitions: PetitionRepository,
  ) {}

  async report(manager: EntityManager, notice: Notification, now: Date): Promise<void> {
    if (!notice.unitCode) return;
    const petition = await this.petitions.find(notice.petitionId, manager);
    await this.inbox.notifyUnit(
      manager,
      {
        unitCode: notice.unitCode,
        kind: 'delivery-failed',
        title: `送达失败：${NOTICE_DOCUMENTS[notice.kind].title} ${petition?.number ?? ''}`.trim(),
        body: notice.lastError ?? null,
        petitionId: notice.petitionId,
        petitionNumber: petition?.number ?? null,
        cause: `delivery-failed:${notice.id}:${notice.attempts}`,
        roles: ['registrar', 'handler', 'unit-head'],
      },
      now,
    );
  }
}

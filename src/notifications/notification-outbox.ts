import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { NoticeKind } from '../camunda/process-contract';
import { Petitioner } from '../petitions/petitioner.entity';
import { Notification } from './notification.entity';

/**
 * The one place outbox rows are written: one notice per petitioner (every representative of a
 * collective petition), in the transaction of the change that causes it, keyed so that a second
 * delivery of the same cause adds nothing. Delivery reads the outbox; this only says what is said
 * to whom.
 */
@Injectable()
export class NotificationOutbox {
  /** Returns how many petitioners the notice is addressed to. */
  async enqueue(
    manager: EntityManager,
    notice: { petitionId: string; kind: NoticeKind; body: string; now: Date; idempotencyKey: string },
  ): Promise<number> {
    const petitioners = await manager.findBy(Petitioner, { petitionId: notice.petitionId });
    if (petitioners.length === 0) return 0;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        petitioners.map((p) => ({
          id: randomUUID(),
          petitionId: notice.petitionId,
          petitionerId: p.id,
          kind: notice.kind,
          // A letter for whoever gave no phone number.
          channel: p.phoneCipher ? ('sms' as const) : ('letter' as const),
          body: notice.body,
          status: 'pending' as const,
          createdAt: notice.now,
          sentAt: null,
          idempotencyKey: `${notice.idempotencyKey}:${p.id}`,
        })),
      )
      .orIgnore()
      .execute();
    return petitioners.length;
  }
}

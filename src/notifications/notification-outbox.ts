import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { NoticeKind } from '../camunda/process-contract';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import type { LegalRoute } from '../petitions/petition.types';
import { Petitioner } from '../petitions/petitioner.entity';
import { chooseChannel } from './channels/channel-choice';
import { NoticeFacts, noticeText } from './notice-texts';
import { Notification } from './notification.entity';
import { NoticeTemplates } from './templates/notice-templates';

export interface PetitionNotice {
  kind: NoticeKind;
  now: Date;
  /** The cause: a second delivery of the same cause (a redelivered task, a second click) adds nothing. */
  idempotencyKey: string;
  /** What this kind of notice says beyond the petition's own columns. */
  facts?: Partial<NoticeFacts>;
  /** The unit that sends it; by default the unit that holds the petition, else the one that received it. */
  unitCode?: string | null;
}

/**
 * The one place outbox rows are written: one notice per petitioner (every representative of a
 * collective petition), in the transaction of the change that causes it, keyed so that a second
 * delivery of the same cause adds nothing, and sent by the channel each petitioner can be reached by.
 * The dispatcher delivers what this writes; letters wait at the sending unit's print queue.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly org: OrgService,
    private readonly templates: NoticeTemplates,
  ) {}

  /** Returns how many petitioners the notice is addressed to. */
  async enqueue(manager: EntityManager, petition: Petition, notice: PetitionNotice): Promise<number> {
    const unitCode = notice.unitCode ?? petition.competentUnitCode ?? petition.receivingUnitCode;
    const unit = unitCode ? await this.org.unit(unitCode) : undefined;
    const template = await this.templates.current(notice.kind, manager);
    const body = noticeText(notice.kind, {
      number: petition.number,
      unitName: unit?.name ?? '承办单位',
      declineReason: petition.declineReason,
      replyOutcome: petition.replyOutcome,
      legalRoute: petition.legalRoute as LegalRoute | null,
      replyText: petition.replyText,
      ...notice.facts,
    }, template.body);
    const petitioners = await manager.findBy(Petitioner, { petitionId: petition.id });
    if (petitioners.length === 0) return 0;
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        petitioners.map((p) => {
          const channel = chooseChannel({
            preference: p.contactPreference,
            hasPhone: !!p.phoneCipher,
            hasEmail: !!p.emailCipher,
            smsConfigured: this.config.notices.sms.provider !== 'none',
            emailConfigured: this.config.notices.smtp !== null,
          });
          return {
            id: randomUUID(),
            petitionId: petition.id,
            petitionerId: p.id,
            kind: notice.kind,
            channel,
            body,
            templateVersion: template.version,
            status: 'pending' as const,
            unitCode: unitCode ?? null,
            createdAt: notice.now,
            sentAt: null,
            attempts: 0,
            nextAttemptAt: channel === 'letter' ? null : notice.now,
            idempotencyKey: `${notice.idempotencyKey}:${p.id}`,
          };
        }),
      )
      .orIgnore()
      .execute();
    return petitioners.length;
  }
}

import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { IsNull, LessThan, LessThanOrEqual } from 'typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../clocks/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PersonalDataCipher } from '../../crypto/personal-data.cipher';
import { Transactions } from '../../database/transactions';
import { PetitionRepository } from '../../petitions/petition.repository';
import { Petitioner } from '../../petitions/petitioner.entity';
import { DeliveryFailures } from '../delivery-failures';
import { NoticeDocuments } from '../notice-documents';
import { NOTICE_DOCUMENTS } from '../notice-texts';
import { Notification } from '../notification.entity';
import { NoticeChannels } from '../channels/notice-channels';
import { OutgoingNotice, SendFailure, SendResult } from '../channels/outgoing-notice';
import { nextAttemptAt } from './retry-schedule';

/**
 * Delivers the outbox. Every process that runs workers runs one; each notice is claimed by exactly
 * one of them with a conditional UPDATE (…WHERE claimedUntil has passed), the way the cluster lease
 * is taken, so adding worker processes adds senders and never sends a notice twice at once. A
 * dispatcher killed between the provider's answer and the record leaves the claim to expire: the
 * notice is sent again with the same id (the provider's OutId / Idempotency-Key), at least once.
 */
@Injectable()
export class NoticeDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(NoticeDispatcher.name);
  private running = false;
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly channels: NoticeChannels,
    private readonly documents: NoticeDocuments,
    private readonly failures: DeliveryFailures,
    private readonly petitions: PetitionRepository,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.channels.close();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.dispatchDue();
      } catch (error) {
        this.logger.warn(`Notice dispatch pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (handled === 0 && !this.stopping) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.config.notices.dispatch.idleMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One pass: claims what is due and sends it, a few at a time. Returns how many it handled. */
  async dispatchDue(): Promise<number> {
    const claimed = await this.claim();
    const { parallel } = this.config.notices.dispatch;
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) await this.deliver(claimed[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, claimed.length) }, lane));
    return claimed.length;
  }

  private async claim(): Promise<Notification[]> {
    const now = this.clock.now();
    const { batchSize, claimMs } = this.config.notices.dispatch;
    const due = await this.dataSource.getRepository(Notification).find({
      select: { id: true },
      where: [
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), claimedUntil: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now), claimedUntil: LessThan(now) },
      ],
      order: { nextAttemptAt: 'ASC' },
      take: batchSize,
    });
    const claimedUntil = new Date(now.getTime() + claimMs);
    const claimed: Notification[] = [];
    for (const { id } of due) {
      const taken = await this.tx.write((manager) =>
        manager
          .createQueryBuilder()
          .update(Notification)
          .set({ claimedUntil })
          .where("id = :id AND status = 'pending' AND (claimedUntil IS NULL OR claimedUntil < :now)", { id, now })
          .execute(),
      );
      if (taken.affected !== 1) continue;
      const notice = await this.dataSource.getRepository(Notification).findOneBy({ id });
      if (notice) claimed.push(notice);
    }
    return claimed;
  }

  private async deliver(notice: Notification): Promise<void> {
    let result: SendResult;
    try {
      result = await this.send(notice);
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure(String(error instanceof Error ? error.message : error), false);
      await this.recordFailure(notice, failure);
      return;
    }
    const now = this.clock.now();
    await this.tx.write((manager) =>
      manager
        .createQueryBuilder()
        .update(Notification)
        .set({ status: 'sent', sentAt: now, attempts: notice.attempts + 1, providerMessageId: result.providerMessageId, lastError: null, nextAttemptAt: null, claimedUntil: null })
        .where("id = :id AND status = 'pending'", { id: notice.id })
        .execute(),
    );
  }

  /** Contact data is decrypted here, used for the one send, and never logged or stored elsewhere. */
  private async send(notice: Notification): Promise<SendResult> {
    const [petitioner, petition] = await Promise.all([
      this.dataSource.getRepository(Petitioner).findOneBy({ id: notice.petitionerId }),
      this.petitions.find(notice.petitionId),
    ]);
    if (!petitioner || !petition) throw new SendFailure('The petitioner of this notice no longer exists', true);
    const outgoing: OutgoingNotice = {
      id: notice.id,
      kind: notice.kind,
      title: NOTICE_DOCUMENTS[notice.kind].title,
      body: notice.body,
      petitionNumber: petition.number,
      unitName: await this.documents.unitName(notice.unitCode),
    };
    if (notice.channel === 'sms') {
      const sms = this.channels.sms;
      if (!sms) throw new SendFailure('No SMS provider is configured (SMS_PROVIDER)', true);
      if (!petitioner.phoneCipher) throw new SendFailure('The petitioner has no phone number', true);
      return sms.send(this.cipher.decrypt(petitioner.phoneCipher), outgoing);
    }
    if (notice.channel === 'email') {
      const email = this.channels.email;
      if (!email) throw new SendFailure('No SMTP server is configured (SMTP_URL)', true);
      if (!petitioner.emailCipher) throw new SendFailure('The petitioner has no e-mail address', true);
      const document = await this.documents.render(notice, petition, petitioner);
      return email.send(this.cipher.decrypt(petitioner.emailCipher), outgoing, document);
    }
    throw new SendFailure('Letters are printed at the sending unit, not dispatched', true);
  }

  private async recordFailure(notice: Notification, failure: SendFailure): Promise<void> {
    const now = this.clock.now();
    const attempts = notice.attempts + 1;
    const retryAt = failure.permanent ? null : nextAttemptAt(now, attempts, this.config.notices.dispatch);
    await this.tx.write(async (manager) => {
      const changed = await manager
        .createQueryBuilder()
        .update(Notification)
        .set(
          retryAt
            ? { attempts, lastError: failure.message, nextAttemptAt: retryAt, claimedUntil: null }
            : { attempts, lastError: failure.message, nextAttemptAt: null, claimedUntil: null, status: 'failed', failedAt: now },
        )
        .where("id = :id AND status = 'pending'", { id: notice.id })
        .execute();
      if (!retryAt && changed.affected === 1) await this.failures.report(manager, { ...notice, attempts, lastError: failure.message }, now);
    });
  }
}

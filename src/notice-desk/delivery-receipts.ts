import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DeliveryFailures } from '../notifications/delivery-failures';
import { nextAttemptAt } from '../notifications/dispatch/retry-schedule';
import { redactContacts } from '../notifications/channels/outgoing-notice';
import { Notification } from '../notifications/notification.entity';

/** One provider report: which message (our id, or the provider's), whether it reached the phone. */
export interface DeliveryReport {
  noticeId: string | null;
  providerMessageId: string | null;
  delivered: boolean;
  at: Date | null;
  error: string | null;
}

const REFUSED = new LocalizedHttpError(401, { 'zh-CN': '回执令牌不正确', en: 'Wrong receipt token' });

/**
 * Delivery receipts (状态报告) from SMS providers: a delivered report marks the notice delivered; an
 * undelivered one (phone off, number out of service) counts as a failed attempt and is retried or,
 * after the last, waits for the petition office. Reports for unknown or already-finished notices
 * change nothing, so a provider repeating a report is harmless.
 */
@Injectable()
export class DeliveryReceipts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly failures: DeliveryFailures,
  ) {}

  requireToken(token: string | undefined): void {
    const expected = Buffer.from(this.config.notices.receiptToken);
    const given = Buffer.from(token ?? '');
    if (expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) throw REFUSED;
  }

  /** Returns how many notices the reports changed. */
  async record(reports: DeliveryReport[]): Promise<number> {
    let changed = 0;
    for (const report of reports) changed += await this.recordOne(report);
    return changed;
  }

  private recordOne(report: DeliveryReport): Promise<number> {
    const now = this.clock.now();
    return this.tx.write(async (manager) => {
      const where = report.noticeId ? { id: report.noticeId } : report.providerMessageId ? { providerMessageId: report.providerMessageId } : null;
      const notice = where ? await manager.findOneBy(Notification, where) : null;
      if (!notice || notice.status !== 'sent' || notice.channel === 'letter') return 0;
      if (report.delivered) {
        await manager.update(Notification, { id: notice.id, status: 'sent' }, { status: 'delivered', deliveredAt: report.at ?? now });
        return 1;
      }
      const lastError = redactContacts(`Not delivered: ${report.error ?? 'the provider gave no reason'}`);
      const retryAt = nextAttemptAt(now, notice.attempts, this.config.notices.dispatch);
      await manager.update(
        Notification,
        { id: notice.id, status: 'sent' },
        retryAt ? { status: 'pending', lastError, nextAttemptAt: retryAt } : { status: 'failed', lastError, failedAt: now },
      );
      if (!retryAt) await this.failures.report(manager, { ...notice, lastError }, now);
      return 1;
    });
  }
}

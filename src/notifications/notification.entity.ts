import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NoticeKind } from '../camunda/process-contract';

export const NOTIFICATION_CHANNELS = ['sms', 'email', 'letter'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/**
 * sms / email: pending → sent (the provider took it) → delivered (its receipt), or failed after the
 * last attempt. letter: pending (to print) → sent (printed) → delivered (posted, registered mail).
 */
export type NotificationStatus = 'pending' | 'sent' | 'delivered' | 'failed';

/** Outbox: one row per notice to one petitioner; the dispatcher delivers pending rows. */
@Entity('notification')
@Index('IDX_notification_due', ['status', 'nextAttemptAt'])
@Index('IDX_notification_print', ['unitCode', 'channel', 'status'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_notification_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionerId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: NoticeKind;

  @Column({ type: 'varchar', length: 16 })
  channel!: NotificationChannel;

  /** The words as sent: a later change of wording never alters a notice already written. */
  @Column({ type: 'text' })
  body!: string;

  /** The wording's version it was written with (0: the product's default). */
  @Column({ type: 'int', default: 0 })
  templateVersion!: number;

  @Index('IDX_notification_status')
  @Column({ type: 'varchar', length: 16 })
  status!: NotificationStatus;

  /** The unit that sends it (its name heads the document; letters are printed there). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  unitCode!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** When the dispatcher may try it (again); null once it needs no dispatcher (letters, finished rows). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  /** A dispatcher's claim on it; past this moment another may take it (the first was killed). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedUntil!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** The provider's id of the message (Aliyun BizId), which its delivery receipt names. */
  @Index('IDX_notification_provider_message')
  @Column({ type: 'varchar', length: 64, nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  failedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  printedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  postedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  registeredMailNumber!: string | null;

  /** 送达: the day a letter reached the petitioner, from its return receipt or the hand-over at the desk. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  servedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  serviceMethod!: 'in-person' | 'post' | null;

  @Index('UQ_notification_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey!: string;
}

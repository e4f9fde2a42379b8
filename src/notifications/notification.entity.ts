import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NoticeKind } from '../camunda/process-contract';

export type NotificationChannel = 'sms' | 'letter';
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** Outbox: one row per notice to one petitioner; a sender delivers pending rows. */
@Entity('notification')
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_notification_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionerId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NoticeKind;

  @Column({ type: 'varchar', length: 16 })
  channel!: NotificationChannel;

  @Column({ type: 'text' })
  body!: string;

  @Index('IDX_notification_status')
  @Column({ type: 'varchar', length: 16 })
  status!: NotificationStatus;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  @Index('UQ_notification_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey!: string;
}

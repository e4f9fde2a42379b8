import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type NotificationKind = 'task' | 'reminder' | 'supervision' | 'discipline' | 'delivery-failed';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['task', 'reminder', 'supervision', 'discipline', 'delivery-failed'];

/**
 * One line in a member of staff's inbox (站内通知): a new task for their unit, a reminder, a
 * supervision notice, a disciplinary recommendation, a notice that could not be delivered. The
 * title names the step and the petition number, never the petitioner.
 */
@Entity('staff_notification')
@Index('IDX_staff_notification_unread', ['username', 'readAt'])
@Index('IDX_staff_notification_created', ['username', 'createdAt'])
export class StaffNotification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The recipient. */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** The unit the notice is about (the recipient's, when it was written). */
  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  petitionId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  petitionNumber!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  taskId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  readAt!: Date | null;

  /** `<cause>:<username>`: a redelivered worker task or a repeated index sync adds nothing. */
  @Index('UQ_staff_notification_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  idempotencyKey!: string;
}

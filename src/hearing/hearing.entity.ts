import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The stage a hearing is held in: handling a major or complex matter, a review, or a re-review (Art. 36). */
export const HEARING_STAGES = ['handling', 'review', 're-review'] as const;
export type HearingStage = (typeof HEARING_STAGES)[number];

export const PARTICIPANT_ROLES = ['petitioner', 'handling-unit', 'lawyer', 'expert', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * 听证: asked for by the petitioner or decided by the body handling the step, scheduled with notice to
 * the parties, held in public unless state secrets or privacy forbid, minuted and concluded. While it
 * runs, the statutory clock of the step that called it stands still (`clockBefore` holds the clock's
 * instants when it stopped; they move by the time from `requestedAt` to `closedAt`).
 */
@Entity('hearing')
@Index('IDX_hearing_petition', ['petitionId'])
export class Hearing {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 16 })
  stage!: HearingStage;

  /** The clock of the calling step (task-clock.ts), and the process instance its timers live in. */
  @Column({ type: 'varchar', length: 32 })
  clock!: string;

  @Column({ type: 'varchar', length: 64 })
  callerProcessInstanceId!: string;

  /** The unit holding the hearing: the one whose step called it. */
  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 16 })
  initiatedBy!: 'petitioner' | 'body';

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  /** The clock's instants when it stopped (`${clock}DueDate`, …RemindAt, …DisciplineAt), ISO strings. */
  @Column({ type: 'simple-json', nullable: true })
  clockBefore!: Record<string, string> | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place!: string | null;

  /** The presiding officer's account: someone who did not investigate the case. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  presidingOfficer!: string | null;

  @Column({ type: 'boolean', nullable: true })
  public!: boolean | null;

  /** Why it is not public (state secrets, trade secrets, personal privacy). */
  @Column({ type: 'text', nullable: true })
  closedReason!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  participants!: { role: ParticipantRole; name: string }[] | null;

  @Column({ type: 'simple-json', nullable: true })
  representativeIds!: string[] | null;

  @Column({ type: 'text', nullable: true })
  minutes!: string | null;

  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  /** The minutes were recorded: the hearing is over and the caller's clock runs again. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** The caller's clock was moved and restarted (the close step is done). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  resumedAt!: Date | null;
}

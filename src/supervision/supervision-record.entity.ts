import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClockKind, ClockName } from '../clocks/task-clock';

/**
 * What the statutory clock did when a deadline neared or passed: a reminder (催办) to the unit, a
 * supervision notice (督办) from the petition office a level up with a feedback deadline, or a
 * disciplinary recommendation (Art. 40) to the body with management authority. Counted per unit.
 */
@Entity('supervision_record')
@Index('IDX_supervision_unit_period', ['unitCode', 'period'])
export class SupervisionRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_supervision_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ClockKind;

  /** The user task that was late (its definition key). */
  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @Column({ type: 'varchar', length: 16 })
  clockName!: ClockName;

  @Column({ type: 'datetime', precision: 3 })
  dueAt!: Date;

  /** The unit whose work it is. */
  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 64 })
  issuedByUnitCode!: string;

  @Column({ type: 'varchar', length: 64 })
  addressedToUnitCode!: string;

  /** Who is told: the unit's people on the step and its head(s). */
  @Column({ type: 'simple-json' })
  recipients!: string[];

  /** Supervision notices: by when the unit reports back. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  feedbackDueAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  issuedAt!: Date;

  /** 'system' for the statutory clock, else the supervisor who sent it. */
  @Column({ type: 'varchar', length: 64 })
  issuedBy!: string;

  /** YYYY-MM of issuedAt, the assessment period. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  /** The supervised unit's report back on a supervision notice. */
  @Column({ type: 'text', nullable: true })
  feedbackText!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  feedbackBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  feedbackAt!: Date | null;

  @Index('UQ_supervision_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey!: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const HAND_OVER_KINDS = ['route', 'forward', 'transfer', 'assign', 'escalate', 'return', 'dispute', 'decision'] as const;
/**
 * route: routing.dmn's choice at intake; forward: an agent station to its township; transfer: to
 * another competent body; assign: down to a subordinate, with a deadline and a completion report;
 * escalate: report up; return: "not competent" back to the sender (Art. 23); dispute: sent to the
 * nearest common superior; decision: that superior's binding choice.
 */
export type HandOverKind = (typeof HAND_OVER_KINDS)[number];

/** One link of a petition's transfer chain. Written once. */
@Entity('hand_over')
@Index('UQ_hand_over_seq', ['petitionId', 'seq'], { unique: true })
// What a unit handed on or was handed (a supervisor's case search, migration 1766100000000).
@Index('IDX_hand_over_to_unit', ['toUnitCode'])
@Index('IDX_hand_over_from_unit', ['fromUnitCode'])
export class HandOver {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  /** 1, 2, 3… in the order the petition moved. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: HandOverKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  fromUnitCode!: string | null;

  @Column({ type: 'varchar', length: 64 })
  toUnitCode!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt!: Date;

  /** The assignment's deadline for its completion report. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Index('UQ_hand_over_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 160, nullable: true })
  idempotencyKey!: string | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 不予公示 (marked before publication) or 撤下公示 (taken off the board after it was shown). */
export const EXCLUSION_KINDS = ['withheld', 'taken-down'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/**
 * A supervisor's decision that a petition is not shown on the public board, with the reason; one per
 * petition. Lifting it (恢复公示) keeps the row with the lift's reason, who and when, so that a
 * retried request can be answered with the same record; a later exclusion reuses the row. The audit
 * log keeps every exclusion and lift, in order.
 */
@Entity('board_exclusion')
@Index('IDX_board_exclusion_region', ['regionCode', 'excludedAt'])
export class BoardExclusion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ExclusionKind;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  /** The petition's region, copied so that a supervisor's list is narrowed to their reach without a join. */
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 64 })
  excludedBy!: string;

  @Column({ type: 'varchar', length: 64 })
  excludedByUnitCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  excludedAt!: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  liftedBy!: string | null;

  /** Null while the exclusion holds. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  liftedAt!: Date | null;
}

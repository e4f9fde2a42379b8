import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The score of one county or township for one closed month (目标管理考核), as it was computed when the
 * month was closed: with the version of the scoring table used and the parts it came from, so that a
 * later edit of the table never changes a closed month's ranking. Written once per (period, region):
 * a month is never scored again.
 */
@Entity('assessment_score')
@Index('UQ_assessment_score_period_region', ['period', 'regionCode'], { unique: true })
export class AssessmentScore {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** YYYY-MM (China time), as AssessmentFact.period. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  /** The region's level when the month was closed: county or township. */
  @Column({ type: 'varchar', length: 16 })
  level!: string;

  /** Null when none of the weighted rates had data that month ("no data", never 0). */
  @Column({ type: 'double', nullable: true })
  score!: number | null;

  /** JSON: [{ indicator, kind, points, value }], the table's rules applied to the region's KPIs. */
  @Column({ type: 'text' })
  parts!: string;

  /** The engine's id of the scoring table version used (assessment-scoring:<version>:<uuid>). */
  @Column({ type: 'varchar', length: 64 })
  decisionDefinitionId!: string;

  @Column({ type: 'int' })
  decisionVersion!: number;

  @Column({ type: 'datetime', precision: 3 })
  closedAt!: Date;
}

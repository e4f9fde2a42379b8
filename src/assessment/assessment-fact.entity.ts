import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Timeliness of a step, or a statutory clock that fired against the unit (one fact per petition, unit and kind). */
export type AssessmentMetric = 'timely-acceptance' | 'on-time-closure' | 'reminded' | 'supervised' | 'discipline-recommended';

/** One timeliness fact about one unit's handling of one petition; KPIs are sums over these. */
@Entity('assessment_fact')
@Index('UQ_assessment_fact', ['petitionId', 'unitCode', 'metric'], { unique: true })
@Index('IDX_assessment_fact_unit_period', ['unitCode', 'period'])
export class AssessmentFact {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 32 })
  metric!: AssessmentMetric;

  @Column({ type: 'boolean' })
  met!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  doneAt!: Date;

  /** YYYY-MM of doneAt, the assessment period. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'datetime', precision: 3 })
  recordedAt!: Date;
}

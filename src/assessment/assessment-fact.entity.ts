import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a unit did on one case, or what a statutory clock found against it (目标管理考核). KPIs are
 * sums over these: a rate is the facts `met` over the facts of a metric; a count is the facts.
 *
 * - received: the unit registered it (首访责任)
 * - routed: the petition office routed it, met within 15 days of registration (Art. 22)
 * - transferred: the holder passed it on (转送 / 交办 / 报请), met within its acceptance window
 * - returned: the holder returned it for lack of competence, met within 5 working days (Art. 23)
 * - referred: the holders disagreed (争议) and the superior was asked to decide
 * - dispute-decided: the superior decided who handles it
 * - timely-acceptance: the holder decided on acceptance, met within the acceptance limit (Art. 23)
 * - accepted / declined / diverted: the decision itself
 * - on-time-closure: the handling unit replied, met by the handling deadline, an approved
 *   extension counted (Art. 34)
 * - extended: the handling period was extended
 * - review-decided: a reviewing body gave its (re-)review opinion
 * - reply-revoked: the unit's reply was revoked on (re-)review
 * - reminded / supervised / discipline-recommended: a clock fired against the unit (Art. 39, 40)
 * - rated: the petitioner rated the handling unit's reply, met when satisfied or basically satisfied
 * - rating-lapsed: the rating window of the unit's reply ended unrated (未评价)
 * - office-rated / office-rating-lapsed: the same for the petition office that took the matter in
 * - repeated: a petition on a matter the unit handled before came in again (重复信访)
 * - concluded: the matter the unit handled was concluded, met when without any review (一次性化解)
 * - level-skip: a visit skipped the unit's level (越级访), counted for the competent unit
 * - collective: a collective petition (集体访) reached the unit
 */
export const ASSESSMENT_METRICS = [
  'received',
  'routed',
  'transferred',
  'returned',
  'referred',
  'dispute-decided',
  'timely-acceptance',
  'accepted',
  'declined',
  'diverted',
  'on-time-closure',
  'extended',
  'review-decided',
  'reply-revoked',
  'reminded',
  'supervised',
  'discipline-recommended',
  'rated',
  'rating-lapsed',
  'office-rated',
  'office-rating-lapsed',
  'repeated',
  'concluded',
  'level-skip',
  'collective',
] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

@Entity('assessment_fact')
@Index('UQ_assessment_fact_source', ['sourceKey'], { unique: true })
@Index('IDX_assessment_fact_petition', ['petitionId'])
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

  /** Within its limit; true for a fact that has none (a count). */
  @Column({ type: 'boolean' })
  met!: boolean;

  /** The limit the fact is measured against; null for a count. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  doneAt!: Date;

  /** YYYY-MM of doneAt (China time), the assessment period. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'datetime', precision: 3 })
  recordedAt!: Date;

  /**
   * The step that caused it, and the metric: the same step recorded twice (a redelivered worker task,
   * a retried request) adds nothing.
   */
  @Column({ type: 'varchar', length: 240, nullable: true })
  sourceKey!: string | null;
}

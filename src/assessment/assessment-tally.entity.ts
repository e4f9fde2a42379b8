import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The facts of one scope, month and metric, summed as they are recorded: what the KPI views read, so
 * that a city's year is a few thousand rows, not millions of facts. A fact recorded late (a timer on
 * an old case) adds to the month it belongs to, which is how the figures stay right.
 *
 * Scopes: `u:<unit>` one unit; `r:<region>` every unit in the region and below it; `r:<region>:<level>`
 * the units of one tier within the region (its counties, its townships…).
 */
/** Rows per tally that concurrent writers spread over (MySQL/MariaDB; SQLite's writers take turns anyway). */
export const TALLY_STRIPES = 8;

@Entity('assessment_tally')
export class AssessmentTally {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope!: string;

  /** YYYY-MM, as AssessmentFact.period. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  metric!: string;

  /**
   * Which of the tally's rows a transaction added to: steps all over the city add to the same region
   * rows, and with one row each they waited for each other's commits. Readers sum the stripes.
   */
  @PrimaryColumn({ type: 'int', default: 0 })
  stripe!: number;

  @Column({ type: 'int' })
  met!: number;

  @Column({ type: 'int' })
  total!: number;
}

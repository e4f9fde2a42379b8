import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who runs a periodic job in the current period. One row per job name; a process runs the job only
 * after it has moved `leaseUntil` forward itself (see ClusterLease).
 */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  /** The process that holds it: host, pid and a random suffix. */
  @Column({ type: 'varchar', length: 128 })
  holder!: string;

  /** The end of the period it was taken for; anyone may take it from then on. */
  @Column({ type: 'datetime', precision: 3 })
  leaseUntil!: Date;

  /** How many periods the job has run in, in any process: an operator's (and a test's) count. */
  @Column({ type: 'int', default: 0 })
  runs!: number;
}

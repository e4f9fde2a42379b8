import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Level } from '../../org/org.types';

/**
 * How many open tasks of a unit's step fall due on one day (UTC): the overdue report's counts for
 * whole days, so that it reads a row per group and day instead of a row per task. Kept by
 * TaskIndexService in the transactions that change open_task (src/common/open-task-tally.ts).
 */
@Entity('open_task_tally')
export class OpenTaskTally {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  regionCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  unitCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  level!: Level;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  step!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  dueDay!: string;

  @Column({ type: 'int' })
  n!: number;
}

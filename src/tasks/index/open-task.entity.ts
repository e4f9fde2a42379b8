import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Level } from '../../org/org.types';

/** The names of open_task's indexes that find tasks by due date; queries that hint at them use these. */
export const OPEN_TASK_DUE_INDEXES = {
  regionDueTask: 'IDX_open_task_region_due_task',
  unitDue: 'IDX_open_task_unit_due',
  due: 'IDX_open_task_due',
} as const;

/**
 * A copy of one open user task of the engine, with the unit it is offered to and where that unit
 * sits, so that supervisors' reports filter and count by region, level and unit in one indexed
 * query instead of asking the engine about every unit. Kept by TaskIndexService.
 */
@Entity('open_task')
// A region's rows in due order, then by task: the overdue report's page over several regions stops
// reading each region once it has a page (the order needs taskId in the index, not in the table).
@Index(OPEN_TASK_DUE_INDEXES.regionDueTask, ['regionCode', 'due', 'taskId'])
// Everything the overdue report counts, in its grouping order: the counts read this index alone,
// without a sort (migration 1766000000000).
@Index('IDX_open_task_counts', ['regionCode', 'unitCode', 'level', 'step', 'due'])
@Index(OPEN_TASK_DUE_INDEXES.unitDue, ['unitCode', 'due'])
export class OpenTask {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  taskId!: string;

  @Index('IDX_open_task_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 32 })
  petitionNumber!: string;

  @Column({ type: 'varchar', length: 64 })
  processInstanceId!: string;

  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: Level;

  @Index(OPEN_TASK_DUE_INDEXES.due)
  @Column({ type: 'datetime', precision: 3, nullable: true })
  due!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  created!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assignee!: string | null;
}

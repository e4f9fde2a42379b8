import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Principal } from '../../auth/principal';

/**
 * A task completion under way (tasks/completion/task-completions.ts): written before the engine is
 * asked to complete the task, removed once the step's records are written. While one exists the
 * petition's records lag behind its process, so workers wait for it (PetitionRepository.requireSettled);
 * one left behind is settled by the recovery, which asks the engine what became of the task.
 */
@Entity('task_completion')
@Index('IDX_task_completion_created', ['createdAt'])
export class TaskCompletion {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  taskId!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 64 })
  processInstanceId!: string;

  /** The user task's definition key: which step records it. */
  @Column({ type: 'varchar', length: 64 })
  step!: string;

  /** The step's form as validated. */
  @Column({ type: 'simple-json' })
  form!: Record<string, unknown>;

  /** Who completed it, as the step needs to know (never personal data). */
  @Column({ type: 'simple-json' })
  principal!: Principal;

  /** The moment of completion: deadlines are computed from it, in the engine and in the records alike. */
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './columns';

/** Task completions under way: the engine is told before the business records are written. */
export class TaskCompletions1764700000000 implements MigrationInterface {
  name = 'TaskCompletions1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { str, text, time, index } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'task_completion',
        columns: [
          { ...str('taskId', 64), isPrimary: true },
          str('petitionId', 36),
          str('processInstanceId', 64),
          str('step', 64),
          text('form'),
          text('principal'),
          time('createdAt'),
        ],
        indices: [index('IDX_task_completion_created', ['createdAt'])],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('task_completion');
  }
}

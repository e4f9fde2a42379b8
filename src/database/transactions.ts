import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Every write goes through write(). On MySQL/MariaDB it is a plain transaction. On the embedded
 * SQLite default TypeORM shares one connection between all callers, so a second concurrent
 * transaction would silently nest inside the first (and roll back with it): there writes take
 * turns instead.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialized: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialized = dataSource.options.type === 'better-sqlite3';
  }

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialized) return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }
}

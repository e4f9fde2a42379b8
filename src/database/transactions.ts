import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const ER_LOCK_DEADLOCK = 1213;
const MAX_DEADLOCK_TRIES = 3;

/** Work the transaction's writers asked to run last, just before its commit. */
const atCommit = new WeakMap<EntityManager, (() => Promise<void>)[]>();

/**
 * Runs `work` at the end of the transaction `manager` belongs to, after the caller's own work and
 * just before the commit, or at once outside Transactions.write. For writes to rows every
 * transaction shares (running totals): their row locks are held until the commit, and each round
 * trip of a busy process between the write and the commit made every other writer wait longer.
 */
export async function lastBeforeCommit(manager: EntityManager, work: () => Promise<void>): Promise<void> {
  const queue = atCommit.get(manager);
  if (queue) queue.push(work);
  else await work();
}

/** What to do once the transaction has committed, by its manager. */
const onCommitted = new WeakMap<EntityManager, (() => void)[]>();

/**
 * Runs `work` once the transaction `manager` belongs to has committed (never if it rolls back), or
 * at once outside Transactions.write. For telling others about rows they can only see after the
 * commit; `work` must not throw.
 */
export function afterCommit(manager: EntityManager, work: () => void): void {
  const queue = onCommitted.get(manager);
  if (queue) queue.push(work);
  else work();
}

async function withWorkAtCommit<T>(manager: EntityManager, work: (manager: EntityManager) => Promise<T>, committed: (() => void)[]): Promise<T> {
  const queue: (() => Promise<void>)[] = [];
  atCommit.set(manager, queue);
  // A deadlock victim runs again: only the attempt that commits tells anyone.
  committed.length = 0;
  onCommitted.set(manager, committed);
  try {
    const result = await work(manager);
    // In the order asked; what they ask in turn runs after them.
    for (let next = queue.shift(); next; next = queue.shift()) await next();
    return result;
  } finally {
    atCommit.delete(manager);
    onCommitted.delete(manager);
  }
}

/**
 * Every write goes through write(). On MySQL/MariaDB it is a READ COMMITTED transaction (no gap
 * locks between concurrent registrations), run again if InnoDB picks it as a deadlock victim. On the embedded
 * SQLite default TypeORM shares one connection between all callers, so a second concurrent
 * transaction would silently nest inside the first (and roll back with it): there writes take
 * turns instead.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialized: boolean;
  /** The pool's connections (the driver's objects) whose session reads committed data already. */
  private readonly readCommittedSessions = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {
    this.serialized = dataSource.options.type === 'better-sqlite3';
  }

  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const committed: (() => void)[] = [];
    const result = await this.run((manager) => withWorkAtCommit(manager, work, committed));
    for (const tell of committed) tell();
    return result;
  }

  /**
   * For one statement that is atomic by itself: on MySQL/MariaDB it runs outside any transaction and
   * commits as it runs, so the rows it locks are held inside the database only; on SQLite, where all
   * callers share one connection (a statement outside a transaction would join whichever one is open),
   * as a write in its turn.
   */
  alone<T>(statement: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.serialized) return this.write(statement);
    return this.withDeadlockRetry(() => statement(this.dataSource.manager));
  }

  private run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialized) return this.withDeadlockRetry(() => this.readCommitted(work));
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A READ COMMITTED transaction. The level is set once per pooled connection, for its session,
   * instead of by a statement before every transaction: one round trip less per write, which under
   * load cost as much as any statement of the work (the process's event loop, not the database).
   */
  private async readCommitted<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as object;
      if (!this.readCommittedSessions.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommittedSessions.add(connection);
      }
      // TypeORM's own begin / commit / rollback, on this connection (it leaves the release to us).
      return await runner.manager.transaction(work);
    } finally {
      await runner.release();
    }
  }

  /**
   * InnoDB picks a deadlock victim and rolls it back; running the transaction again is the
   * documented remedy. A deadlock is raised by a statement, so the work has not got past it.
   */
  private async withDeadlockRetry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const errno = (error as { errno?: number; driverError?: { errno?: number } }).driverError?.errno;
        if (errno !== ER_LOCK_DEADLOCK || tries >= MAX_DEADLOCK_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 * tries + Math.random() * 20));
      }
    }
  }
}

import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { JobLease } from './job-lease.entity';
import { isUniqueViolation } from '../database/errors';

/**
 * The end of the period that `now` falls in. Periods are aligned to multiples of `periodMs` since
 * the epoch, so every process of a cluster cuts time into the same periods whenever it started and
 * however its timer drifts.
 */
export function periodEnd(now: Date, periodMs: number): Date {
  if (!(periodMs > 0)) throw new RangeError(`A lease period must be positive, got ${periodMs} ms`);
  return new Date((Math.floor(now.getTime() / periodMs) + 1) * periodMs);
}


/**
 * Runs a periodic job in one process of the cluster per period, not in every process: a lease row
 * per job in the business database (table job_lease). Taking it is one conditional UPDATE
 * ("… WHERE leaseUntil <= now"), or the INSERT of the row the first time; the database lets exactly
 * one of several contenders change the row, on SQLite (one writer at a time) as on MariaDB/MySQL
 * (the row lock, and the condition checked again once it is granted).
 *
 * The lease is held to the end of the period it was taken in, so a job runs at most once per period
 * whoever calls; a job that runs longer than what is left of its period may overlap the next run
 * elsewhere, so keep jobs short or the period long. Processes whose clocks disagree by s seconds may
 * run a job up to s seconds early.
 */
@Injectable()
export class ClusterLease {
  private readonly running = new Set<string>();
  /** This process, as the lease row names it. */
  readonly holder = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`.slice(0, 128);

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** True when this process took the lease on `name` for the period now falls in. */
  async acquire(name: string, periodMs: number): Promise<boolean> {
    const now = this.clock.now();
    const lease = { holder: this.holder, leaseUntil: periodEnd(now, periodMs) };
    const taken = await this.tx.write((manager) =>
      manager
        .createQueryBuilder()
        .update(JobLease)
        .set({ ...lease, runs: () => 'runs + 1' })
        .where('name = :name AND leaseUntil <= :now', { name, now })
        .execute(),
    );
    if (taken.affected === 1) return true;
    try {
      // The first period ever for this job (or the lease is held, and the row exists: a clash).
      await this.tx.write((manager) => manager.insert(JobLease, { name, ...lease, runs: 1 }));
      return true;
    } catch (error) {
      // Another process inserted the lease row first.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Runs `job` if this process wins the lease on `name` for the current period, and says whether it
   * did. A run of the same job still going in this process is never overlapped.
   */
  async runExclusive(name: string, periodMs: number, job: () => Promise<unknown>): Promise<boolean> {
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      if (!(await this.acquire(name, periodMs))) return false;
      await job();
      return true;
    } finally {
      this.running.delete(name);
    }
  }
}

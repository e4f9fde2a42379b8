import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { registerGauge } from '../metrics/metrics-registry';

/** `petitionId`, when the caller knows it: the listener need not look it up by the number. */
type Listener = (petitionNumber: string | null, petitionId?: string) => Promise<void>;

/** The key of "anything may have changed" among the petition numbers. */
const EVERYTHING = '\u0000everything';

/** Listener runs at once: enough to keep the index close behind, few enough to leave the engine to the workers. */
const CONCURRENCY = 4;

/**
 * Tells whoever keeps a copy of the engine's open tasks that a petition's tasks may have changed
 * (a worker completed an external task, a unit was closed). null: anything may have changed.
 *
 * changed() only queues: the worker that completed a task goes back for the next one instead of
 * holding its slot while the copy catches up (an engine query and a database write, as long as the
 * handler itself). The copy reads the engine's state when it runs, so a petition queued again before
 * its turn is run once, and one changed while it runs is run once more afterwards. A failing listener
 * is logged, never failing the work that changed the tasks; a change lost in a crash is found by
 * the listeners' own reconcile pass, as before.
 */
@Injectable()
export class TaskChangeNotifier implements OnModuleInit {
  private readonly logger = new Logger(TaskChangeNotifier.name);
  private readonly listeners: Listener[] = [];
  /** Keys waiting for their turn, in the order they came. */
  private readonly queued = new Set<string>();
  /** The petition ids callers gave with the numbers queued. */
  private readonly ids = new Map<string, string>();
  private readonly running = new Set<string>();
  private idleWaiters: (() => void)[] = [];

  onModuleInit(): void {
    const backlog = () => this.backlog();
    registerGauge({
      name: 'petition_task_index_sync_backlog',
      help: 'Petitions whose copy of the open tasks this process has yet to bring up to date',
      collect() {
        this.set(backlog());
      },
    });
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  changed(petitionNumber: string | null, petitionId?: string): void {
    if (this.listeners.length === 0) return;
    this.queued.add(petitionNumber ?? EVERYTHING);
    if (petitionNumber !== null && petitionId) this.ids.set(petitionNumber, petitionId);
    this.pump();
  }

  /** Settles once nothing is queued or running: before the database closes, and for tests. */
  idle(): Promise<void> {
    if (this.queued.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** How many petitions wait for their copy to be brought up to date. */
  backlog(): number {
    return this.queued.size + this.running.size;
  }

  private pump(): void {
    for (const key of this.queued) {
      if (this.running.size >= CONCURRENCY) return;
      // One run per key at a time: a key changed while it runs waits here for the next turn.
      if (this.running.has(key)) continue;
      this.queued.delete(key);
      this.running.add(key);
      void this.run(key).finally(() => {
        this.running.delete(key);
        this.pump();
        if (this.queued.size === 0 && this.running.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  private async run(key: string): Promise<void> {
    const petitionNumber = key === EVERYTHING ? null : key;
    const petitionId = this.ids.get(key);
    // Out of the queue now: a number queued again while this runs brings its id again.
    this.ids.delete(key);
    for (const listener of this.listeners) {
      await listener(petitionNumber, petitionId).catch((error: unknown) => this.logger.warn(`Task index not updated: ${String(error)}`));
    }
  }
}

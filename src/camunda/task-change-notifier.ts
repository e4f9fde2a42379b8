import { Injectable, Logger } from '@nestjs/common';

type Listener = (petitionNumber: string | null) => Promise<void>;

/**
 * Tells whoever keeps a copy of the engine's open tasks that a petition's tasks may have changed
 * (a worker completed an external task, a unit was closed). null: anything may have changed.
 * A failing listener is logged, never failing the work that changed the tasks.
 */
@Injectable()
export class TaskChangeNotifier {
  private readonly logger = new Logger(TaskChangeNotifier.name);
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  async changed(petitionNumber: string | null): Promise<void> {
    for (const listener of this.listeners) {
      await listener(petitionNumber).catch((error: unknown) => this.logger.warn(`Task index not updated: ${String(error)}`));
    }
  }
}

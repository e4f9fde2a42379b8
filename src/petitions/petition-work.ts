import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Var } from '../camunda/process-contract';
import type { ExternalTaskContext } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import type { Petition } from './petition.entity';
import { PetitionRepository } from './petition.repository';

/** What a worker's step is given: its transaction, the petition as it is now, and the moment it runs at. */
export interface PetitionStep {
  manager: EntityManager;
  petition: Petition;
  now: Date;
}

/**
 * How a worker acts on the petition of its external task: in one transaction, once the petition's
 * records have caught up with its process (PetitionRepository.requireSettled). The topic handlers'
 * one way in, so each handler only says what its step does.
 */
@Injectable()
export class PetitionWork {
  constructor(
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly clock: Clock,
  ) {}

  on<T>(task: ExternalTaskContext, step: (work: PetitionStep) => Promise<T>): Promise<T> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    return this.tx.write(async (manager) =>
      step({ manager, petition: await this.petitions.requireSettled(manager, petitionId), now: this.clock.now() }),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PetitionEvent } from './petition-event.entity';
import type { EventKind } from './petition.types';

export interface NewEvent {
  petitionId: string;
  kind: EventKind;
  occurredAt: Date;
  unitCode: string | null;
  actor: string;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** Same key, same event: a second delivery of a worker's task records nothing new. */
  idempotencyKey?: string | null;
}

export async function recordEvent(manager: EntityManager, event: NewEvent): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(PetitionEvent)
    // simple-json columns are serialized by the driver; the builder's typing does not know that.
    .values({ id: randomUUID(), note: null, data: null, idempotencyKey: null, ...event } as QueryDeepPartialEntity<PetitionEvent>)
    .orIgnore()
    .execute();
}

export function hasEvent(manager: EntityManager, idempotencyKey: string): Promise<boolean> {
  return manager.existsBy(PetitionEvent, { idempotencyKey });
}

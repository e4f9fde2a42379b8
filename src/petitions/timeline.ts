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

/** Writes the entry; false when one with its idempotency key is already there (a second delivery wrote it). */
export async function recordEvent(manager: EntityManager, event: NewEvent): Promise<boolean> {
  const [sql, parameters] = manager
    .createQueryBuilder()
    .insert()
    .into(PetitionEvent)
    // simple-json columns are serialized by the driver; the builder's typing does not know that.
    .values({ id: randomUUID(), note: null, data: null, idempotencyKey: null, ...event } as QueryDeepPartialEntity<PetitionEvent>)
    .orIgnore()
    .getQueryAndParameters();
  // The structured result carries the rows written on both drivers (the builder's own result does not on SQLite).
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = (await runner.query(sql, parameters, true)) as { affected?: number };
    return (result.affected ?? 0) > 0;
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { HandOver, HandOverKind } from './hand-over.entity';

export interface NewHandOver {
  kind: HandOverKind;
  fromUnitCode: string | null;
  toUnitCode: string;
  reason: string | null;
  actor: string;
  occurredAt: Date;
  dueAt?: Date | null;
  idempotencyKey?: string | null;
}

/**
 * The next number of the petition's chain, read by the insert itself: one round trip per link
 * instead of a read before the insert (routing wrote one of each for every petition). The MAX sits
 * in a derived table of its own: MySQL refuses a subquery on the table being inserted into (1093)
 * unless it is materialized first, and an aggregate keeps it from being merged back into the insert.
 */
const NEXT_SEQ = '(SELECT next_seq FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS next_seq FROM hand_over WHERE petitionId = :petitionId) AS chain_end)';

/**
 * Appends links to a petition's transfer chain, numbered in order. The caller holds the petition's
 * lock (UQ_hand_over_seq refuses a number taken twice should it not); one insert per link, so each
 * reads the number the one before it wrote.
 */
export async function appendHandOvers(manager: EntityManager, petitionId: string, links: NewHandOver[]): Promise<void> {
  for (const link of links) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(HandOver)
      .values({ id: randomUUID(), petitionId, seq: () => NEXT_SEQ, dueAt: null, idempotencyKey: null, ...link })
      .setParameter('petitionId', petitionId)
      .updateEntity(false)
      .execute();
  }
}

/** The last link that brought the petition to its current holder. */
export function lastHandOver(manager: EntityManager, petitionId: string): Promise<HandOver | null> {
  return manager.findOne(HandOver, { where: { petitionId }, order: { seq: 'DESC' } });
}

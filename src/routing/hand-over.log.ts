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

/** Appends links to a petition's transfer chain, numbered in order. */
export async function appendHandOvers(manager: EntityManager, petitionId: string, links: NewHandOver[]): Promise<void> {
  if (links.length === 0) return;
  const last = await manager
    .createQueryBuilder(HandOver, 'h')
    .select('MAX(h.seq)', 'seq')
    .where('h.petitionId = :petitionId', { petitionId })
    .getRawOne<{ seq: number | null }>();
  let seq = Number(last?.seq ?? 0);
  await manager.insert(
    HandOver,
    links.map((link) => ({
      id: randomUUID(),
      petitionId,
      seq: ++seq,
      dueAt: null,
      idempotencyKey: null,
      ...link,
    })),
  );
}

/** The last link that brought the petition to its current holder. */
export function lastHandOver(manager: EntityManager, petitionId: string): Promise<HandOver | null> {
  return manager.findOne(HandOver, { where: { petitionId }, order: { seq: 'DESC' } });
}

import type { EntityManager } from 'typeorm';
import { requestWindow } from '../../clocks/request-windows';
import { PetitionEvent } from '../petition-event.entity';
import type { Petition } from '../petition.entity';

/**
 * The request window a petition is in, or whose lapse concluded it: the review's from the reply's
 * service (Art. 35), the re-review's from the review opinion's service (Art. 36). Null when no window
 * applies (not replied yet, under review, re-reviewed).
 */
export async function requestWindowOf(manager: EntityManager, petition: Petition): Promise<ReturnType<typeof requestWindow> | null> {
  if (petition.status === 'replied' || petition.conclusionGround === 'review-lapsed') {
    return petition.servedAt ? requestWindow('review', petition.servedAt) : null;
  }
  if (petition.status !== 'reviewed' && petition.conclusionGround !== 're-review-lapsed') return null;
  const opinion = await reviewOpinionOf(manager, petition.id);
  return opinion ? requestWindow('re-review', opinion.servedAt) : null;
}

/**
 * The latest review opinion (its timeline entry) and when it reached the petitioner: the day recorded
 * for it after it was given (a posted letter's return receipt), else the moment it was given.
 */
export async function reviewOpinionOf(manager: EntityManager, petitionId: string): Promise<{ givenAt: Date; servedAt: Date } | null> {
  const opinion = await manager.findOne(PetitionEvent, { where: { petitionId, kind: 'reviewed' }, order: { occurredAt: 'DESC' } });
  if (!opinion) return null;
  const services = await manager.find(PetitionEvent, { where: { petitionId, kind: 'served' }, order: { occurredAt: 'DESC' } });
  const service = services.find((e) => e.occurredAt >= opinion.occurredAt && e.data?.stage === 'review' && typeof e.data.servedAt === 'string');
  return { givenAt: opinion.occurredAt, servedAt: service ? new Date(service.data!.servedAt as string) : opinion.occurredAt };
}

import type { EntityManager } from 'typeorm';
import { requestWindow } from '../../clocks/request-windows';
import { PetitionEvent } from '../petition-event.entity';
import type { Petition } from '../petition.entity';

/**
 * The request window a petition is in, or whose lapse concluded it: the review's from the reply's
 * service (Art. 35), the re-review's from the review opinion (Art. 36, the time of its timeline entry).
 * Null when no window applies (not replied yet, under review, re-reviewed).
 */
export async function requestWindowOf(manager: EntityManager, petition: Petition): Promise<ReturnType<typeof requestWindow> | null> {
  if (petition.status === 'replied' || petition.conclusionGround === 'review-lapsed') {
    return petition.servedAt ? requestWindow('review', petition.servedAt) : null;
  }
  if (petition.status !== 'reviewed' && petition.conclusionGround !== 're-review-lapsed') return null;
  const opinion = await manager.findOne(PetitionEvent, { where: { petitionId: petition.id, kind: 'reviewed' }, order: { occurredAt: 'DESC' } });
  return opinion ? requestWindow('re-review', opinion.occurredAt) : null;
}

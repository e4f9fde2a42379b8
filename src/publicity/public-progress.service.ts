import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { LocalizedHttpError } from '../common/errors';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { OrgService } from '../org/org.service';
import { queryCodeMatches } from '../petitions/query-code';
import { redactText } from './redaction';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { AFTER_REPLY_EVENT_KINDS, type EventKind } from '../petitions/petition.types';
import { deadlinesOf } from '../case-file/petition.view';
import { Publication } from './publication.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { PetitionRating } from '../rating/petition-rating.entity';
import { PetitionReview } from '../review/petition-review.entity';
import { ReviewRequestService } from '../review/review-requests.service';
import { Clock } from '../clocks/clock';
import { ratingClosesAt } from '../clocks/request-windows';
import { TIME_LIMITS } from '../clocks/time-limits';
import type { Petition } from '../petitions/petition.entity';

/** Only these steps are shown publicly, and only with their time and unit: no notes, no people. */
const PUBLIC_KINDS: EventKind[] = [
  'received',
  'registered',
  'forwarded',
  'routed',
  'handed-over',
  'decided',
  'accepted',
  'declined',
  'diverted',
  'refused',
  'replied',
  'notified',
  'closed',
  ...AFTER_REPLY_EVENT_KINDS,
];
/** Steps whose unit of interest is where the petition went, not who sent it. */
const DESTINATION_KINDS: EventKind[] = ['routed', 'forwarded', 'handed-over', 'decided', 'review-requested', 're-review-requested'];

const NO_MATCH = new LocalizedHttpError(404, {
  'zh-CN': '信访事项编号或查询码不正确，请核对回执后重试',
  en: 'The petition number or query code is wrong; check your receipt and try again',
});

@Injectable()
export class PublicProgressService {
  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(PetitionEvent) private readonly events: Repository<PetitionEvent>,
    @InjectRepository(Publication) private readonly publications: Repository<Publication>,
    @InjectRepository(PetitionRating) private readonly ratings: Repository<PetitionRating>,
    @InjectRepository(PetitionReview) private readonly reviews: Repository<PetitionReview>,
    private readonly reviewRequests: ReviewRequestService,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly org: OrgService,
  ) {}

  /** The petition whose receipt this is; a wrong number or code is one answer, in constant time. */
  async verified(number: string, code: string): Promise<Petition> {
    const petition = await this.petitions.byNumber(number.trim().toUpperCase());
    if (!petition || !queryCodeMatches(petition.queryCodeHash, code, this.cipher)) throw NO_MATCH;
    return petition;
  }

  async progress(number: string, code: string) {
    const petition = await this.verified(number, code);

    const [events, publication] = await Promise.all([
      this.events.find({ where: { petitionId: petition.id, kind: In(PUBLIC_KINDS) }, order: { occurredAt: 'ASC' } }),
      this.publications.findOneBy({ petitionId: petition.id }),
    ]);
    const unitName = async (code: string | null) => (code ? ((await this.org.unit(code))?.name ?? null) : null);
    return {
      number: petition.number,
      status: petition.status,
      receivedAt: petition.receivedAt.toISOString(),
      currentUnit: await unitName(petition.competentUnitCode),
      committedDate: petition.committedAt?.toISOString() ?? null,
      deadlines: deadlinesOf(petition).map(({ name, dueAt, article, metAt }) => ({ name, dueAt, article, metAt })),
      timeline: await Promise.all(
        events.map(async (event) => ({
          step: event.kind,
          at: event.occurredAt.toISOString(),
          unit: await unitName(DESTINATION_KINDS.includes(event.kind) ? String(event.data?.to ?? '') : event.unitCode),
        })),
      ),
      afterReply: await this.afterReply(petition, unitName),
      result: publication
        ? {
            result: publication.result,
            unit: publication.unitName,
            summary: publication.summary,
            publishedAt: publication.publishedAt.toISOString(),
          }
        : null,
    };
  }

  /**
   * What follows the reply, for the petitioner: its service, the rating (open, given or 未评价), the
   * review request that may be made now and until when, the reviews with their written opinions, and
   * the conclusion. Null before a reply was served.
   */
  private async afterReply(petition: Petition, unitName: (code: string | null) => Promise<string | null>) {
    if (petition.replyRound === 0) return null;
    const now = this.clock.now();
    const [rating, reviews, window] = await Promise.all([
      this.ratings.findOneBy({ petitionId: petition.id, replyRound: petition.replyRound }),
      this.reviews.find({ where: { petitionId: petition.id }, order: { requestedAt: 'ASC' } }),
      this.reviewRequests.openWindow(petition),
    ]);
    const ratingCloses = petition.servedAt ? ratingClosesAt(petition.servedAt) : null;
    const windowOpen = !!window && petition.status !== 'concluded' && now <= window.closesAt;
    return {
      servedAt: petition.servedAt?.toISOString() ?? null,
      // The reply's words, as the written reply gave them, with identifiers masked; never for an
      // accusation, whose reply would tell what was alleged (Art. 29).
      replyText: petition.replyText && petition.category !== 'accusation' ? redactText(petition.replyText) : null,
      serviceMethod: petition.serviceMethod,
      rating: {
        open: petition.status === 'replied' && !rating && !!ratingCloses && now <= ratingCloses,
        closesAt: ratingCloses?.toISOString() ?? null,
        given: rating?.handlingUnit && rating.petitionOffice
          ? { handlingUnit: rating.handlingUnit, petitionOffice: rating.petitionOffice, ratedAt: rating.recordedAt.toISOString() }
          : null,
        lapsed: !!rating && rating.handlingUnit === null,
      },
      reviewRequest: {
        stage: windowOpen ? window.stage : null,
        open: windowOpen,
        closesAt: window?.closesAt.toISOString() ?? null,
        article: window?.article ?? TIME_LIMITS.reviewRequest.article,
      },
      reviews: await Promise.all(
        reviews
          .filter((r) => r.openedAt)
          .map(async (r) => ({
            stage: r.stage,
            requestedAt: r.requestedAt.toISOString(),
            dueAt: r.dueAt?.toISOString() ?? null,
            reviewingUnit: await unitName(r.reviewingUnitCode),
            outcome: r.outcome,
            opinion: r.opinion,
            decidedAt: r.decidedAt?.toISOString() ?? null,
          })),
      ),
      conclusion: petition.concludedAt ? { at: petition.concludedAt.toISOString(), ground: petition.conclusionGround } : null,
    };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { Message } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { chinaDate } from '../clocks/deadline';
import { ratingClosesAt } from '../clocks/request-windows';
import { LocalizedHttpError } from '../common/errors';
import { OrgService } from '../org/org.service';
import { Transactions } from '../database/transactions';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import type { AfterReplyChannel, RatingValue } from '../petitions/petition.types';
import { PetitionRating } from './petition-rating.entity';

export interface RatingGiven {
  handlingUnit: RatingValue;
  petitionOffice: RatingValue;
  comment?: string | null;
}

/** Who took the rating down: the petitioner online (`public`), or a registrar by phone or in person. */
export interface RatingSource {
  channel: AfterReplyChannel;
  actor: string;
  unitCode: string | null;
}

const NOTHING_TO_RATE = new LocalizedHttpError(409, {
  'zh-CN': '本件目前没有可评价的答复：评价在处理意见送达后、申请复查前进行',
  en: 'There is no reply to rate: a reply is rated after it is served and before a review is asked for',
});

const ALREADY_RATED = new LocalizedHttpError(409, {
  'zh-CN': '本次答复已经评价过（或评价期已结束），每次答复只能评价一次',
  en: 'This reply has been rated already (or its rating closed); a reply is rated once',
});

function ratingClosed(closesAt: Date): LocalizedHttpError {
  const day = chinaDate(closesAt);
  return new LocalizedHttpError(409, {
    'zh-CN': `本次答复的评价期已于 ${day} 届满，不能再评价`,
    en: `The rating of this reply closed on ${day}`,
  });
}

/**
 * 满意度评价: one rating per reply, of the handling unit and of the petition office, while its window
 * is open (request-windows.ts) and no review was asked for. A window that closes unrated leaves 未评价.
 */
@Injectable()
export class RatingService {
  private readonly logger = new Logger(RatingService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
    private readonly camunda: CamundaRestClient,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  async rate(petitionId: string, given: RatingGiven, source: RatingSource): Promise<{ ratedAt: string }> {
    const now = this.clock.now();
    const petition = await this.tx.write(async (manager) => {
      const petition = await this.petitions.lockForUpdate(manager, petitionId);
      if (petition.status !== 'replied' || !petition.servedAt || !petition.competentUnitCode) throw NOTHING_TO_RATE;
      const closesAt = ratingClosesAt(petition.servedAt);
      if (now > closesAt) throw ratingClosed(closesAt);
      if (await manager.existsBy(PetitionRating, { petitionId, replyRound: petition.replyRound })) throw ALREADY_RATED;
      await manager.insert(PetitionRating, {
        id: randomUUID(),
        petitionId,
        replyRound: petition.replyRound,
        handlingUnitCode: petition.competentUnitCode,
        handlingUnit: given.handlingUnit,
        petitionOffice: given.petitionOffice,
        comment: given.comment?.trim() || null,
        channel: source.channel,
        recordedBy: source.actor,
        recordedAt: now,
      });
      const petitionOfficeCode = await this.ratedPetitionOffice(petition);
      await this.lifecycle.rate(manager, petition, { handlingUnit: given.handlingUnit, petitionOffice: given.petitionOffice, channel: source.channel, petitionOfficeCode }, {
        now,
        actor: source.actor,
        unitCode: source.unitCode,
      });
      await this.audit.recordRequest(manager, { resourceId: petitionId });
      return petition;
    });
    // Ends the rating's wait in the process. Only a shortcut: if the engine misses it, the window's
    // timer finds the rating recorded and records nothing more.
    if (petition.processInstanceId) {
      await this.camunda.correlateMessage(Message.rated, petition.processInstanceId, {}).catch((error: unknown) => {
        this.logger.warn(`Rating of ${petition.number} recorded; the process was not told: ${String(error)}`);
      });
    }
    return { ratedAt: now.toISOString() };
  }

  /** 未评价: the window ended, or a review was asked for, and the current reply has no rating. */
  async closeUnrated(manager: EntityManager, petition: Petition, now: Date, idempotencyKey: string): Promise<void> {
    if (petition.replyRound === 0 || !petition.competentUnitCode) return;
    if (await manager.existsBy(PetitionRating, { petitionId: petition.id, replyRound: petition.replyRound })) return;
    await manager.insert(PetitionRating, {
      id: randomUUID(),
      petitionId: petition.id,
      replyRound: petition.replyRound,
      handlingUnitCode: petition.competentUnitCode,
      handlingUnit: null,
      petitionOffice: null,
      comment: null,
      channel: null,
      recordedBy: 'system',
      recordedAt: now,
    });
    await this.lifecycle.lapseRating(manager, petition, await this.ratedPetitionOffice(petition), { now, actor: 'system', unitCode: petition.competentUnitCode, idempotencyKey });
  }

  /**
   * The petition office a rating of 信访部门 is about: the one that took the matter in, that is the
   * office serving the receiving unit's region (a village agent station's township office).
   */
  private async ratedPetitionOffice(petition: Petition): Promise<string | null> {
    const receiving = petition.receivingUnitCode ? await this.org.unit(petition.receivingUnitCode) : undefined;
    if (!receiving) return null;
    if (receiving.kind === 'petition-office') return receiving.code;
    // An organisation without an office above the unit rates no office: nothing to count it against.
    return (await this.org.petitionOfficeFor(receiving.regionCode).catch(() => null))?.code ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { EngineDeadlines } from '../camunda/engine-deadlines';
import { Var } from '../camunda/process-contract';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { chinaDate } from '../clocks/deadline';
import { replyWindows, requestWindow, servedOnDay } from '../clocks/request-windows';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { reviewOpinionOf } from '../petitions/lifecycle/request-window';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { Notification } from '../notifications/notification.entity';
import type { ServedNoticeDto } from './dto/notice.dto';
import { NoticesDesk, NoticeView } from './notices-desk.service';

/** The engine's window timers to set after the commit: the variables they are set from, and where. */
interface WindowsToMove {
  processInstanceId: string;
  windows: Record<string, Date>;
}

const NOT_PRINTED = new LocalizedHttpError(409, {
  'zh-CN': '只有已打印的书面告知书可以登记送达；短信和电子邮件的送达由发送记录证明',
  en: 'Only a printed letter has its service recorded; an SMS or e-mail is proven by its delivery record',
});
const NOT_POSTED = new LocalizedHttpError(409, {
  'zh-CN': '该告知书尚未登记邮寄，不能按邮寄登记送达；如已当面交付，请选择“当面送达”',
  en: 'This letter has not been posted; if it was handed over in person, record it as served in person',
});

/**
 * 送达登记: the day a printed notice reached the petitioner, handed over at the desk or as the posted
 * letter's return receipt shows. For the reply of the current round this is the service date the
 * rating and review windows count from (Art. 35), for the latest review opinion the day the re-review
 * window counts from (Art. 36): the lifecycle records it, and the engine's window timers move to
 * match after the records are committed. Recording the same day again changes no
 * record and sets the engine's timers again, so a request cut off by an engine outage can be retried.
 */
@Injectable()
export class NoticeServing {
  constructor(
    private readonly desk: NoticesDesk,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
    private readonly deadlines: EngineDeadlines,
  ) {}

  async record(principal: Principal, id: string, dto: ServedNoticeDto): Promise<NoticeView> {
    const notice = await this.desk.sendable(principal, id);
    if (notice.channel !== 'letter' || (notice.status !== 'sent' && notice.status !== 'delivered')) throw NOT_PRINTED;
    const method = dto.method ?? (notice.postedAt ? 'post' : 'in-person');
    if (method === 'post' && !notice.postedAt) throw NOT_POSTED;
    const now = this.clock.now();
    const servedAt = this.serviceDay(dto.servedOn, method === 'post' ? notice.postedAt! : notice.printedAt ?? notice.createdAt, now);

    const moved = await this.tx.write(async (manager): Promise<WindowsToMove | null> => {
      const petition = await this.petitions.lockForUpdate(manager, notice.petitionId);
      await manager.update(Notification, { id: notice.id }, { servedAt, serviceMethod: method, status: 'delivered', deliveredAt: notice.deliveredAt ?? now });
      const at = {
        now,
        actor: principal.username,
        unitCode: principal.unitCode,
        note: method === 'post' && notice.registeredMailNumber ? `挂号信 ${notice.registeredMailNumber}` : null,
        data: { noticeId: notice.id },
      };
      const service = { servedAt, serviceMethod: method };
      if (isCurrentReply(notice, petition)) {
        if (petition.servedAt?.getTime() !== servedAt.getTime() || petition.serviceMethod !== method) {
          await this.lifecycle.serve(manager, petition, service, at);
        }
        const windows = replyWindows(servedAt);
        return { processInstanceId: petition.processInstanceId!, windows: { [Var.ratingClosesAt]: windows.ratingClosesAt, [Var.reviewRequestClosesAt]: windows.reviewRequestClosesAt } };
      }
      const opinion = notice.kind === 'review-opinion' && petition.status === 'reviewed' ? await reviewOpinionOf(manager, petition.id) : null;
      if (opinion && notice.createdAt >= opinion.givenAt && petition.processInstanceId) {
        if (opinion.servedAt.getTime() !== servedAt.getTime()) await this.lifecycle.serveReviewOpinion(manager, petition, service, at);
        return { processInstanceId: petition.processInstanceId, windows: { [Var.reReviewRequestClosesAt]: requestWindow('re-review', servedAt).closesAt } };
      }
      return null;
    });

    // After the commit (no engine call inside a transaction): the timers follow the record.
    if (moved) await this.deadlines.moveWindows(moved.processInstanceId, moved.windows);
    return this.desk.viewOf(principal, id);
  }

  /** The receipt's day: not before the letter left the desk, not after today (China time). */
  private serviceDay(day: string, leftDesk: Date, now: Date): Date {
    const earliest = chinaDate(leftDesk);
    const today = chinaDate(now);
    const moment = servedOnDay(day);
    // A day that does not exist (2026-02-30) parses to another day or to nothing.
    const real = !Number.isNaN(moment.getTime()) && chinaDate(moment) === day;
    if (!real || day < earliest || day > today) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `送达日期须在 ${earliest} 至 ${today} 之间（不早于打印或寄出之日，不晚于今天）`,
        en: `The service date is between ${earliest} and ${today}: not before the letter was printed or posted, not after today`,
      });
    }
    return moment;
  }
}

/**
 * The reply notice of the reply the windows are open for. An earlier round's letter (revoked on review)
 * or a reply already under review or concluded moves nothing: its windows are closed.
 */
function isCurrentReply(notice: Notification, petition: Petition): boolean {
  return notice.kind === 'reply' && petition.status === 'replied' && !!petition.repliedAt && notice.createdAt >= petition.repliedAt && !!petition.processInstanceId;
}

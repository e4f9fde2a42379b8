import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../auth/principal';
import { PetitionQueries } from '../case-file/petition-queries.service';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { maskAddress, maskEmail, maskName, maskPhone } from '../crypto/masking';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { Transactions } from '../database/transactions';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { Petitioner } from '../petitions/petitioner.entity';
import { chooseChannel } from '../notifications/channels/channel-choice';
import type { NoticeListQueryDto, PostedNoticeDto, PrintQueueQueryDto, PrintState, ResendNoticeDto } from './dto/notice.dto';
import { NoticeDocuments } from '../notifications/notice-documents';
import { NOTICE_DOCUMENTS } from '../notifications/notice-texts';
import { Notification, NotificationStatus } from '../notifications/notification.entity';

export interface NoticeView {
  id: string;
  kind: string;
  title: string;
  channel: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  recipientName: string;
  /** Masked, except for the staff who post and correct it (AccessPolicy.sendsNoticesOf). */
  recipientContact: string | null;
  printedAt: string | null;
  postedAt: string | null;
  registeredMailNumber: string | null;
  /** 送达: when a letter reached the petitioner, and how. */
  servedAt: string | null;
  serviceMethod: 'in-person' | 'post' | null;
  documentUrl: string;
}

const NOT_FOUND = (id: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `告知书 ${id} 不存在或无权查看`, en: `Notice ${id} does not exist or is not yours to see` });
const NOT_SENDER = new LocalizedHttpError(403, {
  'zh-CN': '只有发出该告知书的单位的登记、经办人员和负责人可以打印、登记邮寄或重新发送',
  en: 'Only the registrars, handlers and heads of the unit that sends a notice print, post or resend it',
});

/** Letters move through the print queue in this order; each state is the status it shows as. */
const PRINT_STATUS: Record<PrintState, NotificationStatus> = { 'to-print': 'pending', printed: 'sent', posted: 'delivered' };

/** The outbox as staff see it: a case's notices, the failed ones, the print queue, and what they do about them. */
@Injectable()
export class NoticesDesk {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly access: AccessPolicy,
    private readonly queries: PetitionQueries,
    private readonly documents: NoticeDocuments,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly petitions: PetitionRepository,
  ) {}

  async forPetition(principal: Principal, petitionId: string): Promise<NoticeView[]> {
    const petition = await this.queries.requireReadable(principal, petitionId);
    const notices = await this.dataSource.getRepository(Notification).find({ where: { petitionId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.views(principal, notices, new Map([[petition.id, petition]]));
  }

  /** Notices of the units within the caller's reach, by status (failed by default): what needs someone's attention. */
  async list(principal: Principal, query: NoticeListQueryDto) {
    const units = await this.access.unitsInReach(principal);
    return this.page(principal, { unitCode: In(units), status: query.status ?? 'failed' }, query.page, query.pageSize);
  }

  /** The letters the caller's unit prints and posts. */
  async printQueue(principal: Principal, query: PrintQueueQueryDto) {
    if (!this.access.sendsNoticesOf(principal, principal.unitCode)) throw NOT_SENDER;
    const status = PRINT_STATUS[query.state ?? 'to-print'];
    return this.page(principal, { unitCode: principal.unitCode, channel: 'letter', status }, query.page, query.pageSize);
  }

  async document(principal: Principal, id: string): Promise<{ pdf: Buffer; filename: string }> {
    const notice = await this.readable(principal, id);
    const [petition, petitioner] = await Promise.all([
      this.petitions.require(undefined, notice.petitionId),
      this.dataSource.getRepository(Petitioner).findOneByOrFail({ id: notice.petitionerId }),
    ]);
    const pdf = await this.documents.render(notice, petition, petitioner);
    return { pdf, filename: `${NOTICE_DOCUMENTS[notice.kind].title}-${petition.number}.pdf` };
  }

  async markPrinted(principal: Principal, id: string): Promise<NoticeView> {
    return this.moveLetter(principal, id, 'pending', { status: 'sent', printedAt: this.clock.now(), sentAt: this.clock.now() });
  }

  async markPosted(principal: Principal, id: string, dto: PostedNoticeDto): Promise<NoticeView> {
    const now = this.clock.now();
    return this.moveLetter(principal, id, 'sent', { status: 'delivered', postedAt: now, deliveredAt: now, registeredMailNumber: dto.registeredMailNumber.toUpperCase() });
  }

  /**
   * Sends a failed notice again (or a letter not yet printed by another channel), after correcting the
   * petitioner's contact if one is given: attempts start again from zero.
   */
  async resend(principal: Principal, id: string, dto: ResendNoticeDto): Promise<NoticeView> {
    const notice = await this.sendable(principal, id);
    const resendable = notice.status === 'failed' || (notice.channel === 'letter' && notice.status === 'pending');
    if (!resendable) {
      throw new LocalizedHttpError(409, {
        'zh-CN': '只有发送失败的告知书（或尚未打印的书面告知书）可以重新发送',
        en: 'Only a notice that failed (or a letter not yet printed) can be sent again',
      });
    }
    const now = this.clock.now();
    await this.tx.write(async (manager) => {
      const petitioner = await manager.findOneByOrFail(Petitioner, { id: notice.petitionerId });
      const corrected: Partial<Petitioner> = {};
      if (dto.phone) Object.assign(corrected, { phoneCipher: this.cipher.encrypt(dto.phone), phoneHash: this.cipher.hash(dto.phone) });
      if (dto.email) corrected.emailCipher = this.cipher.encrypt(dto.email.trim());
      if (Object.keys(corrected).length > 0) await manager.update(Petitioner, { id: petitioner.id }, corrected);
      const channel =
        dto.channel ??
        chooseChannel({
          preference: dto.phone ? 'sms' : dto.email ? 'email' : petitioner.contactPreference,
          hasPhone: !!(dto.phone ?? petitioner.phoneCipher),
          hasEmail: !!(dto.email ?? petitioner.emailCipher),
          smsConfigured: this.config.notices.sms.provider !== 'none',
          emailConfigured: this.config.notices.smtp !== null,
        });
      this.requireUsable(channel, { phone: !!(dto.phone ?? petitioner.phoneCipher), email: !!(dto.email ?? petitioner.emailCipher) });
      await manager.update(
        Notification,
        { id: notice.id },
        { channel, status: 'pending', attempts: 0, lastError: null, failedAt: null, claimedUntil: null, nextAttemptAt: channel === 'letter' ? null : now },
      );
    });
    return this.viewOf(principal, id);
  }

  private requireUsable(channel: string, has: { phone: boolean; email: boolean }): void {
    const problem =
      channel === 'sms' && this.config.notices.sms.provider === 'none'
        ? { 'zh-CN': '本系统未配置短信服务，请改用邮寄', en: 'No SMS provider is configured here; send a letter instead' }
        : channel === 'sms' && !has.phone
          ? { 'zh-CN': '信访人没有联系电话，请填写更正后的号码', en: 'The petitioner has no phone number; enter the corrected one' }
          : channel === 'email' && !this.config.notices.smtp
            ? { 'zh-CN': '本系统未配置电子邮件服务，请改用短信或邮寄', en: 'No SMTP server is configured here; use SMS or a letter' }
            : channel === 'email' && !has.email
              ? { 'zh-CN': '信访人没有电子邮箱，请填写更正后的地址', en: 'The petitioner has no e-mail address; enter the corrected one' }
              : null;
    if (problem) throw new LocalizedHttpError(400, problem);
  }

  private async moveLetter(principal: Principal, id: string, from: NotificationStatus, change: Partial<Notification>): Promise<NoticeView> {
    const notice = await this.sendable(principal, id);
    if (notice.channel !== 'letter' || notice.status !== from) {
      throw new LocalizedHttpError(409, {
        'zh-CN': from === 'pending' ? '该告知书不在待打印列表中' : '该告知书尚未打印，不能登记邮寄',
        en: from === 'pending' ? 'This notice is not waiting to be printed' : 'This notice has not been printed; it cannot be posted yet',
      });
    }
    const moved = await this.tx.write((manager) =>
      manager.createQueryBuilder().update(Notification).set(change).where('id = :id AND status = :from', { id, from }).execute(),
    );
    if (moved.affected !== 1) {
      throw new LocalizedHttpError(409, { 'zh-CN': '该告知书刚被他人处理，请刷新后重试', en: 'Someone else has just handled this notice; reload and try again' });
    }
    return this.viewOf(principal, id);
  }

  async viewOf(principal: Principal, id: string): Promise<NoticeView> {
    const notice = await this.dataSource.getRepository(Notification).findOneByOrFail({ id });
    const petition = await this.petitions.require(undefined, notice.petitionId);
    return (await this.views(principal, [notice], new Map([[petition.id, petition]])))[0];
  }

  /** A notice of a petition the caller may read. */
  private async readable(principal: Principal, id: string): Promise<Notification> {
    const notice = await this.dataSource.getRepository(Notification).findOneBy({ id });
    if (!notice) throw NOT_FOUND(id);
    try {
      await this.queries.requireReadable(principal, notice.petitionId);
    } catch {
      throw NOT_FOUND(id);
    }
    return notice;
  }

  /** A notice the caller's unit sends. */
  async sendable(principal: Principal, id: string): Promise<Notification> {
    const notice = await this.readable(principal, id);
    if (!this.access.sendsNoticesOf(principal, notice.unitCode)) throw NOT_SENDER;
    return notice;
  }

  private async page(principal: Principal, where: Record<string, unknown>, page = 1, pageSize = 20) {
    const [rows, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const byId = await this.petitions.byIds([...new Set(rows.map((r) => r.petitionId))]);
    const views = await this.views(principal, rows, byId);
    return { items: views.map((view, i) => ({ ...view, petitionId: rows[i].petitionId, petitionNumber: byId.get(rows[i].petitionId)?.number ?? null })), total };
  }

  private async views(principal: Principal, notices: Notification[], petitions: Map<string, Petition>): Promise<NoticeView[]> {
    const petitioners = notices.length > 0 ? await this.dataSource.getRepository(Petitioner).findBy({ id: In([...new Set(notices.map((n) => n.petitionerId))]) }) : [];
    const byId = new Map(petitioners.map((p) => [p.id, p]));
    return notices.map((notice) => {
      const petitioner = byId.get(notice.petitionerId);
      const petition = petitions.get(notice.petitionId);
      const inClear = this.access.sendsNoticesOf(principal, notice.unitCode) || (!!petition && this.access.seesPersonalData(principal, petition));
      return {
        id: notice.id,
        kind: notice.kind,
        title: NOTICE_DOCUMENTS[notice.kind]?.title ?? notice.kind,
        channel: notice.channel,
        status: notice.status,
        attempts: notice.attempts,
        lastError: notice.lastError,
        createdAt: notice.createdAt.toISOString(),
        sentAt: notice.sentAt?.toISOString() ?? null,
        deliveredAt: notice.deliveredAt?.toISOString() ?? null,
        failedAt: notice.failedAt?.toISOString() ?? null,
        recipientName: petitioner ? (inClear ? petitioner.name : maskName(petitioner.name)) : '',
        recipientContact: petitioner ? this.contact(notice, petitioner, inClear) : null,
        printedAt: notice.printedAt?.toISOString() ?? null,
        postedAt: notice.postedAt?.toISOString() ?? null,
        registeredMailNumber: notice.registeredMailNumber,
        servedAt: notice.servedAt?.toISOString() ?? null,
        serviceMethod: notice.serviceMethod,
        documentUrl: `/api/notices/${notice.id}/document.pdf`,
      };
    });
  }

  private contact(notice: Notification, petitioner: Petitioner, inClear: boolean): string | null {
    const sealed = notice.channel === 'sms' ? petitioner.phoneCipher : notice.channel === 'email' ? petitioner.emailCipher : petitioner.addressCipher;
    if (!sealed) return null;
    const value = this.cipher.decrypt(sealed);
    if (inClear) return value;
    return notice.channel === 'sms' ? maskPhone(value) : notice.channel === 'email' ? maskEmail(value) : maskAddress(value);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { petitionNotFound } from '../access/access-denied';
import { AccessPolicy } from '../access/access-policy';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { chinaDate } from '../clocks/deadline';
import { LocalizedHttpError } from '../common/errors';
import { isUniqueViolation } from '../database/errors';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { BOARD_CATEGORIES, boardText, wellFormed } from './board-rules';
import { BoardExclusion, ExclusionKind } from './board-exclusion.entity';
import type { BoardExclusionDto, BoardExclusionListQueryDto } from './dto/board-exclusion.dto';

export interface ExclusionView {
  petitionId: string;
  number: string | null;
  /** Its category and, unless it is an accusation, its redacted subject. */
  matter: { category: string; subject: string | null } | null;
  kind: ExclusionKind;
  reason: string;
  excludedBy: string;
  excludedByUnit: { code: string; name: string };
  excludedAt: string;
  /** 恢复公示: set once the exclusion was lifted. */
  lifted: { reason: string; by: string; at: string } | null;
}

/** What the supervisor's list shows of the matter: its category and, unless it is an accusation, its redacted subject. */
function matterOf(petition: Petition | undefined): { category: string; subject: string | null } | null {
  if (!petition) return null;
  const shown = (BOARD_CATEGORIES as readonly string[]).includes(petition.category);
  return { category: petition.category, subject: shown ? boardText(petition.subject) : null };
}

const KIND_NAMES: Record<ExclusionKind, { 'zh-CN': string; en: string }> = {
  withheld: { 'zh-CN': '标记为不予公示', en: 'marked not for publication' },
  'taken-down': { 'zh-CN': '撤下公示', en: 'taken off the board' },
};

const ALREADY_EXCLUDED = (row: BoardExclusion) =>
  new LocalizedHttpError(409, {
    'zh-CN': `该信访事项已于 ${chinaDate(row.excludedAt)} ${KIND_NAMES[row.kind]['zh-CN']}（理由：${row.reason}）；如需改变，请先恢复公示`,
    en: `This petition was ${KIND_NAMES[row.kind].en} on ${chinaDate(row.excludedAt)} (reason: ${row.reason}); restore it first to change that`,
  });
const ALREADY_LIFTED = (row: BoardExclusion) =>
  new LocalizedHttpError(409, {
    'zh-CN': `该信访事项已于 ${chinaDate(row.liftedAt!)} 恢复公示（理由：${row.liftReason}）`,
    en: `This petition was restored to the board on ${chinaDate(row.liftedAt!)} (reason: ${row.liftReason})`,
  });
const MALFORMED_ID = new LocalizedHttpError(400, {
  'zh-CN': '信访事项标识格式不正确（应为 UUID）',
  en: 'The petition id is malformed (a UUID is expected)',
});
const NOT_EXCLUDED = new LocalizedHttpError(404, {
  'zh-CN': '该信访事项未被撤下公示或标记为不予公示',
  en: 'This petition was neither taken off the board nor marked not for publication',
});

/**
 * 撤下公示 / 不予公示 and 恢复公示: a supervisor keeps a petition of their region off the public board,
 * with a reason, and may put it back, with a reason. Each change is written with its audit entry in
 * one transaction; a retried identical request answers with the same record and changes nothing.
 */
@Injectable()
export class BoardExclusionsService {
  constructor(
    @InjectRepository(BoardExclusion) private readonly exclusions: Repository<BoardExclusion>,
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  /** Keeps the petition off the board; `created` is false when the same exclusion was already in force. */
  async exclude(principal: Principal, kind: ExclusionKind, dto: BoardExclusionDto): Promise<{ record: ExclusionView; created: boolean }> {
    const petition = await this.inReach(principal, dto.petitionId);
    const reason = dto.reason.trim();
    return this.onceMore(() =>
      this.tx.write(async (manager) => {
        const existing = await this.locked(manager, petition.id);
        if (existing && !existing.liftedAt) {
          if (existing.kind !== kind || existing.reason !== reason) throw ALREADY_EXCLUDED(existing);
          await this.audit.recordRequest(manager, { resourceId: petition.id, detail: { kind, repeated: true } });
          return { record: await this.view(existing, petition), created: false };
        }
        const row: BoardExclusion = {
          petitionId: petition.id,
          kind,
          reason,
          regionCode: petition.regionCode,
          excludedBy: principal.username,
          excludedByUnitCode: principal.unitCode,
          excludedAt: this.clock.now(),
          liftReason: null,
          liftedBy: null,
          liftedAt: null,
        };
        if (existing) await manager.update(BoardExclusion, { petitionId: petition.id }, row);
        else await manager.insert(BoardExclusion, row);
        await this.audit.recordRequest(manager, { resourceId: petition.id, detail: { kind, reason: boardText(reason) } });
        return { record: await this.view(row, petition), created: true };
      }),
    );
  }

  /** 恢复公示: lifts the exclusion in force, whichever kind it is. */
  async lift(principal: Principal, petitionId: string, reasonGiven: string): Promise<ExclusionView> {
    const petition = await this.inReach(principal, petitionId);
    const reason = reasonGiven.trim();
    return this.tx.write(async (manager) => {
      const existing = await this.locked(manager, petition.id);
      if (!existing) throw NOT_EXCLUDED;
      if (existing.liftedAt) {
        if (existing.liftReason !== reason) throw ALREADY_LIFTED(existing);
        await this.audit.recordRequest(manager, { resourceId: petition.id, detail: { kind: existing.kind, repeated: true } });
        return this.view(existing, petition);
      }
      const lifted = { liftReason: reason, liftedBy: principal.username, liftedAt: this.clock.now() };
      await manager.update(BoardExclusion, { petitionId: petition.id }, lifted);
      await this.audit.recordRequest(manager, { resourceId: petition.id, detail: { kind: existing.kind, reason: boardText(reason) } });
      return this.view({ ...existing, ...lifted }, petition);
    });
  }

  /** The exclusions in force within the caller's region, newest first. */
  async list(principal: Principal, query: BoardExclusionListQueryDto): Promise<{ total: number; items: ExclusionView[] }> {
    const reach = await this.access.reach(principal);
    if (!reach || 'unitCode' in reach) return { total: 0, items: [] };
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.exclusions.createQueryBuilder('x').where('x.liftedAt IS NULL');
    if (reach.regionCodes) qb.andWhere('x.regionCode IN (:...regions)', { regions: reach.regionCodes });
    const [rows, total] = await qb
      .orderBy('x.excludedAt', 'DESC')
      .addOrderBy('x.petitionId', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    const petitions = await this.petitions.byIds(rows.map((r) => r.petitionId));
    return { total, items: await Promise.all(rows.map((row) => this.view(row, petitions.get(row.petitionId)))) };
  }

  /**
   * The petition, if it lies within the supervisor's region (AccessPolicy.reach); anything else is
   * answered as if it did not exist, and audited as a refused access.
   */
  private async inReach(principal: Principal, petitionId: string): Promise<Petition> {
    if (!wellFormed.petitionId(petitionId)) throw MALFORMED_ID;
    const [petition, reach] = await Promise.all([this.petitions.find(petitionId), this.access.reach(principal)]);
    const within = !!petition && !!reach && 'regionCode' in reach && (reach.regionCodes === null || reach.regionCodes.includes(petition.regionCode));
    if (!within) throw petitionNotFound(petitionId);
    return petition!;
  }

  private locked(manager: EntityManager, petitionId: string): Promise<BoardExclusion | null> {
    return manager.connection.options.type === 'better-sqlite3'
      ? manager.findOneBy(BoardExclusion, { petitionId })
      : manager.findOne(BoardExclusion, { where: { petitionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Two first exclusions at once: the second insert fails on the key, and runs again to find the first. */
  private async onceMore<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return work();
    }
  }

  private async view(row: BoardExclusion, petition: Petition | undefined): Promise<ExclusionView> {
    const unit = await this.org.unit(row.excludedByUnitCode);
    return {
      petitionId: row.petitionId,
      number: petition?.number ?? null,
      matter: matterOf(petition),
      kind: row.kind,
      reason: row.reason,
      excludedBy: row.excludedBy,
      excludedByUnit: { code: row.excludedByUnitCode, name: unit?.name ?? row.excludedByUnitCode },
      excludedAt: row.excludedAt.toISOString(),
      lifted: row.liftedAt ? { reason: row.liftReason ?? '', by: row.liftedBy ?? '', at: row.liftedAt.toISOString() } : null,
    };
  }
}

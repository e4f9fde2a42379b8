import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { STEP_CLOCKS } from '../clocks/task-clock';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { recordEvent } from '../petitions/timeline';
import { OpenTask } from '../tasks/index/open-task.entity';
import type { IssueSupervisionDto, SupervisionListQueryDto } from './dto/supervision.dto';
import { SupervisionRecord } from './supervision-record.entity';
import { SupervisionService } from './supervision.service';
import { AuditLog } from '../audit/audit-log.service';
import { PetitionRepository } from '../petitions/petition.repository';
import { AccessPolicy } from '../access/access-policy';

const NOT_FOUND = (id: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `未找到督办记录 ${id}，或您无权查看`, en: `No supervision record ${id}, or you may not see it` });

/**
 * What supervisors and units do with supervision records: list them within their reach, send a
 * reminder or supervision notice from the overdue report, and answer a notice.
 */
@Injectable()
export class SupervisionDeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly supervision: SupervisionService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly petitions: PetitionRepository,
    private readonly access: AccessPolicy,
  ) {}

  async list(principal: Principal, query: SupervisionListQueryDto) {
    const units = await this.access.unitsInReach(principal);
    const qb = this.dataSource
      .getRepository(SupervisionRecord)
      .createQueryBuilder('s')
      .where(
        new Brackets((reach) =>
          reach.where('s.unitCode IN (:...units)', { units }).orWhere('s.issuedByUnitCode = :own', { own: principal.unitCode }),
        ),
      );
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.unitCode) qb.andWhere('s.unitCode = :unitCode', { unitCode: query.unitCode });
    if (query.awaitingFeedback !== undefined) {
      qb.andWhere("s.kind = 'supervision'").andWhere(query.awaitingFeedback ? 's.feedbackAt IS NULL' : 's.feedbackAt IS NOT NULL');
    }
    const [rows, total] = await qb
      .orderBy('s.issuedAt', 'DESC')
      .skip(query.firstResult ?? 0)
      .take(query.maxResults ?? 50)
      .getManyAndCount();
    const petitions = await this.petitions.byIds([...new Set(rows.map((r) => r.petitionId))]);
    const unitsByCode = new Map((await this.org.units()).map((u) => [u.code, u]));
    const ref = (code: string) => ({ code, name: unitsByCode.get(code)?.name ?? code });
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        petition: { id: r.petitionId, number: petitions.get(r.petitionId)?.number ?? null },
        step: r.step,
        dueAt: r.dueAt.toISOString(),
        unit: ref(r.unitCode),
        issuedBy: ref(r.issuedByUnitCode),
        addressedTo: ref(r.addressedToUnitCode),
        issuedAt: r.issuedAt.toISOString(),
        issuer: r.issuedBy,
        feedbackDueAt: r.feedbackDueAt?.toISOString() ?? null,
        feedback: r.feedbackAt ? { text: r.feedbackText, by: r.feedbackBy, at: r.feedbackAt.toISOString() } : null,
      })),
    };
  }

  /** A supervisor sends a reminder or supervision notice about a task in their region. */
  async issue(principal: Principal, dto: IssueSupervisionDto) {
    const task = await this.dataSource.getRepository(OpenTask).findOneBy({ taskId: dto.taskId });
    if (!task || !(await this.access.unitsInReach(principal)).includes(task.unitCode) || !task.due) {
      throw new LocalizedHttpError(404, {
        'zh-CN': '未找到该待办任务，或它不在您的督查范围内',
        en: 'No such open task, or it is outside the area you supervise',
      });
    }
    const now = this.clock.now();
    const record = await this.tx.write(async (manager) => {
      const issued = await this.supervision.issue(manager, {
        petitionId: task.petitionId,
        kind: dto.kind,
        step: task.step,
        clockName: STEP_CLOCKS[task.step] ?? 'handle',
        dueAt: task.due!,
        unitCode: task.unitCode,
        idempotencyKey: `manual:${randomUUID()}`,
        now,
        actor: principal.username,
        issuedByUnitCode: principal.unitCode,
        note: dto.note,
      });
      if (issued) await this.audit.recordRequest(manager, { resourceId: issued.id });
      return issued;
    });
    return { id: record!.id, kind: record!.kind, issuedAt: record!.issuedAt.toISOString(), feedbackDueAt: record!.feedbackDueAt?.toISOString() ?? null };
  }

  /** The supervised unit answers a supervision notice, once. */
  async feedback(principal: Principal, id: string, text: string) {
    return this.tx.write(async (manager) => {
      const record = await manager.findOneBy(SupervisionRecord, { id });
      if (!record || record.unitCode !== principal.unitCode) throw NOT_FOUND(id);
      if (record.kind !== 'supervision') {
        throw new LocalizedHttpError(409, { 'zh-CN': '只有督办通知需要反馈', en: 'Only a supervision notice takes feedback' });
      }
      if (record.feedbackAt) {
        throw new LocalizedHttpError(409, { 'zh-CN': '该督办通知已反馈', en: 'This supervision notice has been answered' });
      }
      const now = this.clock.now();
      await manager.update(SupervisionRecord, { id }, { feedbackText: text, feedbackBy: principal.username, feedbackAt: now });
      await recordEvent(manager, {
        petitionId: record.petitionId,
        kind: 'supervision-feedback',
        occurredAt: now,
        unitCode: principal.unitCode,
        actor: principal.username,
        note: text,
        data: { recordId: id, late: record.feedbackDueAt ? now > record.feedbackDueAt : false },
      });
      await this.audit.recordRequest(manager);
      return { id, feedbackAt: now.toISOString(), late: record.feedbackDueAt ? now > record.feedbackDueAt : false };
    });
  }
}

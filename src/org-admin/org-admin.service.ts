import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import type { FieldProblem } from '../common/i18n/validation-messages';
import type { Principal } from '../auth/principal';
import { User } from '../auth/user.entity';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';
import { isUniqueViolation } from '../database/errors';
import { Transactions } from '../database/transactions';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { PetitionRepository } from '../petitions/petition.repository';
import { appendHandOvers } from '../routing/hand-over.log';
import { OrgService } from '../org/org.service';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { CreateRegionDto, RegionListQueryDto, UpdateRegionDto } from './dto/region.dto';
import { ClosureCounts, CloseUnitDto, CreateUnitDto, UnitListQueryDto, UpdateUnitDto } from './dto/unit.dto';
import { EngineSuccession } from './engine-succession';
import { LEVEL_NAMES } from './org-admin.messages';
import { kindProblems, OrgLookup, parentProblems, regionProblems, reviewingBodyProblems, unitCodeProblems } from './org-rules';
import { AuditLog } from '../audit/audit-log.service';

/**
 * The system administrator's changes to the four-tier organisation: regions, units, and closing
 * or merging a unit into a successor without stranding its running cases.
 */
@Injectable()
export class OrgAdminService {
  private readonly logger = new Logger(OrgAdminService.name);
  /** Closures running in this process, by unit code: a second request for the same unit is refused meanwhile. */
  private readonly closing = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly engine: EngineSuccession,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  // ---- regions ----------------------------------------------------------------------------

  /** Read from the database, not OrgService's cache: an administrator sees a change at once. */
  regions(query: RegionListQueryDto): Promise<Region[]> {
    const where: FindOptionsWhere<Region> = {};
    if (query.parentCode) where.parentCode = query.parentCode;
    return this.dataSource.getRepository(Region).find({ where, order: { code: 'ASC' } });
  }

  async createRegion(dto: CreateRegionDto): Promise<Region> {
    const region = await this.createOnce(Region, dto.code, duplicateRegion, (manager) => this.insertRegion(manager, dto));
    this.org.invalidate();
    this.logger.log(`Region ${region.code} ${region.name} (${region.level}) created under ${region.parentCode ?? '—'}`);
    return region;
  }

  private async insertRegion(manager: EntityManager, dto: CreateRegionDto): Promise<Region> {
    const parentCode = dto.parentCode || null;
    const parent = parentCode ? await manager.findOneBy(Region, { code: parentCode }) : null;
    const problems = regionProblems(dto, parentCode, parent);
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const existing = await manager.findOneBy(Region, { code: dto.code });
    if (existing) throw duplicateRegion(existing);
    const created = manager.create(Region, { code: dto.code, name: dto.name.trim(), level: dto.level, parentCode });
    await manager.insert(Region, created);
    await this.audit.recordRequest(manager, { resourceId: created.code });
    return manager.findOneByOrFail(Region, { code: created.code });
  }

  async renameRegion(code: string, dto: UpdateRegionDto): Promise<Region> {
    const region = await this.tx.write(async (manager) => {
      const existing = await manager.findOneBy(Region, { code });
      if (!existing) throw regionNotFound(code);
      await manager.update(Region, { code }, { name: dto.name.trim() });
      await this.audit.recordRequest(manager);
      return manager.findOneByOrFail(Region, { code });
    });
    this.org.invalidate();
    return region;
  }

  // ---- units ------------------------------------------------------------------------------

  units(query: UnitListQueryDto): Promise<Unit[]> {
    const where: FindOptionsWhere<Unit> = {};
    if (query.regionCode) where.regionCode = query.regionCode;
    if (query.kind) where.kind = query.kind;
    if (query.active !== undefined) where.active = query.active;
    return this.dataSource.getRepository(Unit).find({ where, order: { code: 'ASC' } });
  }

  async createUnit(dto: CreateUnitDto): Promise<Unit> {
    const unit = await this.createOnce(Unit, dto.code, duplicateUnit, (manager) => this.insertUnit(manager, dto));
    this.org.invalidate();
    this.logger.log(`Unit ${unit.code} ${unit.name} (${unit.kind}) created in ${unit.regionCode}`);
    return unit;
  }

  private async insertUnit(manager: EntityManager, dto: CreateUnitDto): Promise<Unit> {
    const region = await manager.findOneBy(Region, { code: dto.regionCode });
    if (!region) {
      throw new ValidationFailedException([{ field: 'regionCode', code: 'unknownRegion', params: { value: dto.regionCode } }]);
    }
    const parentUnitCode = dto.parentUnitCode || null;
    const problems: FieldProblem[] = [];
    problems.push(...unitCodeProblems(dto.code, region.code));
    problems.push(...kindProblems(dto.kind, region));
    problems.push(...(await parentProblems(lookupIn(manager), { code: dto.code, kind: dto.kind, regionCode: region.code }, parentUnitCode)));
    if (problems.length > 0) throw new ValidationFailedException(problems);
    const existing = await manager.findOneBy(Unit, { code: dto.code });
    if (existing) throw duplicateUnit(existing);
    const created = manager.create(Unit, {
      code: dto.code,
      name: dto.name.trim(),
      kind: dto.kind,
      regionCode: region.code,
      parentUnitCode,
      active: true,
      successorCode: null,
    });
    await manager.insert(Unit, created);
    await this.audit.recordRequest(manager, { resourceId: created.code });
    // Read back: on MySQL/MariaDB insert() leaves the raw tinyint of a defaulted boolean (1) on the entity.
    return manager.findOneByOrFail(Unit, { code: created.code });
  }

  /**
   * Inserts a region or unit in one transaction; when a concurrent request inserted the same code
   * first, answers as if this one had found it (409), not with the database's error.
   */
  private async createOnce<T extends Region | Unit>(
    entity: typeof Region | typeof Unit,
    code: string,
    duplicate: (existing: T) => Error,
    insert: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.tx.write(insert);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = (await this.dataSource.getRepository(entity).findOneBy({ code })) as T | null;
      if (existing) throw duplicate(existing);
      throw error;
    }
  }

  async updateUnit(code: string, dto: UpdateUnitDto): Promise<Unit> {
    const unit = await this.tx.write(async (manager) => {
      const existing = await manager.findOneBy(Unit, { code });
      if (!existing) throw unitNotFound(code);
      const changes: Partial<Unit> = {};
      if (dto.name) changes.name = dto.name.trim();
      if (dto.parentUnitCode !== undefined) {
        const parentUnitCode = dto.parentUnitCode || null;
        if (parentUnitCode !== existing.parentUnitCode) {
          if (!existing.active) throw unitClosed(existing);
          const problems = await parentProblems(lookupIn(manager), existing, parentUnitCode);
          if (problems.length > 0) throw new ValidationFailedException(problems);
          changes.parentUnitCode = parentUnitCode;
        }
      }
      if (dto.reviewingUnitCode !== undefined) {
        const reviewingUnitCode = dto.reviewingUnitCode || null;
        const problems = await reviewingBodyProblems(lookupIn(manager), existing, reviewingUnitCode);
        if (problems.length > 0) throw new ValidationFailedException(problems);
        changes.reviewingUnitCode = reviewingUnitCode;
      }
      if (Object.keys(changes).length > 0) await manager.update(Unit, { code }, changes);
      await this.audit.recordRequest(manager);
      return manager.findOneByOrFail(Unit, { code });
    });
    this.org.invalidate();
    return unit;
  }

  // ---- closing a unit ---------------------------------------------------------------------

  /**
   * Closes (or merges) a unit into an active successor without breaking running cases:
   *
   * 1. engine: every running `competentUnitCode` (UNIT_CODE_VARIABLES) naming the unit → the successor, so that tasks
   *    created from now on go to the successor (done before step 2, so that a task created while
   *    the closure runs — the next step of a case its old unit just completed — is not missed);
   * 2. engine: every open task offered to the unit → offered to the successor instead; a claimed
   *    task keeps its assignee only if that user works at the successor afterwards (the closed
   *    unit's users move there in step 3), otherwise it goes back to the successor's queue;
   * 3. one database transaction: petitions held by the unit → the successor, each with a `routed`
   *    timeline event; the unit inactive with `successorCode`; its users moved to the successor.
   *
   * The engine cannot join the database transaction, so the steps are ordered to be re-runnable:
   * each one checks before it writes, and the unit is marked closed only after the engine is done.
   * A failure part-way (the engine unreachable, a 502) leaves the unit active: calling close again
   * finishes the job. Calling it again on a unit already closed into the SAME successor re-runs all
   * three steps and answers 200 with what it still found (usually zeros) — a sweep for stragglers,
   * e.g. a petition routed to the unit by a worker process whose organisation cache (30 s) was older
   * than the closure. Closing an already closed unit into a DIFFERENT successor is a 409.
   */
  async closeUnit(principal: Principal, code: string, dto: CloseUnitDto): Promise<ClosureCounts> {
    if (this.closing.has(code)) throw closureRunning(code);
    this.closing.add(code);
    try {
      const units = this.dataSource.getRepository(Unit);
      const unit = await units.findOneBy({ code });
      if (!unit) throw unitNotFound(code);
      const successor = requireSuccessor(unit, dto.successorCode, await units.findOneBy({ code: dto.successorCode }));
      if (!unit.active && unit.successorCode !== dto.successorCode) throw alreadyClosed(unit);
      const children = await units.find({ where: { parentUnitCode: code, active: true }, order: { code: 'ASC' } });
      if (children.length > 0) throw hasActiveChildren(unit, children);

      const processInstances = await this.engine.moveUnitVariables(code, successor.code);
      const tasks = await this.engine.moveTasks(code, successor.code, (username) =>
        this.worksAtSuccessor(username, code, successor.code),
      );
      const { petitions, users } = await this.tx.write(async (manager) => {
        const moved = await this.closeInDatabase(manager, principal, unit, successor, dto.reason);
        await this.audit.recordRequest(manager, { detail: { moved: { tasks, processInstances, ...moved } } });
        return moved;
      });
      this.org.invalidate();
      const counts = { tasks, processInstances, petitions, users };
      this.logger.log(`Unit ${code} closed into ${successor.code} by ${principal.username}: ${JSON.stringify(counts)}`);
      return counts;
    } finally {
      this.closing.delete(code);
    }
  }

  /** A user of the closed unit is moved to the successor, so both count as "at the successor". */
  private async worksAtSuccessor(username: string, closedCode: string, successorCode: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(User).findOneBy({ username });
    return !!user && user.active && (user.unitCode === successorCode || user.unitCode === closedCode);
  }

  private async closeInDatabase(
    manager: EntityManager,
    principal: Principal,
    unit: Unit,
    successor: Unit,
    reason: string,
  ): Promise<{ petitions: number; users: number }> {
    const current = await manager.findOneByOrFail(Unit, { code: unit.code });
    if (!current.active && current.successorCode !== successor.code) throw alreadyClosed(current);
    const now = this.clock.now();
    const held = await this.petitions.idsHeldBy(manager, unit.code);
    for (const id of held) {
      const key = `unit-closed:${unit.code}:${id}`;
      // Run again (a retry, or a sweep for stragglers), a petition already handed on is left alone.
      if (await this.petitions.hasTimelineEntry(manager, key)) continue;
      // The succession is a link in the chain like any other hand-over.
      await appendHandOvers(manager, id, [
        {
          kind: 'transfer',
          fromUnitCode: unit.code,
          toUnitCode: successor.code,
          reason: `单位撤并，由承接单位办理：${reason.trim()}`,
          actor: principal.username,
          occurredAt: now,
        },
      ]);
      await this.lifecycle.succeed(manager, await this.petitions.lockForUpdate(manager, id), successor.code, {
        now,
        actor: principal.username,
        unitCode: unit.code,
        note: reason.trim(),
        data: { kind: 'transfer', from: unit.code, to: successor.code, reason: 'unit closed', successor: true },
        idempotencyKey: key,
      });
    }
    // First-handler responsibility and pending completion reports pass to the successor as well.
    await this.lifecycle.passUnitRoles(manager, unit.code, successor.code);
    await manager.update(Unit, { code: unit.code }, { active: false, successorCode: successor.code });
    const staff = await manager.find(User, { select: { id: true }, where: { unitCode: unit.code } });
    if (staff.length > 0) await manager.update(User, { id: In(staff.map((u) => u.id)) }, { unitCode: successor.code });
    return { petitions: held.length, users: staff.length };
  }
}

// ---- rules ------------------------------------------------------------------------------------

/** The organisation as the transaction sees it, for the shared rules (org-rules.ts). */
function lookupIn(manager: EntityManager): OrgLookup {
  return { region: (code) => manager.findOneBy(Region, { code }), unit: (code) => manager.findOneBy(Unit, { code }) };
}

/** The successor, if it can take the closed unit's work: active, another unit, the same kind or a petition office. */
function requireSuccessor(unit: Unit, successorCode: string, successor: Unit | null): Unit {
  const refuse = (code: string, params?: FieldProblem['params']) =>
    new ValidationFailedException([{ field: 'successorCode', code, params: { value: successorCode, ...params } }]);
  if (successorCode === unit.code) throw refuse('successorIsSelf');
  if (!successor) throw refuse('unknownSuccessor');
  if (!successor.active) throw refuse('successorInactive', { next: successor.successorCode ?? '' });
  if (successor.kind !== unit.kind && successor.kind !== 'petition-office') {
    throw refuse('successorKind', { kind: unit.kind, successorKind: successor.kind });
  }
  return successor;
}

// ---- answers ----------------------------------------------------------------------------------

function regionNotFound(code: string): LocalizedHttpError {
  return new LocalizedHttpError(404, { 'zh-CN': `区划「${code}」不存在`, en: `Region "${code}" does not exist` });
}

function unitNotFound(code: string): LocalizedHttpError {
  return new LocalizedHttpError(404, { 'zh-CN': `单位「${code}」不存在`, en: `Unit "${code}" does not exist` });
}

function duplicateRegion(existing: Region): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `区划代码 ${existing.code} 已被「${existing.name}」（${LEVEL_NAMES[existing.level]['zh-CN']}）使用`,
    en: `Region code ${existing.code} is already taken by ${existing.name} (${LEVEL_NAMES[existing.level].en})`,
  });
}

function duplicateUnit(existing: Unit): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `单位代码 ${existing.code} 已被「${existing.name}」使用${existing.active ? '' : '（该单位已撤销，代码不再复用）'}`,
    en: `Unit code ${existing.code} is already taken by ${existing.name}${existing.active ? '' : ' (closed; its code is not reused)'}`,
  });
}

function unitClosed(unit: Unit): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `单位「${unit.name}」已撤销或合并，不能再调整其上级单位`,
    en: `${unit.name} is closed; its parent unit cannot be changed any more`,
  });
}

function alreadyClosed(unit: Unit): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `单位「${unit.name}」已撤销或合并，其工作已由「${unit.successorCode ?? '—'}」承接`,
    en: `${unit.name} is already closed; its work went to ${unit.successorCode ?? '—'}`,
  });
}

function hasActiveChildren(unit: Unit, children: Unit[]): LocalizedHttpError {
  const list = children.map((c) => c.code).join(', ');
  return new LocalizedHttpError(409, {
    'zh-CN': `单位「${unit.name}」下仍有在用的下级单位（${list}），请先调整它们的上级单位或将其撤并`,
    en: `${unit.name} still has active units under it (${list}); give them another parent or close them first`,
  });
}

function closureRunning(code: string): LocalizedHttpError {
  return new LocalizedHttpError(409, {
    'zh-CN': `单位「${code}」正在撤并中，请稍后刷新查看结果`,
    en: `Unit ${code} is being closed right now; refresh in a moment to see the result`,
  });
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PlainValue } from '../camunda/camunda-variables';
import { Decision, DecisionValue, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { deadlineFor } from '../clocks/deadline';
import { clockVariables } from '../clocks/task-clock';
import { LocalizedHttpError } from '../common/errors';
import { OrgService } from '../org/org.service';
import type { Unit } from '../org/unit.entity';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import type { Petition } from '../petitions/petition.entity';
import { HandOverKind } from './hand-over.entity';
import { appendHandOvers, lastHandOver } from './hand-over.log';
import { HoldingContext, refusalOf } from './hand-over-rules';

export interface HandOverRequest {
  decision: DecisionValue;
  reason: string;
  targetUnitCode?: string;
  dueDate?: Date;
}

/** Kinds of unit that never hold a petition for handling. */
const NOT_HOLDERS = ['agent-station', 'leadership'];

/**
 * Moves a petition from the unit that holds it to the next one — transfer, assign down, report up,
 * return, dispute, or a superior's binding decision — recording the link, the holder and the new
 * acceptance clock in one go, and telling the process where to go next.
 */
@Injectable()
export class HandOverService {
  constructor(
    private readonly org: OrgService,
    private readonly clock: Clock,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  async holdingContext(manager: EntityManager, petition: Petition): Promise<HoldingContext> {
    const holder = await this.org.requireUnit(petition.competentUnitCode ?? petition.receivingUnitCode);
    const last = await lastHandOver(manager, petition.id);
    const senderCode = last && last.toUnitCode === holder.code && last.fromUnitCode !== holder.code ? last.fromUnitCode : null;
    return {
      holder,
      holderLevel: await this.org.levelOf(holder),
      sender: senderCode ? ((await this.org.unit(senderCode)) ?? null) : null,
      bound: petition.bound,
      returnWindowEnds: petition.holderSince ? deadlineFor('return', petition.holderSince) : null,
      reportUpTo: await this.org.reportUpTarget(holder),
      now: this.clock.now(),
    };
  }

  async handOver(
    manager: EntityManager,
    principal: Principal,
    petition: Petition,
    request: HandOverRequest,
  ): Promise<Record<string, PlainValue>> {
    const ctx = await this.holdingContext(manager, petition);
    const refusal = refusalOf(request.decision, ctx);
    if (refusal) throw new LocalizedHttpError(409, refusal);
    const now = ctx.now;
    switch (request.decision) {
      case Decision.transfer: {
        const target = await this.targetUnit(request.targetUnitCode, ctx.holder);
        return this.moveTo(manager, principal, petition, ctx.holder, target, 'transfer', request.reason, {});
      }
      case Decision.assignDown: {
        const target = await this.targetUnit(request.targetUnitCode, ctx.holder);
        const below = target.regionCode !== ctx.holder.regionCode && (await this.org.isWithin(target.regionCode, ctx.holder.regionCode));
        if (!below) {
          throw new LocalizedHttpError(400, {
            'zh-CN': `交办只能交给本级以下的单位，「${target.name}」不在${ctx.holder.name}的下级区域`,
            en: `Assign down goes to a unit below your region; ${target.code} is not`,
          });
        }
        const dueAt = request.dueDate!;
        return this.moveTo(manager, principal, petition, ctx.holder, target, 'assign', request.reason, {
          dueAt,
          assignment: { by: ctx.holder.code, dueAt },
        });
      }
      case Decision.reportUp:
        return this.moveTo(manager, principal, petition, ctx.holder, ctx.reportUpTo!, 'escalate', request.reason, {});
      case Decision.return:
        if (petition.returnCount + 1 < 2) {
          return this.moveTo(manager, principal, petition, ctx.holder, ctx.sender!, 'return', request.reason, { returned: true });
        }
        // A second return is ping-pong: the nearest common superior decides instead.
        return this.toSuperior(manager, principal, petition, ctx.holder, ctx.sender!, `第二次退回：${request.reason}`, true, now);
      case Decision.dispute:
        return this.toSuperior(manager, principal, petition, ctx.holder, ctx.sender!, request.reason, false, now);
      default:
        throw new Error(`${request.decision} is not a hand-over`);
    }
  }

  /** The superior's binding choice of who handles the matter. */
  async decide(
    manager: EntityManager,
    principal: Principal,
    petition: Petition,
    unitCode: string,
    reason: string,
  ): Promise<Record<string, PlainValue>> {
    const superior = await this.org.requireUnit(petition.competentUnitCode!);
    const chosen = await this.org.unit(unitCode);
    if (!chosen || !chosen.active || NOT_HOLDERS.includes(chosen.kind) || !(await this.org.isWithin(chosen.regionCode, superior.regionCode))) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `「${unitCode}」不是${superior.name}辖区内可以办理信访事项的单位`,
        en: `${unitCode} is not a unit within ${superior.code}'s region that can handle petitions`,
      });
    }
    const variables = await this.moveTo(manager, principal, petition, superior, chosen, 'decision', reason, { bind: true });
    return { ...variables, [Var.bound]: true };
  }

  private async targetUnit(code: string | undefined, holder: Unit): Promise<Unit> {
    const target = code ? await this.org.unit(code) : undefined;
    if (!target || !target.active || NOT_HOLDERS.includes(target.kind)) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `目标单位「${code ?? ''}」不存在、已撤销或不能办理信访事项`,
        en: `Target unit "${code ?? ''}" does not exist, is closed, or cannot handle petitions`,
      });
    }
    if (target.code === holder.code) {
      throw new LocalizedHttpError(400, { 'zh-CN': '不能转给本单位', en: 'You cannot hand a petition to your own unit' });
    }
    return target;
  }

  private async moveTo(
    manager: EntityManager,
    principal: Principal,
    petition: Petition,
    from: Unit,
    to: Unit,
    kind: HandOverKind,
    reason: string,
    options: { dueAt?: Date; assignment?: { by: string; dueAt: Date }; returned?: boolean; bind?: boolean },
  ): Promise<Record<string, PlainValue>> {
    const now = this.clock.now();
    await appendHandOvers(manager, petition.id, [
      { kind, fromUnitCode: from.code, toUnitCode: to.code, reason, actor: principal.username, occurredAt: now, dueAt: options.dueAt ?? null },
    ]);
    const moved = await this.lifecycle.handOver(
      manager,
      petition,
      to.code,
      { decided: options.bind, returned: options.returned, assignment: options.assignment },
      {
        now,
        actor: principal.username,
        unitCode: from.code,
        note: reason,
        data: { kind, from: from.code, to: to.code, ...(options.dueAt ? { dueAt: options.dueAt.toISOString() } : {}) },
      },
    );
    const assignedBy = options.assignment?.by ?? petition.assignedByUnitCode;
    const assignDue = options.assignment?.dueAt ?? petition.assignDueAt;
    return {
      [Var.competentUnitCode]: to.code,
      [Var.competentLevel]: await this.org.levelOf(to),
      ...clockVariables('accept', now, moved.acceptDueAt!),
      [Var.needsDecision]: false,
      [Var.assignedByUnitCode]: assignedBy ?? null,
      [Var.assignDueDate]: assignDue ?? null,
    };
  }

  private async toSuperior(
    manager: EntityManager,
    principal: Principal,
    petition: Petition,
    holder: Unit,
    sender: Unit,
    reason: string,
    isReturn: boolean,
    now: Date,
  ): Promise<Record<string, PlainValue>> {
    const superior = await this.org.nearestCommonSuperior(holder, sender);
    await appendHandOvers(manager, petition.id, [
      { kind: 'dispute', fromUnitCode: holder.code, toUnitCode: superior.code, reason, actor: principal.username, occurredAt: now },
    ]);
    await this.lifecycle.refer(manager, petition, superior.code, { returned: isReturn }, {
      now,
      actor: principal.username,
      unitCode: holder.code,
      note: reason,
      data: { kind: 'dispute', from: holder.code, to: superior.code, between: [holder.code, sender.code] },
    });
    return {
      [Var.needsDecision]: true,
      [Var.superiorUnitCode]: superior.code,
      [Var.superiorLevel]: await this.org.levelOf(superior),
      ...clockVariables('decision', now, deadlineFor('routing', now)),
    };
  }
}

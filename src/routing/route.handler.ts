import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { clockVariables } from '../clocks/task-clock';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { LEVELS, Level, levelRank, UNIT_KINDS, UnitKind } from '../org/org.types';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { Petition } from '../petitions/petition.entity';
import { PetitionRepository } from '../petitions/petition.repository';
import { appendHandOvers } from './hand-over.log';
import { RoutingPlanner } from './routing-planner';

/**
 * Turns routing.dmn's answer (competent level and unit kind) into the one unit that is responsible
 * now, records every tier the petition passes on the way there, flags a level-skipping visit
 * (Art. 20) and starts the acceptance clock (Art. 23: 15 days from receipt).
 */
@Injectable()
export class RouteHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly petitions: PetitionRepository,
    private readonly lifecycle: PetitionLifecycle,
    private readonly org: OrgService,
    private readonly planner: RoutingPlanner,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.route, { variables: [Var.petitionId, Var.competentLevel, Var.unitKind, Var.category, Var.matterScope, Var.countyCode] })
  async route(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    const level = task.variable<string>(Var.competentLevel);
    const kind = task.variable<string>(Var.unitKind);
    if (!level || !kind || !LEVELS.includes(level as Level) || !UNIT_KINDS.includes(kind as UnitKind)) {
      throw new Error(
        `routing.dmn gave no usable rule for category ${task.variable(Var.category)}, scope ${task.variable(Var.matterScope)} ` +
          `and county ${task.variable(Var.countyCode)} (competentLevel=${level}, unitKind=${kind}); fix the decision table and retry the incident`,
      );
    }
    return this.tx.write(async (manager) => {
      // Locked: a delivery that comes again waits for this one and finds it routed.
      const petition = await this.petitions.lockForUpdate(manager, petitionId);
      // Routed already (a delivery that came again, in this activity or a re-run of it): one effect.
      const routed = petition.status === 'registered' ? await this.routeNow(manager, petition, level as Level, kind as UnitKind, task.idempotencyKey) : petition;
      const holder = await this.org.requireUnit(routed.competentUnitCode!);
      return {
        [Var.competentUnitCode]: holder.code,
        [Var.competentLevel]: await this.org.levelOf(holder),
        ...clockVariables('accept', routed.holderSince ?? this.clock.now(), routed.acceptDueAt!),
        [Var.levelSkip]: routed.levelSkip,
      };
    });
  }

  /** The route routing.dmn named: every tier on the way there, and the petition in the competent unit's hands. */
  private async routeNow(manager: EntityManager, petition: Petition, level: Level, kind: UnitKind, idempotencyKey: string): Promise<Petition> {
    const competent = await this.org.competentUnit(petition.regionCode, level, kind);
    // An agent station has forwarded it by now: the township office is where routing starts.
    const origin = await this.org.requireUnit(petition.competentUnitCode ?? petition.receivingUnitCode);
    const hops = await this.planner.plan(origin, competent);
    const now = this.clock.now();
    const rule = `routing.dmn: ${petition.category} / ${petition.matterScope} → ${level} / ${kind}`;
    await appendHandOvers(
      manager,
      petition.id,
      hops.map((hop, i) => ({
        kind: hop.kind,
        fromUnitCode: hop.from.code,
        toUnitCode: hop.to.code,
        reason: hop.kind === 'escalate' ? `超出${hop.from.name}职权范围，报请上级（${rule}）` : rule,
        actor: 'system',
        occurredAt: now,
        idempotencyKey: `${idempotencyKey}:${i}`,
      })),
    );
    const competentLevel = await this.org.levelOf(competent);
    // Visiting two or more levels above the competent one skips a level (Art. 20).
    const levelSkip =
      petition.channel === 'visit' &&
      petition.entryLevel !== null &&
      levelRank(petition.entryLevel) < levelRank(competentLevel) - 1;
    return this.lifecycle.route(manager, petition, { unitCode: competent.code, levelSkip }, {
      now,
      actor: 'system',
      unitCode: origin.code,
      note: rule,
      data: { from: origin.code, to: competent.code, level: competentLevel, kind, hops: hops.length },
      idempotencyKey,
      after: levelSkip
        ? [
            {
              kind: 'level-skip',
              unitCode: petition.receivingUnitCode,
              note: `越级走访：有权处理机关为${competent.name}`,
              data: { entryLevel: petition.entryLevel, competentLevel },
              idempotencyKey: `${idempotencyKey}:level-skip`,
            },
          ]
        : [],
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { deadlineFor } from '../clocks/deadline';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { LEVELS, Level, UNIT_KINDS, UnitKind } from '../org/org.types';
import { Petition } from '../petitions/petition.entity';
import { hasEvent, recordEvent } from '../petitions/timeline';

/**
 * Turns routing.dmn's answer (competent level and unit kind) into the one unit that is responsible
 * now, records the hand-over and starts the acceptance clock (Art. 23: 15 days from receipt).
 */
@Injectable()
export class RouteHandler {
  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.route)
  async route(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    const level = task.variable<string>(Var.competentLevel);
    const kind = task.variable<string>(Var.unitKind);
    if (!level || !kind || !LEVELS.includes(level as Level) || !UNIT_KINDS.includes(kind as UnitKind)) {
      throw new Error(
        `routing.dmn gave no usable rule for category ${task.variable(Var.category)} and scope ${task.variable(Var.matterScope)} ` +
          `(competentLevel=${level}, unitKind=${kind}); fix the decision table and retry the incident`,
      );
    }
    const petition = await this.petitions.findOneBy({ id: petitionId });
    if (!petition) throw new Error(`Petition ${petitionId} does not exist`);
    const unit = await this.org.competentUnit(petition.regionCode, level as Level, kind as UnitKind);
    // The unit may sit above the level the table asked for (a matter is never routed below its region).
    const unitLevel = (await this.org.region(unit.regionCode))?.level ?? level;

    return this.tx.write(async (manager) => {
      if (!(await hasEvent(manager, task.idempotencyKey))) {
        const now = this.clock.now();
        await manager.update(
          Petition,
          { id: petitionId },
          {
            competentUnitCode: unit.code,
            status: 'awaiting-acceptance',
            routedAt: now,
            acceptDueAt: deadlineFor('acceptance', now),
          },
        );
        await recordEvent(manager, {
          petitionId,
          kind: 'routed',
          occurredAt: now,
          unitCode: petition.receivingUnitCode,
          actor: 'system',
          note: `routing.dmn: ${petition.category} / ${petition.matterScope} → ${level} / ${kind}`,
          data: { from: petition.receivingUnitCode, to: unit.code, level, kind },
          idempotencyKey: task.idempotencyKey,
        });
      }
      const routed = await manager.findOneByOrFail(Petition, { id: petitionId });
      return {
        [Var.competentUnitCode]: routed.competentUnitCode,
        [Var.competentLevel]: unitLevel,
        [Var.acceptDueDate]: routed.acceptDueAt,
      };
    });
  }
}

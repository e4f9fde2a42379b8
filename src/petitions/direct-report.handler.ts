import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { DirectReport } from './direct-report.entity';
import { recordEvent } from './timeline';
import { PetitionRepository } from './petition.repository';

/**
 * 领导直报: a collective petition is reported at once to the leadership of the level where it came
 * in and of the level above (a village's own level is its township), alongside its handling.
 */
@Injectable()
export class DirectReportHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly clock: Clock,
    private readonly petitions: PetitionRepository,
  ) {}

  @TopicHandler(Topic.directReport)
  async report(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    await this.tx.write(async (manager) => {
      const petition = await this.petitions.require(manager, petitionId);
      const entry = await this.org.requireUnit(petition.receivingUnitCode);
      const leaders = await this.org.leadershipFor(entry.regionCode);
      if (leaders.length === 0) throw new Error(`No leadership unit above ${entry.code} to report ${petition.number} to`);
      const now = this.clock.now();
      const rows = await Promise.all(
        leaders.map(async (unit) => ({
          id: randomUUID(),
          petitionId,
          toUnitCode: unit.code,
          level: await this.org.levelOf(unit),
          reportedAt: now,
        })),
      );
      await manager.createQueryBuilder().insert().into(DirectReport).values(rows).orIgnore().execute();
      await recordEvent(manager, {
        petitionId,
        kind: 'direct-reported',
        occurredAt: now,
        unitCode: entry.code,
        actor: 'system',
        data: { to: leaders.map((u) => u.code), personCount: petition.personCount },
        idempotencyKey: task.idempotencyKey,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { PetitionWork } from './petition-work';
import { randomUUID } from 'node:crypto';
import { Topic } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { OrgService } from '../org/org.service';
import { DirectReport } from './direct-report.entity';
import { recordEvent } from './timeline';

/**
 * 领导直报: a collective petition is reported at once to the leadership of the level where it came
 * in and of the level above (a village's own level is its township), alongside its handling.
 */
@Injectable()
export class DirectReportHandler {
  constructor(
    private readonly work: PetitionWork,
    private readonly org: OrgService,
  ) {}

  @TopicHandler(Topic.directReport)
  async report(task: ExternalTaskContext): Promise<HandlerResult> {
    await this.work.on(task, async ({ manager, petition, now }) => {
      const petitionId = petition.id;
      const entry = await this.org.requireUnit(petition.receivingUnitCode);
      const leaders = await this.org.leadershipFor(entry.regionCode);
      if (leaders.length === 0) throw new Error(`No leadership unit above ${entry.code} to report ${petition.number} to`);
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

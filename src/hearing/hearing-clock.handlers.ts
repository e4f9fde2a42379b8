import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { fromTyped } from '../camunda/camunda-variables';
import { EngineDeadlines } from '../camunda/engine-deadlines';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { chinaDate, deadlineFor } from '../clocks/deadline';
import { ClockName, clockVariables } from '../clocks/task-clock';
import { Transactions } from '../database/transactions';
import { PetitionLifecycle } from '../petitions/lifecycle/petition-lifecycle';
import { PetitionWork } from '../petitions/petition-work';
import { PetitionReview } from '../review/petition-review.entity';
import { Hearing } from './hearing.entity';

const CLOCK_SUFFIXES = ['DueDate', 'RemindAt', 'DisciplineAt'] as const;

/**
 * The two ends of a hearing in hearing.bpmn: the calling step's clock stops when it starts and runs on
 * when its minutes are recorded, every instant moved by exactly the time between (Art. 36). The engine
 * is called outside any database transaction; both ends are safe to run twice.
 */
@Injectable()
export class HearingClockHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly camunda: CamundaRestClient,
    private readonly deadlines: EngineDeadlines,
    private readonly work: PetitionWork,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  @TopicHandler(Topic.hearingOpen)
  async open(task: ExternalTaskContext): Promise<HandlerResult> {
    const hearing = await this.hearing(task);
    const clock = hearing.clock as ClockName;
    const before = hearing.clockBefore ?? (await this.clockNow(hearing.callerProcessInstanceId, clock));
    await this.deadlines.pause(hearing.callerProcessInstanceId, clock);
    await this.tx.write((manager) => manager.update(Hearing, { id: hearing.id, clockBefore: IsNull() }, { clockBefore: before }));
    return {
      [Var.hearingUnitCode]: hearing.unitCode,
      ...clockVariables('hearing', hearing.requestedAt, deadlineFor('hearing', hearing.requestedAt)),
    };
  }

  @TopicHandler(Topic.hearingClose)
  async close(task: ExternalTaskContext): Promise<HandlerResult> {
    const hearing = await this.hearing(task);
    if (!hearing.closedAt || !hearing.clockBefore) throw new Error(`Hearing ${hearing.id} is not minuted yet`);
    const shiftMs = hearing.closedAt.getTime() - hearing.requestedAt.getTime();
    const moved = Object.fromEntries(
      Object.entries(hearing.clockBefore).map(([name, instant]) => [name, new Date(Date.parse(instant) + shiftMs)]),
    );
    const dueAt = moved[`${hearing.clock}DueDate`] ?? null;
    if (!hearing.resumedAt) {
      await this.work.on(task, async ({ manager, petition, now }) => {
        await this.lifecycle.resumeAfterHearing(manager, petition, { clock: hearing.clock, from: hearing.requestedAt, until: hearing.closedAt!, dueAt }, {
          now,
          actor: 'system',
          unitCode: hearing.unitCode,
          note: dueAt ? `听证所需时间不计算在期限内（信访工作条例 第三十六条），期限顺延至 ${chinaDate(dueAt)}` : '听证所需时间不计算在期限内（信访工作条例 第三十六条）',
          data: { hearingId: hearing.id },
          idempotencyKey: task.idempotencyKey,
        });
        if (hearing.stage !== 'handling' && dueAt) {
          await manager.update(
            PetitionReview,
            { petitionId: petition.id, replyRound: petition.replyRound, stage: hearing.stage, decidedAt: IsNull() },
            { dueAt },
          );
        }
        await manager.update(Hearing, { id: hearing.id }, { resumedAt: now });
      });
    }
    await this.deadlines.resume(hearing.callerProcessInstanceId, hearing.clock as ClockName, moved);
  }

  private async hearing(task: ExternalTaskContext): Promise<Hearing> {
    const id = task.requireVariable<string>(Var.hearingId);
    const hearing = await this.dataSource.manager.findOneBy(Hearing, { id });
    if (!hearing) throw new Error(`Hearing ${id} does not exist`);
    return hearing;
  }

  /** The clock's instants as the calling process holds them now. */
  private async clockNow(processInstanceId: string, clock: ClockName): Promise<Record<string, string>> {
    const names = CLOCK_SUFFIXES.map((suffix) => `${clock}${suffix}`);
    const found = await this.camunda.variableInstances({ processInstanceIdIn: [processInstanceId] });
    return Object.fromEntries(
      found
        .filter((v) => names.includes(v.name) && v.value !== null)
        .map((v) => {
          const value = fromTyped({ type: v.type, value: v.value });
          const instant = value instanceof Date ? value : new Date(String(value));
          if (Number.isNaN(instant.getTime())) throw new Error(`Clock variable ${v.name} of ${processInstanceId} holds no date: ${JSON.stringify(v.value)} (${v.type})`);
          return [v.name, instant.toISOString()];
        }),
    );
  }
}

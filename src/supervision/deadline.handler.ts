import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AssessmentFact, AssessmentMetric } from '../assessment/assessment-fact.entity';
import { User } from '../auth/user.entity';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { chinaDate, deadlineFor, periodOf } from '../clocks/deadline';
import type { ClockKind, ClockName } from '../clocks/task-clock';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import type { Unit } from '../org/unit.entity';
import type { EventKind } from '../petitions/petition.types';
import { recordEvent, requirePetition } from '../petitions/timeline';
import { SupervisionRecord } from './supervision-record.entity';

const EVENT: Record<ClockKind, EventKind & AssessmentMetric> = {
  reminder: 'reminded',
  supervision: 'supervised',
  discipline: 'discipline-recommended',
};

const STEP_NAMES: Record<string, string> = {
  'forward-to-township': '代办转交乡镇',
  'decide-dispute-county': '裁决办理单位',
  'decide-dispute-city': '裁决办理单位',
  'accept-decision': '受理决定',
  'handle-petition': '调查核实',
  'reply-petition': '出具处理意见',
  'review-completion-report': '审核办结报告',
};

/**
 * Runs when one of a user task's clock timers fires (催办 / 督办 / 追责建议). Two tasks watched by the
 * same deadline (handling: investigate, then reply) fire the same clock twice; the record is kept once.
 */
@Injectable()
export class DeadlineHandler {
  constructor(
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.deadline)
  onDeadline(task: ExternalTaskContext): Promise<HandlerResult> {
    const petitionId = task.requireVariable<string>(Var.petitionId);
    const kind = task.requireVariable<ClockKind>('clockKind');
    const step = task.requireVariable<string>('clockStep');
    const clockName = task.requireVariable<ClockName>('clockName');
    const dueAt = new Date(task.requireVariable<string | Date>('clockDueDate'));
    const unitCode = task.requireVariable<string>('clockUnitCode');
    return this.tx.write(async (manager) => {
      const idempotencyKey = `${petitionId}:${clockName}:${dueAt.toISOString()}:${kind}`;
      if (await manager.existsBy(SupervisionRecord, { idempotencyKey })) return {};
      await requirePetition(manager, petitionId);
      const unit = await this.org.requireUnit(unitCode);
      const issuer = kind === 'reminder' ? unit : await this.org.supervisingOfficeFor(unit);
      const addressedTo = kind === 'discipline' ? await this.org.managementBodyFor(unit) : unit;
      const now = this.clock.now();
      const record: SupervisionRecord = {
        id: randomUUID(),
        petitionId,
        kind,
        step,
        clockName,
        dueAt,
        unitCode,
        issuedByUnitCode: issuer.code,
        addressedToUnitCode: addressedTo.code,
        recipients: await this.recipients(manager, unit, kind),
        feedbackDueAt: kind === 'supervision' ? deadlineFor('supervisionFeedback', now) : null,
        issuedAt: now,
        period: periodOf(now),
        idempotencyKey,
      };
      await manager.insert(SupervisionRecord, record);
      await recordEvent(manager, {
        petitionId,
        kind: EVENT[kind],
        occurredAt: now,
        unitCode: issuer.code,
        actor: 'system',
        note: noteFor(kind, unit, addressedTo, step, dueAt, record.feedbackDueAt),
        data: { step, clockName, dueAt: dueAt.toISOString(), unitCode, addressedTo: addressedTo.code, recordId: record.id },
        idempotencyKey,
      });
      // Counted against the late unit for its assessment period (one per petition, unit and kind).
      await manager
        .createQueryBuilder()
        .insert()
        .into(AssessmentFact)
        .values({
          id: randomUUID(),
          petitionId,
          unitCode,
          metric: EVENT[kind],
          met: false,
          dueAt,
          doneAt: now,
          period: record.period,
          recordedAt: now,
        })
        .orIgnore()
        .execute();
      return {};
    });
  }

  /** The unit's people who act on the step, and for supervision and discipline its head(s) too. */
  private async recipients(manager: EntityManager, unit: Unit, kind: ClockKind): Promise<string[]> {
    const people = await manager.findBy(User, { unitCode: unit.code, active: true });
    const wanted = kind === 'reminder' ? ['handler', 'registrar', 'agent', 'unit-head'] : ['unit-head', 'handler', 'registrar', 'agent'];
    return people
      .filter((u) => u.roles.some((r) => wanted.includes(r)))
      .map((u) => u.username)
      .sort();
  }
}

function noteFor(kind: ClockKind, unit: Unit, addressedTo: Unit, step: string, dueAt: Date, feedbackDueAt: Date | null): string {
  const what = `${unit.name}「${STEP_NAMES[step] ?? step}」`;
  const due = chinaDate(dueAt);
  if (kind === 'reminder') return `催办：${what}将于 ${due} 到期`;
  if (kind === 'supervision') return `督办：${what}已于 ${due} 到期未办结，请于 ${chinaDate(feedbackDueAt!)} 前反馈办理情况`;
  return `追责建议：${what}逾期未办结（期限 ${due}），建议${addressedTo.name}依规依纪追究责任（信访工作条例 第四十条）`;
}

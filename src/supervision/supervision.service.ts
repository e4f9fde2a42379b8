import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AssessmentMetric } from '../assessment/assessment-fact.entity';
import { AssessmentLedger } from '../assessment/assessment-ledger';
import { User } from '../auth/user.entity';
import { chinaDate, deadlineFor, periodOf } from '../clocks/deadline';
import type { ClockKind, ClockName } from '../clocks/task-clock';
import { OrgService } from '../org/org.service';
import type { Unit } from '../org/unit.entity';
import type { EventKind } from '../petitions/petition.types';
import { recordEvent } from '../petitions/timeline';
import { SupervisionRecord } from './supervision-record.entity';
import { InboxService } from '../inbox/inbox.service';
import { deadlineNotice } from '../inbox/notices';
import { PetitionRepository } from '../petitions/petition.repository';
import { OpenTask } from '../tasks/index/open-task.entity';
import { STEP_NAMES_ZH } from '../reports/overdue-export';
import type { StepKey } from '../camunda/process-contract';

const EVENT: Record<ClockKind, EventKind & AssessmentMetric> = {
  reminder: 'reminded',
  supervision: 'supervised',
  discipline: 'discipline-recommended',
};

export const STEP_NAMES: Record<string, string> = {
  'forward-to-township': '代办转交乡镇',
  'decide-dispute-county': '裁决办理单位',
  'decide-dispute-city': '裁决办理单位',
  'accept-decision': '受理决定',
  'handle-petition': '调查核实',
  'reply-petition': '出具处理意见',
  'review-completion-report': '审核办结报告',
  'approve-extension': '审批延期',
};

export interface Issue {
  petitionId: string;
  kind: ClockKind;
  step: string;
  clockName: ClockName;
  dueAt: Date;
  unitCode: string;
  idempotencyKey: string;
  now: Date;
  /** Who issued it: the clock ('system'), or a supervisor from the overdue report. */
  actor: string;
  /** A supervisor's own office issues what they send by hand. */
  issuedByUnitCode?: string;
  note?: string;
}

/**
 * Reminders (催办), supervision notices (督办) and disciplinary recommendations (Art. 40): issued by
 * the statutory clocks or by a supervisor, each recorded once with its timeline entry and counted
 * against the late unit in its assessment period.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly org: OrgService,
    private readonly inbox: InboxService,
    private readonly petitions: PetitionRepository,
    private readonly ledger: AssessmentLedger,
  ) {}

  async issue(manager: EntityManager, issue: Issue): Promise<SupervisionRecord | null> {
    if (await manager.existsBy(SupervisionRecord, { idempotencyKey: issue.idempotencyKey })) return null;
    const { petitionId, kind, step, clockName, dueAt, unitCode, now } = issue;
    const unit = await this.org.requireUnit(unitCode);
    const issuer = issue.issuedByUnitCode
      ? await this.org.requireUnit(issue.issuedByUnitCode)
      : kind === 'reminder'
        ? unit
        : await this.org.supervisingOfficeFor(unit);
    const addressedTo = kind === 'discipline' ? await this.org.managementBodyFor(unit) : unit;
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
      issuedBy: issue.actor,
      period: periodOf(now),
      idempotencyKey: issue.idempotencyKey,
      feedbackText: null,
      feedbackBy: null,
      feedbackAt: null,
    };
    await manager.insert(SupervisionRecord, record);
    const note = noteFor(kind, unit, addressedTo, step, dueAt, record.feedbackDueAt);
    await recordEvent(manager, {
      petitionId,
      kind: EVENT[kind],
      occurredAt: now,
      unitCode: issuer.code,
      actor: issue.actor,
      note: issue.note ? `${note}（${issue.note}）` : note,
      data: { step, clockName, dueAt: dueAt.toISOString(), unitCode, addressedTo: addressedTo.code, recordId: record.id },
      idempotencyKey: issue.idempotencyKey,
    });
    // one fact per record: a second reminder on a later step counts again
    await this.ledger.record(manager, petitionId, [{ unitCode, metric: EVENT[kind], dueAt, met: false }], now, `supervision:${issue.idempotencyKey}`);
    await this.announce(manager, record, addressedTo);
    return record;
  }

  /** Told, in the same transaction, to the people the record names: the unit's people on the step and, past the deadline, its head(s). */
  private async announce(manager: EntityManager, record: SupervisionRecord, addressedTo: Unit): Promise<void> {
    // The indexed task, so the inbox links to it; a reconcile not yet done leaves the link out.
    const [open, petition] = await Promise.all([
      manager.findOneBy(OpenTask, { petitionId: record.petitionId, step: record.step, unitCode: record.unitCode }),
      this.petitions.find(record.petitionId, manager),
    ]);
    await this.inbox.notifyUsers(
      manager,
      record.recipients,
      deadlineNotice({
        ...record,
        stepName: STEP_NAMES_ZH[record.step as StepKey] ?? record.step,
        petitionNumber: petition?.number ?? '',
        addressedToUnitName: addressedTo.name,
        taskId: open?.taskId ?? null,
      }),
      record.issuedAt,
    );
  }

  /** The unit's people who act on the step, and for supervision and discipline its head(s) too. */
  private async recipients(manager: EntityManager, unit: Unit, kind: ClockKind): Promise<string[]> {
    const people = await manager.findBy(User, { unitCode: unit.code, active: true });
    const wanted = kind === 'reminder' ? ['handler', 'registrar', 'agent'] : ['unit-head', 'handler', 'registrar', 'agent'];
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
  if (kind === 'supervision') return `督办：${what}期限为 ${due}，请于 ${chinaDate(feedbackDueAt!)} 前反馈办理情况`;
  return `追责建议：${what}逾期未办结（期限 ${due}），建议${addressedTo.name}依规依纪追究责任（信访工作条例 第四十条）`;
}

import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { PlainValue } from '../../camunda/camunda-variables';
import { Decision, DecisionValue, HAND_OVER_DECISIONS, Notice, Step, Var } from '../../camunda/process-contract';
import { deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';
import { LEGAL_ROUTES, LegalRoute } from '../../petitions/petition.types';
import { allowedDecisions } from '../../routing/hand-over-rules';
import { HandOverService } from '../../routing/hand-over.service';
import { NotificationOutbox } from '../../notifications/notification-outbox';
import { OrgService } from '../../org/org.service';
import { StepContext, TaskStep } from './task-step';

const needsTarget = (form: AcceptDecisionForm) => form.decision === Decision.transfer || form.decision === Decision.assignDown;

/**
 * 受理决定 (Art. 23): accept, decline, divert to the legal route — or hand the petition on:
 * transfer to the competent body, assign down, report up, return (within 5 working days), dispute.
 */
export class AcceptDecisionForm {
  @ApiProperty({ enum: Object.values(Decision) })
  @IsNotEmpty()
  @IsIn(Object.values(Decision))
  decision!: DecisionValue;

  @ApiPropertyOptional({ description: 'Required for every decision except accept', maxLength: 2000 })
  @ValidateIf((form: AcceptDecisionForm) => (form.decision !== undefined && form.decision !== Decision.accept) || form.reason !== undefined)
  @IsNotEmpty({ context: { code: 'reasonRequired' } })
  @IsNotBlank({ context: { code: 'reasonRequired' } })
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'transfer / assign-down: the receiving unit' })
  @ValidateIf((form: AcceptDecisionForm) => needsTarget(form) || form.targetUnitCode !== undefined)
  @IsNotEmpty({ context: { code: 'targetRequired' } })
  @IsNotBlank({ context: { code: 'targetRequired' } })
  @IsString()
  @MaxLength(64)
  targetUnitCode?: string;

  @ApiPropertyOptional({ enum: LEGAL_ROUTES, description: 'divert-legal: litigation, arbitration or administrative review' })
  @ValidateIf((form: AcceptDecisionForm) => form.decision === Decision.divertLegal || form.legalRoute !== undefined)
  @IsNotEmpty()
  @IsIn(LEGAL_ROUTES)
  legalRoute?: LegalRoute;

  @ApiPropertyOptional({
    description: 'accept: the date the unit commits to (承诺办理, YYYY-MM-DD), no later than the legal deadline; defaults to it',
  })
  @ValidateIf((form: AcceptDecisionForm) => form.committedDate !== undefined)
  @IsISO8601({ strict: true })
  committedDate?: string;

  @ApiPropertyOptional({ description: 'accept: a first-time, clear matter handled in the simplified path (10 working days)' })
  @IsOptional()
  @IsBoolean()
  simplified?: boolean;

  @ApiPropertyOptional({ description: 'assign-down: the date the completion report is due (ISO 8601)' })
  @ValidateIf((form: AcceptDecisionForm) => form.decision === Decision.assignDown || form.dueDate !== undefined)
  @IsNotEmpty()
  @IsISO8601()
  dueDate?: string;
}

@Injectable()
export class AcceptDecisionStep implements TaskStep<AcceptDecisionForm> {
  readonly keys = [Step.acceptDecision];
  readonly form = AcceptDecisionForm;

  constructor(
    private readonly handOvers: HandOverService,
    private readonly lifecycle: PetitionLifecycle,
    private readonly outbox: NotificationOutbox,
    private readonly org: OrgService,
  ) {}

  async options({ manager, petition }: Omit<StepContext, 'task'>) {
    const ctx = await this.handOvers.holdingContext(manager, petition);
    return {
      decisions: allowedDecisions(ctx),
      sender: ctx.sender ? { code: ctx.sender.code, name: ctx.sender.name } : null,
      reportUpTo: ctx.reportUpTo ? { code: ctx.reportUpTo.code, name: ctx.reportUpTo.name } : null,
      returnWindowEnds: ctx.returnWindowEnds?.toISOString() ?? null,
      bound: ctx.bound,
    };
  }

  async apply({ manager, principal, petition, task, now }: StepContext, form: AcceptDecisionForm): Promise<Record<string, PlainValue>> {
    const at = { now, actor: principal.username, unitCode: principal.unitCode, note: form.reason ?? null };
    switch (form.decision) {
      case Decision.accept: {
        const accepted = await this.lifecycle.accept(manager, petition, { simplified: form.simplified === true, committedDate: form.committedDate }, at);
        // 受理告知书: Art. 23 wants the decision told in writing within the 15 days it is taken in.
        await this.outbox.enqueue(manager, accepted, {
          kind: Notice.accept,
          now,
          idempotencyKey: `accept:${task.id}`,
          facts: { acceptance: { at: now, simplified: accepted.simplified, committedAt: accepted.committedAt } },
        });
        return { [Var.decision]: form.decision, ...clockVariables('handle', now, accepted.handleDueAt!) };
      }
      case Decision.decline:
        await this.lifecycle.decline(manager, petition, form.reason!, at);
        return { [Var.decision]: form.decision };
      case Decision.divertLegal:
        await this.lifecycle.divert(manager, petition, form.reason!, form.legalRoute!, at);
        return { [Var.decision]: form.decision };
    }
    if (!HAND_OVER_DECISIONS.includes(form.decision)) throw new Error(`Unknown decision ${form.decision}`);
    let dueDate: Date | undefined;
    if (form.decision === Decision.assignDown) {
      dueDate = new Date(form.dueDate!);
      if (!(dueDate > now) || dueDate > deadlineFor('handling', now)) {
        throw new LocalizedHttpError(400, {
          'zh-CN': '交办期限必须晚于现在，且不超过60日的法定办理期限（信访工作条例第三十四条）',
          en: 'The assignment deadline must be in the future and within the 60-day handling limit (Art. 34)',
        });
      }
    }
    const variables = await this.handOvers.handOver(manager, principal, petition, {
      decision: form.decision,
      reason: form.reason!,
      targetUnitCode: form.targetUnitCode,
      dueDate,
    });
    if (form.decision === Decision.transfer && form.targetUnitCode) {
      // 转送告知书: the petitioner learns which body now has the matter (Art. 22).
      const [from, to] = await Promise.all([this.org.unit(principal.unitCode), this.org.unit(form.targetUnitCode)]);
      await this.outbox.enqueue(manager, petition, {
        kind: Notice.transfer,
        now,
        idempotencyKey: `transfer:${task.id}`,
        unitCode: principal.unitCode,
        facts: { transfer: { fromUnitName: from?.name ?? '信访工作机构', toUnitName: to?.name ?? '有权处理的机关', at: now } },
      });
    }
    return { [Var.decision]: form.decision, ...variables };
  }
}

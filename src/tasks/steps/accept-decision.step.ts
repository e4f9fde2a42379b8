import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { PlainValue } from '../../camunda/camunda-variables';
import { Decision, DecisionValue, HAND_OVER_DECISIONS, Step, Var } from '../../camunda/process-contract';
import { chinaDate, deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { Petition } from '../../petitions/petition.entity';
import { LEGAL_ROUTES, LegalRoute } from '../../petitions/petition.types';
import { recordEvent } from '../../petitions/timeline';
import { allowedDecisions } from '../../routing/hand-over-rules';
import { HandOverService } from '../../routing/hand-over.service';
import { StepContext, TaskStep } from './task-step';

const SIMPLIFIED_FIRST_TIME_ONLY = new LocalizedHttpError(400, {
  'zh-CN': '简易办理仅适用于初次信访、事实清楚的事项；本件为重复信访，请按一般程序办理',
  en: 'The simplified path is for first-time, clear matters; this petition repeats an earlier one',
});

/** A committed date is a whole day: it ends at 24:00 China time, and cannot lie past the legal deadline. */
function committedEnd(date: string, now: Date, legal: Date): Date {
  const day = date.slice(0, 10);
  const end = new Date(`${day}T23:59:59.999+08:00`);
  if (Number.isNaN(end.getTime()) || end <= now || end > legal) {
    const legalDay = chinaDate(legal);
    throw new LocalizedHttpError(400, {
      'zh-CN': `承诺办理日期须在今天之后，且不晚于法定期限 ${legalDay}`,
      en: `The committed date must be after today and no later than the legal deadline, ${legalDay}`,
    });
  }
  return end;
}

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

  constructor(private readonly handOvers: HandOverService) {}

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

  async apply({ manager, principal, petition, now }: StepContext, form: AcceptDecisionForm): Promise<Record<string, PlainValue>> {
    const event = (kind: 'accepted' | 'declined' | 'diverted', data?: Record<string, unknown>) =>
      recordEvent(manager, {
        petitionId: petition.id,
        kind,
        occurredAt: now,
        unitCode: principal.unitCode,
        actor: principal.username,
        note: form.reason ?? null,
        data: data ?? null,
      });
    switch (form.decision) {
      case Decision.accept: {
        const simplified = form.simplified === true;
        if (simplified && petition.repeatOfId) throw SIMPLIFIED_FIRST_TIME_ONLY;
        const handleDueAt = deadlineFor(simplified ? 'simplified' : 'handling', now);
        const committedAt = form.committedDate ? committedEnd(form.committedDate, now, handleDueAt) : handleDueAt;
        await manager.update(
          Petition,
          { id: petition.id },
          { status: 'handling', decision: Decision.accept, decidedAt: now, handleDueAt, committedAt, simplified },
        );
        await event('accepted', { committedAt: committedAt.toISOString(), handleDueAt: handleDueAt.toISOString(), simplified });
        return { [Var.decision]: form.decision, ...clockVariables('handle', now, handleDueAt) };
      }
      case Decision.decline:
        await manager.update(
          Petition,
          { id: petition.id },
          { status: 'declined', decision: Decision.decline, decidedAt: now, declineReason: form.reason! },
        );
        await event('declined');
        return { [Var.decision]: form.decision };
      case Decision.divertLegal:
        await manager.update(
          Petition,
          { id: petition.id },
          { status: 'diverted', decision: Decision.divertLegal, decidedAt: now, declineReason: form.reason!, legalRoute: form.legalRoute! },
        );
        await event('diverted', { legalRoute: form.legalRoute });
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
    return { [Var.decision]: form.decision, ...variables };
  }
}

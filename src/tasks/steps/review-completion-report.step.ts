import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step, Var } from '../../camunda/process-contract';
import { Petition } from '../../petitions/petition.entity';
import { recordEvent } from '../../petitions/timeline';
import { StepContext, TaskStep } from './task-step';

export class ReviewCompletionReportForm {
  @ApiProperty({ description: 'true: the assignment is done; false: send it back to be handled again' })
  @IsBoolean()
  approved!: boolean;

  @ApiPropertyOptional({ description: 'Required when sending back', maxLength: 2000 })
  @ValidateIf((form: ReviewCompletionReportForm) => form.approved === false || form.reason !== undefined)
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** 审核办结报告: the unit that assigned the matter down checks the report of its handling. */
@Injectable()
export class ReviewCompletionReportStep implements TaskStep<ReviewCompletionReportForm> {
  readonly keys = [Step.reviewCompletionReport];
  readonly form = ReviewCompletionReportForm;

  async apply({ manager, principal, petition, now }: StepContext, form: ReviewCompletionReportForm) {
    if (form.approved) {
      await manager.update(Petition, { id: petition.id }, { assignedByUnitCode: null, assignDueAt: null });
    } else {
      await manager.update(Petition, { id: petition.id }, { status: 'handling', replyOutcome: null, replyText: null, repliedAt: null });
    }
    await recordEvent(manager, {
      petitionId: petition.id,
      kind: form.approved ? 'completion-approved' : 'completion-returned',
      occurredAt: now,
      unitCode: principal.unitCode,
      actor: principal.username,
      note: form.reason ?? null,
    });
    return { [Var.completionApproved]: form.approved };
  }
}

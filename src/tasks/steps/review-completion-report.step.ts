import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step, Var } from '../../camunda/process-contract';
import { StepContext, TaskStep } from './task-step';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';

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

  constructor(private readonly lifecycle: PetitionLifecycle) {}

  async apply({ manager, principal, petition, now }: StepContext, form: ReviewCompletionReportForm) {
    const at = { now, actor: principal.username, unitCode: principal.unitCode, note: form.reason ?? null };
    if (form.approved) await this.lifecycle.approveCompletion(manager, petition, at);
    else await this.lifecycle.returnCompletion(manager, petition, at);
    return { [Var.completionApproved]: form.approved };
  }
}

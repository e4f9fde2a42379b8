import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step, Var } from '../../camunda/process-contract';
import { deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { REPLY_OUTCOMES, ReplyOutcome } from '../../petitions/petition.types';
import { StepContext, TaskStep } from './task-step';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';

/** 处理意见: support, explain or reject (Art. 32), with the reply text. */
export class ReplyPetitionForm {
  @ApiProperty({ enum: REPLY_OUTCOMES })
  @IsNotEmpty()
  @IsIn(REPLY_OUTCOMES)
  replyOutcome!: ReplyOutcome;

  @ApiProperty({ maxLength: 10000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(10_000)
  replyText!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@Injectable()
export class ReplyPetitionStep implements TaskStep<ReplyPetitionForm> {
  readonly keys = [Step.replyPetition];
  readonly form = ReplyPetitionForm;

  constructor(private readonly lifecycle: PetitionLifecycle) {}

  async apply({ manager, principal, petition, now }: StepContext, form: ReplyPetitionForm) {
    const { replyOutcome, replyText, note } = form;
    await this.lifecycle.reply(manager, petition, { outcome: replyOutcome, text: replyText }, {
      now,
      actor: principal.username,
      unitCode: principal.unitCode,
      note: note ?? null,
    });
    // An assigned matter's completion report goes to the assigning unit for review, due from now.
    return { [Var.replyOutcome]: replyOutcome, ...clockVariables('review', now, deadlineFor('completionReview', now)) };
  }
}

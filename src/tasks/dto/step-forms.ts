import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Decision, DecisionValue, Step, StepKey } from '../../camunda/process-contract';
import { REPLY_OUTCOMES, ReplyOutcome } from '../../petitions/petition.types';

/** 受理决定: accept, or decline with a reason the petitioner is told (Art. 23). */
export class AcceptDecisionForm {
  @ApiProperty({ enum: Object.values(Decision) })
  @IsNotEmpty()
  @IsIn(Object.values(Decision))
  decision!: DecisionValue;

  @ApiPropertyOptional({ description: 'Required when declining', maxLength: 2000 })
  @ValidateIf((form: AcceptDecisionForm) => form.decision === Decision.decline || form.reason !== undefined)
  @IsNotEmpty({ context: { code: 'reasonRequired' } })
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** 调查核实: what the investigation found. */
export class HandlePetitionForm {
  @ApiProperty({ maxLength: 10000 })
  @IsNotEmpty()
  @IsString()
  @MaxLength(10_000)
  findings!: string;
}

/** 处理意见: support, explain or reject (Art. 32), with the reply text. */
export class ReplyPetitionForm {
  @ApiProperty({ enum: REPLY_OUTCOMES })
  @IsNotEmpty()
  @IsIn(REPLY_OUTCOMES)
  replyOutcome!: ReplyOutcome;

  @ApiProperty({ maxLength: 10000 })
  @IsNotEmpty()
  @IsString()
  @MaxLength(10_000)
  replyText!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const STEP_FORMS: Record<StepKey, new () => object> = {
  [Step.acceptDecision]: AcceptDecisionForm,
  [Step.handlePetition]: HandlePetitionForm,
  [Step.replyPetition]: ReplyPetitionForm,
};

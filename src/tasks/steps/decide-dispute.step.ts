import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step } from '../../camunda/process-contract';
import { HandOverService } from '../../routing/hand-over.service';
import { StepContext, TaskStep } from './task-step';

export class DecideDisputeForm {
  @ApiProperty({ description: 'The unit that must handle the matter; it cannot return it again' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(64)
  unitCode!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

/** 争议裁决: the nearest common superior's petition office decides who handles the matter. */
@Injectable()
export class DecideDisputeStep implements TaskStep<DecideDisputeForm> {
  readonly keys = [Step.decideDisputeCounty, Step.decideDisputeCity];
  readonly form = DecideDisputeForm;

  constructor(private readonly handOvers: HandOverService) {}

  apply({ manager, principal, petition }: StepContext, form: DecideDisputeForm) {
    return this.handOvers.decide(manager, principal, petition, form.unitCode, form.reason);
  }
}

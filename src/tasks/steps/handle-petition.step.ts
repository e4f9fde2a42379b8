import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step } from '../../camunda/process-contract';
import { StepContext, TaskStep } from './task-step';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';

/** 调查核实: what the investigation found. */
export class HandlePetitionForm {
  @ApiProperty({ maxLength: 10000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(10_000)
  findings!: string;
}

@Injectable()
export class HandlePetitionStep implements TaskStep<HandlePetitionForm> {
  readonly keys = [Step.handlePetition];
  readonly form = HandlePetitionForm;

  constructor(private readonly lifecycle: PetitionLifecycle) {}

  async apply({ manager, principal, petition, now }: StepContext, form: HandlePetitionForm) {
    await this.lifecycle.recordFindings(manager, petition, form.findings, { now, actor: principal.username, unitCode: principal.unitCode });
    return {};
  }
}

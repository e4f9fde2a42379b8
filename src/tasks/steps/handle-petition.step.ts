import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step } from '../../camunda/process-contract';
import { Petition } from '../../petitions/petition.entity';
import { recordEvent } from '../../petitions/timeline';
import { StepContext, TaskStep } from './task-step';

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

  async apply({ manager, principal, petition, now }: StepContext, form: HandlePetitionForm) {
    await manager.update(Petition, { id: petition.id }, { findings: form.findings, status: 'handling' });
    await recordEvent(manager, {
      petitionId: petition.id,
      kind: 'handled',
      occurredAt: now,
      unitCode: principal.unitCode,
      actor: principal.username,
    });
    return {};
  }
}

import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Step, Var } from '../../camunda/process-contract';
import { OrgService } from '../../org/org.service';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';
import { appendHandOvers } from '../../routing/hand-over.log';
import { StepContext, TaskStep } from './task-step';

export class ForwardToTownshipForm {
  @ApiPropertyOptional({ description: 'What the agent adds for the township', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** 代办转交: the village agent station files on the villager's behalf and forwards to its township. */
@Injectable()
export class ForwardToTownshipStep implements TaskStep<ForwardToTownshipForm> {
  readonly keys = [Step.forwardToTownship];
  readonly form = ForwardToTownshipForm;

  constructor(
    private readonly org: OrgService,
    private readonly lifecycle: PetitionLifecycle,
  ) {}

  async apply({ manager, principal, petition, now }: StepContext, form: ForwardToTownshipForm) {
    const station = await this.org.requireUnit(petition.receivingUnitCode);
    const township = await this.org.petitionOfficeFor(station.regionCode);
    await appendHandOvers(manager, petition.id, [
      {
        kind: 'forward',
        fromUnitCode: station.code,
        toUnitCode: township.code,
        reason: form.note ?? '村信访代办站代为转交',
        actor: principal.username,
        occurredAt: now,
      },
    ]);
    await this.lifecycle.forward(manager, petition, township.code, {
      now,
      actor: principal.username,
      unitCode: station.code,
      note: form.note ?? null,
      data: { from: station.code, to: township.code },
    });
    return { [Var.competentUnitCode]: township.code };
  }
}

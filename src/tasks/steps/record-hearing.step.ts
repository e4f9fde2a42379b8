import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { In, IsNull } from 'typeorm';
import { Step } from '../../camunda/process-contract';
import { LocalizedHttpError } from '../../common/errors';
import { IsNotBlank } from '../../common/is-not-blank';
import { Hearing } from '../../hearing/hearing.entity';
import { RepresentativeOpinionInputDto } from '../../representatives/dto/representative.dto';
import { PublicRepresentative } from '../../representatives/public-representative.entity';
import { RepresentativesService } from '../../representatives/representatives.service';
import { StepContext, TaskStep } from './task-step';

/** 听证笔录与结论. */
export class RecordHearingForm {
  @ApiProperty({ maxLength: 20000, description: 'Minutes: questioning, debate, deliberation' })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(20_000)
  minutes!: string;

  @ApiProperty({ maxLength: 5000 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(5000)
  conclusion!: string;

  @ApiPropertyOptional({ type: [RepresentativeOpinionInputDto], description: 'The invited public representatives’ opinions' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RepresentativeOpinionInputDto)
  opinions?: RepresentativeOpinionInputDto[];
}

/**
 * The hearing was held: its minutes, its conclusion and the representatives' opinions go on the case,
 * and the hearing ends now — the calling step's clock runs on from here (hearing.bpmn's close step).
 */
@Injectable()
export class RecordHearingStep implements TaskStep<RecordHearingForm> {
  readonly keys = [Step.recordHearing];
  readonly form = RecordHearingForm;

  constructor(private readonly representatives: RepresentativesService) {}

  async apply({ manager, principal, petition, now }: StepContext, form: RecordHearingForm) {
    const hearing = await manager.findOneByOrFail(Hearing, { petitionId: petition.id, closedAt: IsNull() });
    const invited = new Set(hearing.representativeIds ?? []);
    const opinions = form.opinions ?? [];
    if (opinions.some((o) => !invited.has(o.representativeId))) {
      throw new LocalizedHttpError(400, {
        'zh-CN': '只能记录受邀参加本次听证的群众代表的意见',
        en: 'Opinions are recorded for the representatives invited to this hearing only',
      });
    }
    await manager.update(Hearing, { id: hearing.id }, { minutes: form.minutes.trim(), conclusion: form.conclusion.trim(), closedAt: now });
    const representatives = await manager.findBy(PublicRepresentative, { id: In(opinions.map((o) => o.representativeId)) });
    for (const opinion of opinions) {
      const representative = representatives.find((r) => r.id === opinion.representativeId)!;
      await this.representatives.recordOpinion(manager, principal, petition.id, { representative, opinion: opinion.opinion, hearingId: hearing.id, at: now });
    }
    return {};
  }
}

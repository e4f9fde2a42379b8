import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { In, IsNull } from 'typeorm';
import { User } from '../../auth/user.entity';
import { Step, Var } from '../../camunda/process-contract';
import { chinaDate, deadlineFor } from '../../clocks/deadline';
import { TIME_LIMITS } from '../../clocks/time-limits';
import { LocalizedHttpError } from '../../common/errors';
import { IsNotBlank } from '../../common/is-not-blank';
import { Hearing, PARTICIPANT_ROLES, ParticipantRole } from '../../hearing/hearing.entity';
import { PetitionEvent } from '../../petitions/petition-event.entity';
import { recordEvent } from '../../petitions/timeline';
import { PublicRepresentative } from '../../representatives/public-representative.entity';
import { StepContext, TaskStep } from './task-step';

export class HearingParticipantDto {
  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role!: ParticipantRole;

  @ApiProperty({ maxLength: 64 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(64)
  name!: string;
}

/** 听证安排: when and where, who presides, who takes part, and whether it is public. */
export class ScheduleHearingForm {
  @ApiProperty({ description: 'Date and time of the hearing (ISO 8601), at least 7 days from now (notice to the parties)', example: '2026-12-10T09:30:00+08:00' })
  @IsISO8601({ strict: true })
  scheduledAt!: string;

  @ApiProperty({ maxLength: 200 })
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(200)
  place!: string;

  @ApiProperty({ description: 'Username of the presiding officer: someone who did not investigate the case' })
  @IsNotEmpty()
  @IsString()
  @MaxLength(64)
  presidingOfficer!: string;

  @ApiProperty({ description: 'Public unless state secrets, trade secrets or personal privacy forbid' })
  @IsBoolean()
  public!: boolean;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required when not public' })
  @ValidateIf((form: ScheduleHearingForm) => form.public === false || form.closedReason !== undefined)
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(500)
  closedReason?: string;

  @ApiPropertyOptional({ type: [HearingParticipantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => HearingParticipantDto)
  participants?: HearingParticipantDto[];

  @ApiPropertyOptional({ type: [String], description: 'Public representatives invited, from the region’s register' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  representativeIds?: string[];
}

/** Who investigated the case: they may not preside over its hearing. */
const INVESTIGATION_KINDS = ['handled', 'replied'] as const;

/**
 * 听证安排 (provincial hearing rule): the hearing is at least 7 days away (notice) and within its
 * 30 days, presided over by someone who did not investigate the case, with the representatives invited
 * from the register. The parties are told by the notice that follows in hearing.bpmn.
 */
@Injectable()
export class ScheduleHearingStep implements TaskStep<ScheduleHearingForm> {
  readonly keys = [Step.scheduleHearing];
  readonly form = ScheduleHearingForm;

  async apply({ manager, principal, petition, now }: StepContext, form: ScheduleHearingForm) {
    const hearing = await manager.findOneByOrFail(Hearing, { petitionId: petition.id, closedAt: IsNull() });
    const at = new Date(form.scheduledAt);
    const earliest = new Date(now.getTime() + TIME_LIMITS.hearingNotice.days * 86_400_000);
    const latest = deadlineFor('hearing', hearing.requestedAt);
    if (at < earliest || at > latest) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `听证时间须在 ${chinaDate(earliest)} 之后（提前${TIME_LIMITS.hearingNotice.days}日通知）、${chinaDate(latest)} 之前（${TIME_LIMITS.hearing.days}日内举行）`,
        en: `The hearing must be after ${chinaDate(earliest)} (${TIME_LIMITS.hearingNotice.days} days' notice) and by ${chinaDate(latest)} (within ${TIME_LIMITS.hearing.days} days)`,
      });
    }
    const officer = await manager.findOneBy(User, { username: form.presidingOfficer, active: true });
    if (!officer) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `主持人「${form.presidingOfficer}」不是本系统的有效用户`,
        en: `The presiding officer "${form.presidingOfficer}" is not an active user`,
      });
    }
    const investigated = await manager.existsBy(PetitionEvent, { petitionId: petition.id, actor: officer.username, kind: In([...INVESTIGATION_KINDS]) });
    if (investigated) {
      throw new LocalizedHttpError(400, {
        'zh-CN': `${officer.displayName}参与过本案的调查核实，不能主持听证`,
        en: `${officer.displayName} took part in investigating this case and cannot preside over its hearing`,
      });
    }
    const representativeIds = [...new Set(form.representativeIds ?? [])];
    if (representativeIds.length > 0) {
      const found = await manager.countBy(PublicRepresentative, { id: In(representativeIds), active: true });
      if (found !== representativeIds.length) {
        throw new LocalizedHttpError(400, {
          'zh-CN': '所邀请的群众代表不在代表名册中，或已停用',
          en: 'An invited public representative is not on the register, or no longer active',
        });
      }
    }
    const participants = (form.participants ?? []).map((p) => ({ role: p.role, name: p.name.trim() }));
    await manager.update(Hearing, { id: hearing.id }, {
      scheduledAt: at,
      place: form.place.trim(),
      presidingOfficer: officer.username,
      public: form.public,
      closedReason: form.public ? null : form.closedReason!.trim(),
      participants,
      representativeIds,
    });
    await recordEvent(manager, {
      petitionId: petition.id,
      kind: 'hearing-scheduled',
      occurredAt: now,
      unitCode: principal.unitCode,
      actor: principal.username,
      note: form.public ? null : form.closedReason!.trim(),
      data: { hearingId: hearing.id, scheduledAt: at.toISOString(), place: form.place.trim(), public: form.public, presidingOfficer: officer.username, representatives: representativeIds.length },
    });
    return { [Var.hearingAt]: at, [Var.hearingPlace]: form.place.trim() };
  }
}

import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Step, Var } from '../../camunda/process-contract';
import { deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { REPLY_OUTCOMES, ReplyOutcome, SERVICE_METHODS, ServiceMethod } from '../../petitions/petition.types';
import { LocalizedHttpError } from '../../common/errors';
import { chinaDate } from '../../clocks/deadline';
import { replyWindows, servedOnDay } from '../../clocks/request-windows';
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

  @ApiPropertyOptional({ enum: SERVICE_METHODS, default: 'in-person', description: '送达方式: in person (the default: handed over at the desk), by post, by SMS, online' })
  @IsOptional()
  @IsIn(SERVICE_METHODS)
  serviceMethod?: ServiceMethod;

  @ApiPropertyOptional({ description: '送达日期 (YYYY-MM-DD, China time): today unless the reply reaches the petitioner later; the review and rating windows start here', example: '2026-11-29' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  servedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** Posted letters arrive within days; a service date further out is a typing error. */
const LATEST_SERVICE_DAYS = 15;

/** When the reply reaches the petitioner: now, or on a later day (noon, China time) for a reply sent by post. */
function serviceMoment(servedOn: string | undefined, now: Date): Date {
  if (!servedOn || servedOn === chinaDate(now)) return now;
  const moment = servedOnDay(servedOn);
  if (Number.isNaN(moment.getTime()) || moment < now || moment.getTime() > now.getTime() + LATEST_SERVICE_DAYS * 86_400_000) {
    throw new LocalizedHttpError(400, {
      'zh-CN': `送达日期须为今天或此后 ${LATEST_SERVICE_DAYS} 日内的日期`,
      en: `The service date is today or a day within the next ${LATEST_SERVICE_DAYS} days`,
    });
  }
  return moment;
}

@Injectable()
export class ReplyPetitionStep implements TaskStep<ReplyPetitionForm> {
  readonly keys = [Step.replyPetition];
  readonly form = ReplyPetitionForm;

  constructor(private readonly lifecycle: PetitionLifecycle) {}

  async apply({ manager, principal, petition, now }: StepContext, form: ReplyPetitionForm) {
    const { replyOutcome, replyText, serviceMethod = 'in-person', note } = form;
    const servedAt = serviceMoment(form.servedOn, now);
    await this.lifecycle.reply(manager, petition, { outcome: replyOutcome, text: replyText, servedAt, serviceMethod }, {
      now,
      actor: principal.username,
      unitCode: principal.unitCode,
      note: note ?? null,
    });
    const windows = replyWindows(servedAt);
    return {
      [Var.replyOutcome]: replyOutcome,
      // An assigned matter's completion report goes to the assigning unit for review, due from now.
      ...clockVariables('review', now, deadlineFor('completionReview', now)),
      // The windows that open with the service (Art. 35), closed by petition.bpmn's timers.
      [Var.ratingClosesAt]: windows.ratingClosesAt,
      [Var.reviewRequestClosesAt]: windows.reviewRequestClosesAt,
      [Var.reviewRequested]: false,
      [Var.rehandle]: false,
    };
  }
}

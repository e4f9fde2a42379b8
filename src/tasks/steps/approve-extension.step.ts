import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { randomUUID } from 'node:crypto';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { Notice, Step } from '../../camunda/process-contract';
import { addCalendarDays } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { Notification } from '../../notifications/notification.entity';
import { noticeText } from '../../notifications/notice-texts';
import { OrgService } from '../../org/org.service';
import { Petition } from '../../petitions/petition.entity';
import { Petitioner } from '../../petitions/petitioner.entity';
import { recordEvent } from '../../petitions/timeline';
import { ExtensionRequest } from '../extension/extension-request.entity';
import { StepContext, TaskStep } from './task-step';

export class ApproveExtensionForm {
  @ApiProperty({ description: 'true: extend as requested; false: refuse' })
  @IsBoolean()
  approved!: boolean;

  @ApiPropertyOptional({ description: 'Required when refusing', maxLength: 2000 })
  @ValidateIf((form: ApproveExtensionForm) => form.approved === false || form.reason !== undefined)
  @IsNotEmpty()
  @IsNotBlank()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The tasks that run on the handling deadline, and their clock timers. */
const HANDLING_STEPS: string[] = [Step.handlePetition, Step.replyPetition];

/** 审批延期 (Art. 34): the unit head extends the handling period by the days asked, or refuses. */
@Injectable()
export class ApproveExtensionStep implements TaskStep<ApproveExtensionForm> {
  readonly keys = [Step.approveExtension];
  readonly form = ApproveExtensionForm;

  constructor(
    private readonly camunda: CamundaRestClient,
    private readonly org: OrgService,
  ) {}

  async options({ manager, petition }: Omit<StepContext, 'task'>) {
    const request = await manager.findOneBy(ExtensionRequest, { petitionId: petition.id, status: 'pending' });
    return {
      request: request
        ? { days: request.days, reason: request.reason, requestedBy: request.requestedBy, requestedAt: request.requestedAt.toISOString() }
        : null,
      handleDueAt: petition.handleDueAt?.toISOString() ?? null,
    };
  }

  async apply({ manager, principal, petition, now }: StepContext, form: ApproveExtensionForm) {
    const request = await manager.findOneBy(ExtensionRequest, { petitionId: petition.id, status: 'pending' });
    if (!request || !petition.handleDueAt) {
      throw new LocalizedHttpError(409, { 'zh-CN': '没有待审批的延期申请', en: 'There is no request to extend waiting' });
    }
    const decided = { decidedBy: principal.username, decidedAt: now, decisionReason: form.reason ?? null };
    if (!form.approved) {
      await manager.update(ExtensionRequest, { id: request.id }, { ...decided, status: 'refused' });
      await recordEvent(manager, {
        petitionId: petition.id,
        kind: 'extension-refused',
        occurredAt: now,
        unitCode: principal.unitCode,
        actor: principal.username,
        note: form.reason ?? null,
        data: { days: request.days, requestId: request.id },
      });
      return {};
    }
    const handleDueAt = addCalendarDays(petition.handleDueAt, request.days);
    const committedAt = petition.committedAt ? addCalendarDays(petition.committedAt, request.days) : null;
    await manager.update(Petition, { id: petition.id }, { handleDueAt, committedAt, extensionDays: request.days });
    await manager.update(ExtensionRequest, { id: request.id }, { ...decided, status: 'approved' });
    await recordEvent(manager, {
      petitionId: petition.id,
      kind: 'extension-approved',
      occurredAt: now,
      unitCode: principal.unitCode,
      actor: principal.username,
      note: request.reason,
      data: { days: request.days, handleDueAt: handleDueAt.toISOString(), requestId: request.id },
    });
    await this.notifyPetitioners(manager, petition, request, handleDueAt, now);
    return clockVariables('handle', petition.decidedAt ?? now, handleDueAt);
  }

  /** Moves the open handling task's due date and its clock timers to the extended deadline. */
  async afterComplete({ petition, task }: StepContext, form: ApproveExtensionForm): Promise<void> {
    if (!form.approved || !petition.handleDueAt) return;
    const clock = clockVariables('handle', petition.decidedAt ?? petition.handleDueAt, petition.handleDueAt);
    const open = await this.camunda.queryTasks({ processInstanceId: task.processInstanceId, taskDefinitionKeyIn: HANDLING_STEPS });
    for (const handling of open) await this.camunda.setTaskDue(handling.id, petition.handleDueAt);
    const instants: Record<string, Date> = {
      remind: clock.handleRemindAt,
      supervise: clock.handleDueDate,
      discipline: clock.handleDisciplineAt,
    };
    for (const job of await this.camunda.timerJobs(task.processInstanceId)) {
      const match = /^(handle-petition|reply-petition)-(remind|supervise|discipline)-timer$/.exec(job.activityId);
      if (match) await this.camunda.setJobDue(job.id, instants[match[2]]);
    }
  }

  private async notifyPetitioners(
    manager: StepContext['manager'],
    petition: Petition,
    request: ExtensionRequest,
    dueAt: Date,
    now: Date,
  ): Promise<void> {
    const unit = petition.competentUnitCode ? await this.org.unit(petition.competentUnitCode) : undefined;
    const body = noticeText(Notice.extension, {
      number: petition.number,
      unitName: unit?.name ?? '承办单位',
      declineReason: null,
      replyOutcome: null,
      legalRoute: null,
      extension: { days: request.days, dueAt, reason: request.reason },
    });
    const petitioners = await manager.findBy(Petitioner, { petitionId: petition.id });
    if (petitioners.length === 0) return;
    await manager.insert(
      Notification,
      petitioners.map((p) => ({
        id: randomUUID(),
        petitionId: petition.id,
        petitionerId: p.id,
        kind: Notice.extension,
        channel: p.phoneCipher ? ('sms' as const) : ('letter' as const),
        body,
        status: 'pending' as const,
        createdAt: now,
        sentAt: null,
        idempotencyKey: `extension:${request.id}:${p.id}`,
      })),
    );
  }
}

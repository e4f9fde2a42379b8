import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import { IsNotBlank } from '../../common/is-not-blank';
import { Notice, Step } from '../../camunda/process-contract';
import { NotificationOutbox } from '../../notifications/notification-outbox';
import { PetitionLifecycle } from '../../petitions/lifecycle/petition-lifecycle';
import { EngineDeadlines } from '../../camunda/engine-deadlines';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import type { Petition } from '../../petitions/petition.entity';
import { recordEvent } from '../../petitions/timeline';
import { ExtensionRequest, ExtensionStatus } from '../extension/extension-request.entity';
import { In } from 'typeorm';
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

/** A request the engine started this approval for: confirmed, or not yet (its requester's process stopped in between). */
const WAITING: ExtensionStatus[] = ['opening', 'pending'];

/** 审批延期 (Art. 34): the unit head extends the handling period by the days asked, or refuses. */
@Injectable()
export class ApproveExtensionStep implements TaskStep<ApproveExtensionForm> {
  readonly keys = [Step.approveExtension];
  readonly form = ApproveExtensionForm;

  constructor(
    private readonly lifecycle: PetitionLifecycle,
    private readonly outbox: NotificationOutbox,
    private readonly deadlines: EngineDeadlines,
  ) {}

  async options({ manager, petition }: Omit<StepContext, 'task'>) {
    const request = await manager.findOneBy(ExtensionRequest, { petitionId: petition.id, status: In(WAITING) });
    return {
      request: request
        ? { days: request.days, reason: request.reason, requestedBy: request.requestedBy, requestedAt: request.requestedAt.toISOString() }
        : null,
      handleDueAt: petition.handleDueAt?.toISOString() ?? null,
    };
  }

  async apply({ manager, principal, petition, now }: StepContext, form: ApproveExtensionForm) {
    const request = await manager.findOneBy(ExtensionRequest, { petitionId: petition.id, status: In(WAITING) });
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
    const extended = await this.lifecycle.extend(manager, petition, request.days, {
      now,
      actor: principal.username,
      unitCode: principal.unitCode,
      // The head's own comment is the decision's note; the handler's reason stays with it, not in its place.
      note: form.reason ?? null,
      data: { requestId: request.id, requestReason: request.reason, requestedBy: request.requestedBy },
    });
    await manager.update(ExtensionRequest, { id: request.id }, { ...decided, status: 'approved' });
    await this.notifyPetitioners(manager, extended, request, now);
    return clockVariables('handle', extended.decidedAt ?? now, extended.handleDueAt!);
  }

  /** The open handling task and its timers move to the extended deadline, once the approval has committed. */
  async afterComplete({ petition, task }: StepContext, form: ApproveExtensionForm): Promise<void> {
    if (!form.approved || !petition.handleDueAt) return;
    await this.deadlines.move(task.processInstanceId, 'handle', clockVariables('handle', petition.decidedAt ?? petition.handleDueAt, petition.handleDueAt));
  }

  private async notifyPetitioners(manager: StepContext['manager'], petition: Petition, request: ExtensionRequest, now: Date): Promise<void> {
    await this.outbox.enqueue(manager, petition, {
      kind: Notice.extension,
      now,
      idempotencyKey: `extension:${request.id}`,
      facts: { extension: { days: request.days, dueAt: petition.handleDueAt!, reason: request.reason } },
    });
  }
}

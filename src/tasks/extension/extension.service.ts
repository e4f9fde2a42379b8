import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { Message, Step } from '../../camunda/process-contract';
import { Clock } from '../../clocks/clock';
import { deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { Transactions } from '../../database/transactions';
import { Petition } from '../../petitions/petition.entity';
import { recordEvent } from '../../petitions/timeline';
import { TaskIndexService } from '../index/task-index.service';
import { TasksService } from '../tasks.service';
import type { ExtensionRequestDto } from './extension-request.dto';
import { ExtensionRequest } from './extension-request.entity';
import { AuditLog } from '../../audit/audit-log.service';

const EXTENDABLE: string[] = [Step.handlePetition, Step.replyPetition];

export const ALREADY_EXTENDED = new LocalizedHttpError(409, {
  'zh-CN': '本件办理期限已延长过一次，不得再次延期（信访工作条例 第三十四条）',
  en: 'The handling period of this petition was extended once already; it cannot be extended again (Art. 34)',
});

/**
 * Art. 34: a matter that cannot be concluded in 60 days may, with the unit head's approval, be
 * extended by at most 30 days, once, and the petitioner is told why. The handler asks here; the unit
 * head answers in the approve-extension task the request starts in the unit's process.
 */
@Injectable()
export class ExtensionService {
  constructor(
    private readonly tasks: TasksService,
    private readonly camunda: CamundaRestClient,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly index: TaskIndexService,
    private readonly audit: AuditLog,
  ) {}

  async request(principal: Principal, taskId: string, dto: ExtensionRequestDto): Promise<ExtensionRequest> {
    const task = await this.tasks.offeredTask(principal, taskId);
    if (!EXTENDABLE.includes(task.taskDefinitionKey)) {
      throw new LocalizedHttpError(409, {
        'zh-CN': '只有受理后办理中的事项可以申请延期',
        en: 'Only an accepted matter being handled can have its handling period extended',
      });
    }
    const petitionId = await this.tasks.petitionIdOf(task);
    const request = await this.tx.write(async (manager) => {
      const petition = await manager.findOneByOrFail(Petition, { id: petitionId });
      if (petition.extensionDays > 0) throw ALREADY_EXTENDED;
      if (await manager.existsBy(ExtensionRequest, { petitionId, status: 'pending', decidedAt: IsNull() })) {
        throw new LocalizedHttpError(409, {
          'zh-CN': '已有一份延期申请等待单位负责人审批',
          en: 'A request to extend is already waiting for the unit head',
        });
      }
      const now = this.clock.now();
      const created: ExtensionRequest = {
        id: randomUUID(),
        petitionId,
        unitCode: principal.unitCode,
        days: dto.days,
        reason: dto.reason,
        requestedBy: principal.username,
        requestedAt: now,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      };
      await manager.insert(ExtensionRequest, created);
      await recordEvent(manager, {
        petitionId,
        kind: 'extension-requested',
        occurredAt: now,
        unitCode: principal.unitCode,
        actor: principal.username,
        note: dto.reason,
        data: { days: dto.days, requestId: created.id },
      });
      // Inside the transaction: if the engine refuses, the request is not recorded either.
      await this.camunda.correlateMessage(Message.extensionRequested, task.processInstanceId, {
        extensionRequestId: created.id,
        ...clockVariables('approval', now, deadlineFor('extensionApproval', now)),
      });
      await this.audit.recordRequest(manager);
      return created;
    });
    await this.index.syncPetition(petitionId);
    return request;
  }
}

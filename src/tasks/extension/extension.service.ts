import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { Message, Step } from '../../camunda/process-contract';
import { Clock } from '../../clocks/clock';
import { deadlineFor } from '../../clocks/deadline';
import { clockVariables } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { outageOf } from '../../common/outage';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { assertExtendable } from '../../petitions/lifecycle/petition-lifecycle';
import { PeriodicJobs } from '../../scheduling/periodic-jobs';
import { Transactions } from '../../database/transactions';
import { recordEvent } from '../../petitions/timeline';
import { TaskIndexService } from '../index/task-index.service';
import { TasksService } from '../tasks.service';
import type { ExtensionRequestDto } from './extension-request.dto';
import { ExtensionRequest } from './extension-request.entity';
import { AuditLog } from '../../audit/audit-log.service';
import { PetitionRepository } from '../../petitions/petition.repository';

const EXTENDABLE: string[] = [Step.handlePetition, Step.replyPetition];

/** Younger "opening" requests belong to a request still under way. */
const SETTLED_MS = 30_000;

/**
 * Art. 34: a matter that cannot be concluded in 60 days may, with the unit head's approval, be
 * extended by at most 30 days, once, and the petitioner is told why. The handler asks here; the unit
 * head answers in the approve-extension task the request starts in the unit's process.
 */
@Injectable()
export class ExtensionService implements OnApplicationBootstrap {
  constructor(
    private readonly tasks: TasksService,
    private readonly camunda: CamundaRestClient,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly index: TaskIndexService,
    private readonly audit: AuditLog,
    private readonly petitions: PetitionRepository,
    private readonly dataSource: DataSource,
    private readonly jobs: PeriodicJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const now = this.clock.now();
    // The request is recorded as being opened before the engine is told, and confirmed after: no
    // engine call inside the transaction, and the recovery settles one left half-way.
    const opened = await this.tx.write(async (manager) => {
      const petition = await this.petitions.lockForUpdate(manager, petitionId);
      assertExtendable(petition);
      if (await manager.existsBy(ExtensionRequest, { petitionId, status: In(['opening', 'pending']), decidedAt: IsNull() })) {
        throw new LocalizedHttpError(409, {
          'zh-CN': '已有一份延期申请等待单位负责人审批',
          en: 'A request to extend is already waiting for the unit head',
        });
      }
      const created: ExtensionRequest = {
        id: randomUUID(),
        petitionId,
        unitCode: principal.unitCode,
        days: dto.days,
        reason: dto.reason,
        requestedBy: principal.username,
        requestedAt: now,
        status: 'opening',
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      };
      await manager.insert(ExtensionRequest, created);
      return created;
    });
    try {
      await this.camunda.correlateMessage(Message.extensionRequested, task.processInstanceId, {
        extensionRequestId: opened.id,
        ...clockVariables('approval', now, deadlineFor('extensionApproval', now)),
      });
    } catch (error) {
      // Refused: nothing happened. No answer: the recovery asks the engine whether it took it.
      if (!outageOf(error)) await this.tx.write((manager) => manager.delete(ExtensionRequest, { id: opened.id }));
      throw error;
    }
    const request = await this.tx.write((manager) => this.confirm(manager, opened));
    await this.index.syncPetition(petitionId);
    return request;
  }

  /** Opened and taken by the engine: waiting for the unit head, on the timeline, audited. */
  private async confirm(manager: EntityManager, opened: ExtensionRequest): Promise<ExtensionRequest> {
    await manager.update(ExtensionRequest, { id: opened.id, status: 'opening' }, { status: 'pending' });
    await recordEvent(manager, {
      petitionId: opened.petitionId,
      kind: 'extension-requested',
      occurredAt: opened.requestedAt,
      unitCode: opened.unitCode,
      actor: opened.requestedBy,
      note: opened.reason,
      data: { days: opened.days, requestId: opened.id },
      idempotencyKey: `extension-requested:${opened.id}`,
    });
    await this.audit.recordRequest(manager);
    return { ...opened, status: 'pending' };
  }

  /**
   * Requests left "opening" by a crash or an outage between the two transactions: confirmed when the
   * engine holds the approval they started, dropped when it does not.
   */
  async recover(): Promise<number> {
    const settled = new Date(this.clock.now().getTime() - SETTLED_MS);
    const left = await this.dataSource.manager.find(ExtensionRequest, { where: { status: 'opening', requestedAt: LessThan(settled) }, take: 100 });
    for (const opened of left) {
      const taken = await this.camunda.variableExists('extensionRequestId', opened.id);
      if (taken) await this.tx.write((manager) => this.confirm(manager, opened));
      else await this.tx.write((manager) => manager.delete(ExtensionRequest, { id: opened.id, status: 'opening' }));
      await this.index.syncPetition(opened.petitionId);
    }
    return left.length;
  }

  onApplicationBootstrap(): void {
    this.jobs.every('extension-request-recovery', this.config.repairSweepSeconds * 1000, () => this.recover());
  }
}

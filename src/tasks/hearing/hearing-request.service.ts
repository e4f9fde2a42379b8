import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { AuditLog } from '../../audit/audit-log.service';
import { CamundaRestClient } from '../../camunda/camunda-rest.client';
import { Message, Step, Var } from '../../camunda/process-contract';
import { Clock } from '../../clocks/clock';
import { STEP_CLOCKS } from '../../clocks/task-clock';
import { LocalizedHttpError } from '../../common/errors';
import { outageOf } from '../../common/outage';
import { Transactions } from '../../database/transactions';
import { Hearing, HearingStage } from '../../hearing/hearing.entity';
import { PetitionRepository } from '../../petitions/petition.repository';
import { recordEvent } from '../../petitions/timeline';
import { PetitionEvent } from '../../petitions/petition-event.entity';
import { TaskIndexService } from '../index/task-index.service';
import { TasksService } from '../tasks.service';
import type { HearingRequestDto } from './hearing-request.dto';

/** The steps a hearing may be held in, and the stage each is. */
const HEARING_STEPS: Record<string, HearingStage> = {
  [Step.handlePetition]: 'handling',
  [Step.decideReview]: 'review',
  [Step.decideReReview]: 're-review',
};

const NOT_HERE = new LocalizedHttpError(409, {
  'zh-CN': '听证可在调查核实、复查或复核阶段举行',
  en: 'A hearing is held while a matter is investigated, reviewed or re-reviewed',
});

const ALREADY_OPEN = new LocalizedHttpError(409, {
  'zh-CN': '本件已有一场听证正在进行，结束后才能再次听证',
  en: 'A hearing of this matter is under way; another can follow once it is concluded',
});

/**
 * 听证: the unit working on a step records that a hearing is to be held; the step's process starts
 * hearing.bpmn, which stops the step's clock until the hearing is concluded (Art. 36). The request is
 * written first and the process told after; a request the engine refuses is removed again.
 */
@Injectable()
export class HearingRequestService {
  constructor(
    private readonly tasks: TasksService,
    private readonly camunda: CamundaRestClient,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly index: TaskIndexService,
    private readonly audit: AuditLog,
    private readonly petitions: PetitionRepository,
    private readonly dataSource: DataSource,
  ) {}

  async request(principal: Principal, taskId: string, dto: HearingRequestDto): Promise<Hearing> {
    const task = await this.tasks.offeredTask(principal, taskId);
    const stage = HEARING_STEPS[task.taskDefinitionKey];
    if (!stage) throw NOT_HERE;
    const petitionId = await this.tasks.petitionIdOf(task);
    const now = this.clock.now();
    await this.dropUntaken(petitionId, now);
    const hearing = await this.tx.write(async (manager) => {
      await this.petitions.lockForUpdate(manager, petitionId);
      if (await manager.existsBy(Hearing, { petitionId, closedAt: IsNull() })) throw ALREADY_OPEN;
      const created = manager.create(Hearing, {
        id: randomUUID(),
        petitionId,
        stage,
        clock: STEP_CLOCKS[task.taskDefinitionKey],
        callerProcessInstanceId: task.processInstanceId,
        unitCode: principal.unitCode,
        initiatedBy: dto.initiatedBy,
        reason: dto.reason.trim(),
        requestedBy: principal.username,
        requestedAt: now,
        clockBefore: null,
        scheduledAt: null,
        place: null,
        presidingOfficer: null,
        public: null,
        closedReason: null,
        participants: null,
        representativeIds: null,
        minutes: null,
        conclusion: null,
        closedAt: null,
        resumedAt: null,
      });
      await manager.insert(Hearing, created);
      await recordEvent(manager, {
        petitionId,
        kind: 'hearing-requested',
        occurredAt: now,
        unitCode: principal.unitCode,
        actor: principal.username,
        note: created.reason,
        data: { hearingId: created.id, stage, initiatedBy: dto.initiatedBy },
        idempotencyKey: `hearing-requested:${created.id}`,
      });
      await this.audit.recordRequest(manager, { resourceId: created.id });
      return created;
    });
    try {
      await this.camunda.correlateMessage(Message.hearingRequested, task.processInstanceId, { [Var.hearingId]: hearing.id });
    } catch (error) {
      if (!outageOf(error)) {
        await this.tx.write(async (manager) => {
          await manager.delete(Hearing, { id: hearing.id });
          await manager.delete(PetitionEvent, { idempotencyKey: `hearing-requested:${hearing.id}` });
        });
      }
      throw error;
    }
    await this.index.syncPetition(petitionId);
    return hearing;
  }

  /**
   * A hearing written while the engine could not be told, and never taken by it, would block every
   * later one: one the engine holds no trace of a while later is removed, with its timeline entry.
   */
  private async dropUntaken(petitionId: string, now: Date): Promise<void> {
    const open = await this.dataSource.manager.findOneBy(Hearing, { petitionId, closedAt: IsNull(), clockBefore: IsNull() });
    if (!open || now.getTime() - open.requestedAt.getTime() < UNTAKEN_AFTER_MS) return;
    if (await this.camunda.variableExists(Var.hearingId, open.id)) return;
    await this.tx.write(async (manager) => {
      await manager.delete(Hearing, { id: open.id, clockBefore: IsNull() });
      await manager.delete(PetitionEvent, { idempotencyKey: `hearing-requested:${open.id}` });
    });
  }
}

/** How long the engine may take to start a hearing it was told of before its absence means it never was. */
const UNTAKEN_AFTER_MS = 30_000;

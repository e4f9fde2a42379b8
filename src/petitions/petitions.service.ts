import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { ProcessKey, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { allocatePetitionNumber, generateQueryCode, normalizeQueryCode } from './numbering';
import { canReadContent, canReadPetition } from './petition-access';
import { PetitionEvent } from './petition-event.entity';
import { Petition } from './petition.entity';
import { COLLECTIVE_MIN_PERSONS } from './petition.types';
import { petitionView, PetitionView } from './petition.view';
import { Petitioner } from './petitioner.entity';
import { recordEvent } from './timeline';

export interface CreatedPetition {
  id: string;
  number: string;
  queryCode: string;
  processInstanceId: string | null;
  status: string;
}

const NOT_FOUND = new LocalizedHttpError(404, {
  'zh-CN': '未找到该信访事项，或您无权查看',
  en: 'No such petition, or it is not visible to you',
});

const RETRY_START_MS = 60_000;

@Injectable()
export class PetitionsService implements OnModuleDestroy {
  private readonly logger = new Logger(PetitionsService.name);
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    @InjectRepository(PetitionEvent) private readonly events: Repository<PetitionEvent>,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly camunda: CamundaRestClient,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the intake and starts its `petition` process. The record is committed first: if the
   * engine is briefly unreachable nothing is lost, and startPendingProcesses() starts it later.
   */
  async create(principal: Principal, dto: CreatePetitionDto): Promise<CreatedPetition> {
    const region = await this.org.region(dto.regionCode);
    if (!region) {
      throw new ValidationFailedException([{ field: 'regionCode', code: 'unknownRegion', params: { value: dto.regionCode } }]);
    }
    const personCount = dto.personCount ?? 1;
    if (personCount < COLLECTIVE_MIN_PERSONS && dto.petitioners.length > personCount) {
      throw new ValidationFailedException([
        { field: 'petitioners', code: 'tooManyPetitioners', params: { count: dto.petitioners.length, personCount } },
      ]);
    }
    const receivingUnit = await this.org.unit(principal.unitCode);
    if (!receivingUnit) throw new Error(`The caller's unit ${principal.unitCode} does not exist`);
    const channel = receivingUnit.kind === 'agent-station' ? 'agent' : dto.channel;

    const now = this.clock.now();
    const queryCode = generateQueryCode();
    const petition = await this.tx.write(async (manager) => {
      const number = await allocatePetitionNumber(manager, receivingUnit.regionCode, yearInChina(now));
      const record = manager.create(Petition, {
        id: randomUUID(),
        number,
        queryCodeHash: this.cipher.hash(normalizeQueryCode(queryCode)),
        channel,
        category: dto.category,
        matterScope: dto.matterScope ?? 'county',
        subject: dto.subject.trim(),
        content: dto.content.trim(),
        regionCode: dto.regionCode,
        receivingUnitCode: receivingUnit.code,
        registeredBy: principal.username,
        competentUnitCode: null,
        status: 'received',
        collective: personCount >= COLLECTIVE_MIN_PERSONS,
        personCount,
        processInstanceId: null,
        receivedAt: now,
      });
      await manager.insert(Petition, record);
      await manager.insert(
        Petitioner,
        dto.petitioners.map((p, position) => ({
          id: randomUUID(),
          petitionId: record.id,
          position,
          name: p.name.trim(),
          idNumberCipher: this.cipher.encrypt(p.idNumber.toUpperCase()),
          idNumberHash: this.cipher.hash(p.idNumber),
          phoneCipher: p.phone ? this.cipher.encrypt(p.phone) : null,
          phoneHash: p.phone ? this.cipher.hash(p.phone) : null,
          addressCipher: p.address ? this.cipher.encrypt(p.address) : null,
        })),
      );
      await recordEvent(manager, {
        petitionId: record.id,
        kind: 'received',
        occurredAt: now,
        unitCode: receivingUnit.code,
        actor: principal.username,
        data: { channel },
      });
      return record;
    });

    const processInstanceId = await this.startProcess(petition).catch((error: unknown) => {
      this.logger.warn(`Petition ${petition.number} saved; its process will be started later: ${String(error)}`);
      return null;
    });
    return { id: petition.id, number: petition.number, queryCode, processInstanceId, status: petition.status };
  }

  /** Starts the process of a received petition once; safe to call again after a crash. */
  async startProcess(petition: Petition): Promise<string> {
    const running = await this.camunda.request<{ id: string }[]>(
      'GET',
      `/process-instance?businessKey=${encodeURIComponent(petition.number)}&processDefinitionKey=${ProcessKey.petition}`,
    );
    const instanceId =
      running[0]?.id ??
      (await this.camunda.startProcess(ProcessKey.petition, petition.number, { [Var.petitionId]: petition.id })).id;
    await this.petitions.update({ id: petition.id, processInstanceId: IsNull() }, { processInstanceId: instanceId });
    return instanceId;
  }

  async startPendingProcesses(): Promise<number> {
    const pending = await this.petitions.find({ where: { status: 'received', processInstanceId: IsNull() }, take: 100 });
    let started = 0;
    for (const petition of pending) {
      try {
        await this.startProcess(petition);
        started++;
      } catch (error) {
        this.logger.warn(`Could not start the process of ${petition.number}: ${String(error)}`);
        break;
      }
    }
    return started;
  }

  /** Keeps starting processes of petitions saved while the engine was down. */
  scheduleStartRetries(): void {
    this.retryTimer ??= setInterval(() => {
      this.startPendingProcesses().catch((error: unknown) => this.logger.warn(String(error)));
    }, RETRY_START_MS);
    this.retryTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
  }

  async findForCaller(principal: Principal, id: string): Promise<PetitionView> {
    const petition = await this.petitions.findOneBy({ id });
    if (!petition) throw NOT_FOUND;
    const events = await this.events.find({ where: { petitionId: id }, order: { occurredAt: 'ASC' } });
    const holders = events.filter((e) => e.kind === 'routed').map((e) => String(e.data?.to ?? ''));
    if (!(await canReadPetition(principal, petition, holders, this.org))) throw NOT_FOUND;
    const petitioners = await this.petitioners.findBy({ petitionId: id });
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    return petitionView({
      petition,
      petitioners,
      events,
      units,
      region: await this.org.region(petition.regionCode),
      showContent: canReadContent(principal, petition),
      cipher: this.cipher,
    });
  }

  async summaries(ids: string[]): Promise<Map<string, Petition>> {
    if (ids.length === 0) return new Map();
    const rows = await this.petitions.findBy({ id: In(ids) });
    return new Map(rows.map((p) => [p.id, p]));
  }
}

function yearInChina(moment: Date): number {
  return new Date(moment.getTime() + 8 * 3600_000).getUTCFullYear();
}

import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, In, IsNull, Repository } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { petitionNotFound } from '../access/access-denied';
import type { Principal } from '../auth/principal';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { ProcessKey, Var } from '../camunda/process-contract';
import { Clock } from '../clocks/clock';
import { ValidationFailedException } from '../common/errors';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { allocatePetitionNumber, generateQueryCode, normalizeQueryCode } from './numbering';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { DirectReport } from './direct-report.entity';
import { PetitionEvent } from './petition-event.entity';
import { Petition } from './petition.entity';
import { COLLECTIVE_MIN_PERSONS } from './petition.types';
import { PetitionListQueryDto } from './dto/petition-list-query.dto';
import { petitionView, PetitionView, unitRef, WITHHELD_CONTENT } from './petition.view';
import { Petitioner } from './petitioner.entity';
import { recordEvent } from './timeline';

export interface CreatedPetition {
  id: string;
  number: string;
  queryCode: string;
  processInstanceId: string | null;
  status: string;
  /** Set when the petition repeats a concluded matter (it will be answered "not accepted again"). */
  repeatOf?: string;
}

/** The same matter from the same petitioner while its case is open: recorded on that case. */
export interface RecordedRepeat {
  repeat: 'recorded-on-open-case';
  id: string;
  number: string;
  processInstanceId: string | null;
  status: string;
}

export interface PetitionPath {
  processKey: string;
  processInstanceId: string;
  /** Activities completed, in the order first entered. */
  passed: string[];
  /** Activities it waits at now. */
  current: string[];
}

export interface PetitionSummary {
  id: string;
  number: string;
  subject: string;
  category: string;
  status: string;
  receivedAt: string;
  region: { code: string; name: string };
  currentUnit: { code: string; name: string } | null;
}

const RETRY_START_MS = 60_000;

@Injectable()
export class PetitionsService implements OnModuleDestroy {
  private readonly logger = new Logger(PetitionsService.name);
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    @InjectRepository(PetitionEvent) private readonly events: Repository<PetitionEvent>,
    @InjectRepository(HandOver) private readonly handOvers: Repository<HandOver>,
    @InjectRepository(DirectReport) private readonly directReports: Repository<DirectReport>,
    @InjectRepository(SupervisionRecord) private readonly supervision: Repository<SupervisionRecord>,
    @InjectRepository(OpenTask) private readonly openTasks: Repository<OpenTask>,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly camunda: CamundaRestClient,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Records the intake and starts its `petition` process. The record is committed first: if the
   * engine is briefly unreachable nothing is lost, and startPendingProcesses() starts it later.
   */
  async create(principal: Principal, dto: CreatePetitionDto): Promise<CreatedPetition | RecordedRepeat> {
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
    const receivingUnit = await this.entryUnit(principal, dto);
    const channel = receivingUnit.kind === 'agent-station' ? 'agent' : dto.channel;
    const entryLevel = await this.org.levelOf(receivingUnit);
    const idHashes = dto.petitioners.map((p) => this.cipher.hash(p.idNumber));
    const matterKey = this.cipher.hash(`${dto.category}|${dto.regionCode}|${normalizeSubject(dto.subject)}`);
    const earlier = await this.findSameMatter(dto.repeatOf, matterKey, idHashes);
    const now = this.clock.now();

    if (earlier && earlier.status !== 'closed') {
      // Same petitioner, same matter, case still open: no second case, the visit goes on the open one.
      await this.tx.write((manager) =>
        recordEvent(manager, {
          petitionId: earlier.id,
          kind: 'repeat',
          occurredAt: now,
          unitCode: receivingUnit.code,
          actor: principal.username,
          note: '同一信访人就同一事项再次信访，案件仍在办理中',
          data: { channel, entryLevel },
        }),
      );
      return {
        repeat: 'recorded-on-open-case',
        id: earlier.id,
        number: earlier.number,
        processInstanceId: earlier.processInstanceId,
        status: earlier.status,
      };
    }

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
        competentUnitCode: receivingUnit.code,
        holderSince: now,
        status: 'received',
        collective: personCount >= COLLECTIVE_MIN_PERSONS,
        personCount,
        processInstanceId: null,
        receivedAt: now,
        entryLevel,
        matterKey,
        repeatOfId: earlier ? (earlier.repeatOfId ?? earlier.id) : null,
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
          idNumberHash: idHashes[position],
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
        data: { channel, entryLevel, ...(earlier ? { repeatOf: earlier.number } : {}) },
      });
      return record;
    });

    const processInstanceId = await this.startProcess(petition).catch((error: unknown) => {
      this.logger.warn(`Petition ${petition.number} saved; its process will be started later: ${String(error)}`);
      return null;
    });
    return {
      id: petition.id,
      number: petition.number,
      queryCode,
      processInstanceId,
      status: petition.status,
      ...(earlier ? { repeatOf: earlier.number } : {}),
    };
  }

  /**
   * Where the petition enters: online and phone petitions at the petition office of the region they
   * concern, everything else at the registering unit (a village agent station files by proxy).
   */
  private async entryUnit(principal: Principal, dto: CreatePetitionDto) {
    if (dto.channel === 'online' || dto.channel === 'phone') return this.org.petitionOfficeFor(dto.regionCode);
    const unit = await this.org.unit(principal.unitCode);
    if (!unit) throw new Error(`The caller's unit ${principal.unitCode} does not exist`);
    return unit;
  }

  /**
   * The earlier case of the same matter from one of these petitioners: the one the registrar
   * names, or one with the same category, region and subject.
   */
  private async findSameMatter(repeatOf: string | undefined, matterKey: string, idHashes: string[]): Promise<Petition | null> {
    const samePerson = this.petitions
      .createQueryBuilder('p')
      .innerJoin(Petitioner, 'pp', 'pp.petitionId = p.id')
      .where('pp.idNumberHash IN (:...idHashes)', { idHashes });
    if (repeatOf) {
      const named = await samePerson.clone().andWhere('p.number = :number', { number: repeatOf.trim().toUpperCase() }).getOne();
      if (!named) {
        throw new ValidationFailedException([{ field: 'repeatOf', code: 'unknownRepeat', params: { value: repeatOf } }]);
      }
      return named;
    }
    return samePerson.andWhere('p.matterKey = :matterKey', { matterKey }).orderBy('p.receivedAt', 'DESC').getOne();
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

  /**
   * The way the petition has gone through its processes so far: for the root process and each unit's
   * called process, the activities passed and the ones it waits at now (for the diagram on the task page).
   */
  async pathForCaller(principal: Principal, id: string): Promise<PetitionPath[]> {
    const petition = await this.petitions.findOneBy({ id });
    if (!petition) throw petitionNotFound(id);
    const handOvers = await this.handOvers.findBy({ petitionId: id });
    const holders = handOvers.flatMap((h) => [h.toUnitCode, h.fromUnitCode ?? '']);
    if (!(await this.access.canReadPetition(principal, petition, holders))) throw petitionNotFound(id);
    if (!petition.processInstanceId) return [];
    const called = await this.camunda.request<{ id: string }[]>(
      'GET',
      `/history/process-instance?superProcessInstanceId=${encodeURIComponent(petition.processInstanceId)}&sortBy=startTime&sortOrder=asc`,
    );
    const paths: PetitionPath[] = [];
    for (const instanceId of [petition.processInstanceId, ...called.map((c) => c.id)]) {
      const activities = await this.camunda.request<{ activityId: string; activityType: string; endTime: string | null; processDefinitionKey: string }[]>(
        'GET',
        `/history/activity-instance?processInstanceId=${encodeURIComponent(instanceId)}&sortBy=startTime&sortOrder=asc&maxResults=1000`,
      );
      if (activities.length === 0) continue;
      paths.push({
        processKey: activities[0].processDefinitionKey,
        processInstanceId: instanceId,
        passed: [...new Set(activities.filter((a) => a.endTime).map((a) => a.activityId))],
        current: [...new Set(activities.filter((a) => !a.endTime && a.activityType !== 'processDefinition').map((a) => a.activityId))],
      });
    }
    return paths;
  }

  async findForCaller(principal: Principal, id: string): Promise<PetitionView> {
    const petition = await this.petitions.findOneBy({ id });
    if (!petition) throw petitionNotFound(id);
    const [events, handOvers] = await Promise.all([
      this.events.find({ where: { petitionId: id }, order: { occurredAt: 'ASC' } }),
      this.handOvers.find({ where: { petitionId: id }, order: { seq: 'ASC' } }),
    ]);
    const holders = handOvers.flatMap((h) => [h.toUnitCode, h.fromUnitCode ?? '']);
    if (!(await this.access.canReadPetition(principal, petition, holders))) throw petitionNotFound(id);
    const [petitioners, directReports, supervision, openTasks, earlier] = await Promise.all([
      this.petitioners.findBy({ petitionId: id }),
      this.directReports.findBy({ petitionId: id }),
      this.supervision.find({ where: { petitionId: id }, order: { issuedAt: 'ASC' } }),
      this.openTasks.find({ where: { petitionId: id }, order: { due: 'ASC' } }),
      petition.repeatOfId ? this.petitions.findOneBy({ id: petition.repeatOfId }) : null,
    ]);
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    return petitionView({
      petition,
      petitioners,
      events,
      handOvers,
      directReports,
      supervision,
      openTasks,
      repeatOfNumber: earlier?.number ?? null,
      units,
      region: await this.org.region(petition.regionCode),
      showContent: await this.access.canReadContent(principal, petition),
      showPersonalData: this.access.seesPersonalData(principal, petition),
      cipher: this.cipher,
    });
  }

  /** The petitions the caller may see (AccessPolicy.scope), newest first. */
  async listForCaller(principal: Principal, query: PetitionListQueryDto): Promise<{ total: number; items: PetitionSummary[] }> {
    const scope = await this.access.scope(principal);
    if (!scope) return { total: 0, items: [] };
    const params = { unit: scope.unitCode, user: scope.username };
    const qb = this.petitions.createQueryBuilder('p').where(
      new Brackets((visible) => {
        visible
          .where('p.receivingUnitCode = :unit', params)
          .orWhere('p.registeredBy = :user', params)
          .orWhere('p.competentUnitCode = :unit', params)
          .orWhere(
            'EXISTS (SELECT 1 FROM hand_over h WHERE h.petitionId = p.id AND (h.toUnitCode = :unit OR h.fromUnitCode = :unit))',
            params,
          );
        if (scope.regionCodes.length > 0) visible.orWhere('p.regionCode IN (:...regions)', { regions: scope.regionCodes });
      }),
    );
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.category) qb.andWhere('p.category = :category', { category: query.category });
    if (query.number) qb.andWhere('p.number = :number', { number: query.number.trim().toUpperCase() });
    const [rows, total] = await qb
      .orderBy('p.receivedAt', 'DESC')
      .skip(query.firstResult ?? 0)
      .take(query.maxResults ?? 50)
      .getManyAndCount();
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const items: PetitionSummary[] = [];
    for (const p of rows) {
      items.push({
        id: p.id,
        number: p.number,
        subject: (await this.access.canReadContent(principal, p)) ? p.subject : WITHHELD_CONTENT,
        category: p.category,
        status: p.status,
        receivedAt: p.receivedAt.toISOString(),
        region: { code: p.regionCode, name: (await this.org.region(p.regionCode))?.name ?? p.regionCode },
        currentUnit: unitRef(p.competentUnitCode, units),
      });
    }
    return { total, items };
  }

  async summaries(ids: string[]): Promise<Map<string, Petition>> {
    if (ids.length === 0) return new Map();
    const rows = await this.petitions.findBy({ id: In(ids) });
    return new Map(rows.map((p) => [p.id, p]));
  }
}

/** Case, spaces and punctuation do not make a different matter. */
function normalizeSubject(subject: string): string {
  return subject.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

function yearInChina(moment: Date): number {
  return new Date(moment.getTime() + 8 * 3600_000).getUTCFullYear();
}

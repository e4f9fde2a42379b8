import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';
import { AuditLog } from '../audit/audit-log.service';
import { canonicalJson } from '../audit/audit-chain';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { petitionerNameHash } from './name-hash';
import { isUniqueViolation } from '../database/errors';
import { Transactions } from '../database/transactions';
import { OrgService } from '../org/org.service';
import { CreatePetitionDto } from './dto/create-petition.dto';
import { allocatePetitionNumber, generateQueryCode, normalizeQueryCode } from './numbering';
import { IntakeRequest } from './intake-request.entity';
import { ProcessStarter } from './process-starter.service';
import { Petition } from './petition.entity';
import { PetitionRepository } from './petition.repository';
import { COLLECTIVE_MIN_PERSONS, type Channel, type ReviewStage } from './petition.types';
import { requestWindowOf } from './lifecycle/request-window';
import { chinaDate } from '../clocks/deadline';
import { Petitioner } from './petitioner.entity';
import { IntakePacer } from './intake-pacer';
import type { Unit } from '../org/unit.entity';
import type { Level } from '../org/org.types';
import { recordEvent } from './timeline';
import { currentRequest } from '../common/request-context';

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
  /** A reply or review opinion was served and its request window is open: the petitioner may ask for a (re-)review. */
  reviewGuidance?: { stage: ReviewStage; closesAt: string; article: string };
}

const IDEMPOTENCY_KEY_REUSED = new LocalizedHttpError(422, {
  'zh-CN': '该幂等键（Idempotency-Key）已用于另一份不同的登记请求；新的登记请使用新的键',
  en: 'This Idempotency-Key was used for a different registration; use a new key for a new registration',
});
const IDEMPOTENCY_IN_FLIGHT = new LocalizedHttpError(409, {
  'zh-CN': '同一登记请求正在处理中，请稍后用同一幂等键重试',
  en: 'The same registration is being processed; retry shortly with the same Idempotency-Key',
});

@Injectable()
/**
 * 登记: records a petition at the desk — its number and one-time query code, its petitioners
 * (personal data encrypted), the intake rules (a repeat on an open case, a concluded repeat) — and
 * starts its process. Retried requests with an Idempotency-Key get their first answer back.
 */
@Injectable()
export class PetitionIntake {
  private readonly logger = new Logger(PetitionIntake.name);

  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(IntakeRequest) private readonly intakeRequests: Repository<IntakeRequest>,
    private readonly tx: Transactions,
    private readonly org: OrgService,
    private readonly cipher: PersonalDataCipher,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly starter: ProcessStarter,
    private readonly pacer: IntakePacer,
  ) {}

  /**
   * Records the intake and starts its `petition` process. The record is committed first: if the
   * engine is briefly unreachable nothing is lost, and startPendingProcesses() starts it later.
   */
  async create(principal: Principal, dto: CreatePetitionDto, idempotencyKey?: string): Promise<CreatedPetition | RecordedRepeat> {
    const requestHash = createHash('sha256').update(canonicalJson(dto)).digest('hex');
    if (idempotencyKey) {
      const replay = await this.replay(principal, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    try {
      return await this.record(principal, dto, idempotencyKey ? { key: idempotencyKey, requestHash } : null);
    } catch (error) {
      // The same key sent twice at once: the other request committed first; answer as it did.
      if (idempotencyKey && isUniqueViolation(error)) {
        const replay = await this.replay(principal, idempotencyKey, requestHash);
        if (replay) return replay;
        throw IDEMPOTENCY_IN_FLIGHT;
      }
      throw error;
    }
  }

  private async record(
    principal: Principal,
    dto: CreatePetitionDto,
    idempotency: { key: string; requestHash: string } | null,
  ): Promise<CreatedPetition | RecordedRepeat> {
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
    const sameMatter = await this.findSameMatter(dto.repeatOf, matterKey, idHashes);
    // New facts or reasons make a new case, whatever became of the earlier one (Art. 36 speaks of the same facts and reasons).
    const newFacts = dto.newFactsOrReasons?.trim() || null;
    const earlier = newFacts ? null : sameMatter;
    const now = this.clock.now();

    if (earlier && earlier.status !== 'closed' && earlier.status !== 'concluded') {
      // Same petitioner, same matter, case still open: no second case, the visit goes on the open one,
      // with the review the petitioner may still ask for (Art. 35, 36) when its window is open.
      const guidance = await this.reviewGuidance(earlier, now);
      await this.tx.write(async (manager) => {
        await recordEvent(manager, {
          petitionId: earlier.id,
          kind: 'repeat',
          occurredAt: now,
          unitCode: receivingUnit.code,
          actor: principal.username,
          note: guidance
            ? `同一信访人就同一事项再次信访；已告知可于 ${chinaDate(new Date(guidance.closesAt))} 前申请${guidance.stage === 'review' ? '复查' : '复核'}（${guidance.article}）`
            : '同一信访人就同一事项再次信访，案件仍在办理中',
          data: { channel, entryLevel, ...(guidance ? { reviewGuidance: guidance } : {}) },
        });
        if (idempotency) await this.rememberRequest(manager, principal, idempotency, 'repeat', earlier.id, null);
        await this.audit.recordRequest(manager, { resourceId: earlier.id, detail: { repeat: 'recorded-on-open-case' } });
      });
      return {
        repeat: 'recorded-on-open-case',
        id: earlier.id,
        number: earlier.number,
        processInstanceId: earlier.processInstanceId,
        status: earlier.status,
        ...(guidance ? { reviewGuidance: guidance } : {}),
      };
    }

    const release = await this.pacer.admit();
    try {
      return await this.recordNew(principal, dto, idempotency, {
        receivingUnit,
        channel,
        entryLevel,
        personCount,
        idHashes,
        matterKey,
        sameMatter,
        earlier,
        newFacts,
        now,
      });
    } finally {
      release();
    }
  }

  /** A new case: its number, its records in one transaction, then its process. */
  private async recordNew(
    principal: Principal,
    dto: CreatePetitionDto,
    idempotency: { key: string; requestHash: string } | null,
    intake: IntakeFacts,
  ): Promise<CreatedPetition> {
    const { receivingUnit, channel, entryLevel, personCount, idHashes, matterKey, sameMatter, earlier, newFacts, now } = intake;
    const queryCode = generateQueryCode();
    const county = await this.org.countyCodeOf(receivingUnit.regionCode);
    // The number is drawn on its own, committed at once: its counter row is then locked for one
    // statement instead of the whole registration, which made registrations of a county take turns.
    // A registration that fails after drawing leaves a gap, which the audit log then accounts for.
    const number = await this.tx.alone((manager) => allocatePetitionNumber(manager, county, yearInChina(now)));
    const petition = await this.writeRegistration(principal, number, async (manager) => {
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
      await this.petitions.insert(manager, record);
      await manager.insert(
        Petitioner,
        dto.petitioners.map((p, position) => ({
          id: randomUUID(),
          petitionId: record.id,
          position,
          name: p.name.trim(),
          nameHash: petitionerNameHash(this.cipher, p.name),
          idNumberCipher: this.cipher.encrypt(p.idNumber.toUpperCase()),
          idNumberHash: idHashes[position],
          phoneCipher: p.phone ? this.cipher.encrypt(p.phone) : null,
          phoneHash: p.phone ? this.cipher.hash(p.phone) : null,
          addressCipher: p.address ? this.cipher.encrypt(p.address) : null,
          emailCipher: p.email ? this.cipher.encrypt(p.email.trim()) : null,
          contactPreference: p.contactPreference ?? null,
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
      if (newFacts) {
        await recordEvent(manager, {
          petitionId: record.id,
          kind: 'new-facts',
          occurredAt: now,
          unitCode: receivingUnit.code,
          actor: principal.username,
          note: newFacts,
          data: sameMatter ? { earlier: sameMatter.number } : null,
        });
      }
      if (idempotency) await this.rememberRequest(manager, principal, idempotency, 'created', record.id, queryCode);
      // Last, so the audit log's head row is locked only for the commit.
      await this.audit.recordRequest(manager, { resourceId: record.id });
      return record;
    });

    const processInstanceId = await this.starter.start(petition, { justRecorded: true }).catch((error: unknown) => {
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

  /** Runs the registration's transaction; if it fails, the drawn number is recorded as unused. */
  private async writeRegistration<T>(principal: Principal, number: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.write(work);
    } catch (error) {
      await this.audit
        .record({
          actor: principal.username,
          unitCode: principal.unitCode,
          ip: currentRequest()?.caller().ip ?? null,
          action: 'petition.number-unused',
          outcome: 'failure',
          resourceType: 'petition-number',
          resourceId: number,
          detail: { reason: error instanceof Error ? error.name : 'unknown' },
        })
        .catch((auditError: unknown) => this.logger.error(`Petition number ${number} unused and not audited: ${String(auditError)}`));
      throw error;
    }
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

  /** The review the petitioner may still ask for on a replied or reviewed case, while its window is open. */
  private async reviewGuidance(petition: Petition, now: Date): Promise<RecordedRepeat['reviewGuidance']> {
    const window = await requestWindowOf(this.petitions.readManager(), petition);
    if (!window || petition.status === 'concluded' || now > window.closesAt) return undefined;
    return { stage: window.stage, closesAt: window.closesAt.toISOString(), article: window.article };
  }

  /**
   * The earlier case of the same matter from one of these petitioners: the one the registrar
   * names, or one with the same category, region and subject.
   */
  private async findSameMatter(repeatOf: string | undefined, matterKey: string, idHashes: string[]): Promise<Petition | null> {
    if (!repeatOf) return this.petitions.sameMatter(idHashes, { matterKey });
    const named = await this.petitions.sameMatter(idHashes, { number: repeatOf.trim().toUpperCase() });
    if (!named) throw new ValidationFailedException([{ field: 'repeatOf', code: 'unknownRepeat', params: { value: repeatOf } }]);
    return named;
  }


  /**
   * The first answer to a request made with this Idempotency-Key, if there was one: the same
   * petition and query code, and nothing recorded again. The same key on a different request is refused.
   */
  private async replay(principal: Principal, key: string, requestHash: string): Promise<CreatedPetition | RecordedRepeat | null> {
    const earlier = await this.intakeRequests.findOneBy({ actor: principal.username, idempotencyKey: key });
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) throw IDEMPOTENCY_KEY_REUSED;
    const petition = await this.petitions.require(undefined, earlier.petitionId);
    await this.tx.write((manager) => this.audit.recordRequest(manager, { resourceId: petition.id, detail: { replayed: true } }));
    const base = { id: petition.id, number: petition.number, processInstanceId: petition.processInstanceId, status: petition.status };
    if (earlier.outcome === 'repeat') return { repeat: 'recorded-on-open-case', ...base };
    const repeatOf = petition.repeatOfId ? (await this.petitions.find(petition.repeatOfId))?.number : undefined;
    return { ...base, queryCode: this.cipher.decrypt(earlier.queryCodeCipher!), ...(repeatOf ? { repeatOf } : {}) };
  }

  private async rememberRequest(
    manager: EntityManager,
    principal: Principal,
    idempotency: { key: string; requestHash: string },
    outcome: IntakeRequest['outcome'],
    petitionId: string,
    queryCode: string | null,
  ): Promise<void> {
    await manager.insert(IntakeRequest, {
      id: randomUUID(),
      actor: principal.username,
      idempotencyKey: idempotency.key,
      requestHash: idempotency.requestHash,
      outcome,
      petitionId,
      queryCodeCipher: queryCode === null ? null : this.cipher.encrypt(queryCode),
      createdAt: this.clock.now(),
    });
  }
}

/** What the intake rules found before a new case is recorded; `now` is when the request arrived (the petition's receipt). */
interface IntakeFacts {
  receivingUnit: Unit;
  channel: Channel;
  entryLevel: Level;
  personCount: number;
  idHashes: string[];
  matterKey: string;
  sameMatter: Petition | null;
  earlier: Petition | null;
  newFacts: string | null;
  now: Date;
}

function normalizeSubject(subject: string): string {
  return subject.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

function yearInChina(moment: Date): number {
  return new Date(moment.getTime() + 8 * 3600_000).getUTCFullYear();
}

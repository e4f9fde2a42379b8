import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AccessPolicy, WITHHELD_CONTENT } from '../access/access-policy';
import { petitionNotFound } from '../access/access-denied';
import type { Principal } from '../auth/principal';
import { CamundaRestClient } from '../camunda/camunda-rest.client';
import { PersonalDataCipher } from '../crypto/personal-data.cipher';
import { OrgService } from '../org/org.service';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { DirectReport } from '../petitions/direct-report.entity';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { PetitionRepository, PetitionSearchFilter } from '../petitions/petition.repository';
import { petitionerNameHash } from '../petitions/name-hash';
import { maskName } from '../crypto/masking';
import { Clock } from '../clocks/clock';
import { PetitionListQueryDto } from './dto/petition-list-query.dto';
import { tokenScope } from '../common/search-tokens';
import { peopleOf, petitionView, PetitionView, unitRef } from './petition.view';
import { Petitioner } from '../petitions/petitioner.entity';
import type { Petition } from '../petitions/petition.entity';
import { PetitionRating } from '../rating/petition-rating.entity';
import { PetitionReview } from '../review/petition-review.entity';
import { Hearing } from '../hearing/hearing.entity';
import { RepresentativeOpinion } from '../representatives/representative-opinion.entity';
import { PublicRepresentative } from '../representatives/public-representative.entity';
import { LocalizedHttpError } from '../common/errors';
import { User } from '../auth/user.entity';

const RECORDING_REFUSED = new LocalizedHttpError(403, {
  'zh-CN': '评价和复查申请由登记人员代为记录',
  en: 'Ratings and review requests are taken down by registrars',
});

const PETITIONER_SEARCH_REFUSED = new LocalizedHttpError(403, {
  'zh-CN': '只有能查看信访人身份信息的登记、承办人员可以按姓名或身份证号检索',
  en: 'Only registrars and handlers who see petitioners’ personal data may search by name or ID number',
});

const RECEIVED_RANGE_EMPTY = new LocalizedHttpError(400, {
  'zh-CN': '登记日期的起始不能晚于截止',
  en: 'The received-from date must not be after the received-to date',
});

const CASE_WORK_REFUSED = new LocalizedHttpError(403, {
  'zh-CN': '只有承办或复查（复核）本件的单位的经办人、负责人可以邀请群众代表或记录其意见',
  en: 'Only the handlers and heads of the unit handling or reviewing this case invite representatives or record their opinions',
});

/** The units that held a case or reviewed it: they may read it (AccessPolicy.canReadPetition). */
function holdersOf(handOvers: HandOver[], reviews: PetitionReview[]): string[] {
  return [
    ...handOvers.flatMap((h) => [h.toUnitCode, h.fromUnitCode ?? '']),
    ...reviews.flatMap((r) => (r.openedAt && r.reviewingUnitCode ? [r.reviewingUnitCode] : [])),
  ];
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
  channel: string;
  /** The tier where it came in. */
  tier: string | null;
  /** The first petitioner's name, masked unless the caller sees personal data in clear. */
  petitioner: string;
  /** The nearest deadline of its open steps (ISO 8601), or null. */
  due: string | null;
  overdue: boolean;
  repeat: boolean;
  collective: boolean;
  levelSkip: boolean;
}

/** Reading petitions: the case, its path through the processes, and the lists, each within the caller's reach. */
@Injectable()
export class PetitionQueries {
  constructor(
    private readonly petitions: PetitionRepository,
    @InjectRepository(Petitioner) private readonly petitioners: Repository<Petitioner>,
    @InjectRepository(PetitionEvent) private readonly events: Repository<PetitionEvent>,
    @InjectRepository(HandOver) private readonly handOvers: Repository<HandOver>,
    @InjectRepository(DirectReport) private readonly directReports: Repository<DirectReport>,
    @InjectRepository(SupervisionRecord) private readonly supervision: Repository<SupervisionRecord>,
    @InjectRepository(OpenTask) private readonly openTasks: Repository<OpenTask>,
    private readonly org: OrgService,
    private readonly camunda: CamundaRestClient,
    private readonly cipher: PersonalDataCipher,
    private readonly access: AccessPolicy,
    @InjectRepository(PetitionRating) private readonly ratings: Repository<PetitionRating>,
    @InjectRepository(PetitionReview) private readonly reviews: Repository<PetitionReview>,
    @InjectRepository(Hearing) private readonly hearings: Repository<Hearing>,
    @InjectRepository(RepresentativeOpinion) private readonly opinions: Repository<RepresentativeOpinion>,
    @InjectRepository(PublicRepresentative) private readonly representatives: Repository<PublicRepresentative>,
    private readonly clock: Clock,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** A petition the caller may read (AccessPolicy.canReadPetition); otherwise a 404 that does not say whether it exists. */
  async requireReadable(principal: Principal, id: string): Promise<Petition> {
    const petition = await this.petitions.find(id);
    if (!petition) throw petitionNotFound(id);
    const holders = holdersOf(await this.handOvers.findBy({ petitionId: id }), await this.reviews.findBy({ petitionId: id }));
    if (!(await this.access.canReadPetition(principal, petition, holders))) throw petitionNotFound(id);
    return petition;
  }

  /** A petition whose handling or review the caller works on; otherwise 404, or 403 for a role that does not. */
  async requireForCaseWork(principal: Principal, id: string): Promise<Petition> {
    const petition = await this.petitions.find(id);
    if (!petition) throw petitionNotFound(id);
    const reviews = await this.reviews.findBy({ petitionId: id });
    const holders = holdersOf(await this.handOvers.findBy({ petitionId: id }), reviews);
    if (!(await this.access.canReadPetition(principal, petition, holders))) throw petitionNotFound(id);
    const reviewing = reviews.filter((r) => r.openedAt && !r.decidedAt).map((r) => r.reviewingUnitCode!);
    if (!this.access.worksOnCase(principal, petition, reviewing)) throw CASE_WORK_REFUSED;
    return petition;
  }

  /**
   * A petition the caller may read and on which they take down what a petitioner says by phone or in
   * person (a rating, a review request); otherwise 404, or 403 for a role that does not take it down.
   */
  async requireForRecording(principal: Principal, id: string): Promise<Petition> {
    const petition = await this.requireReadable(principal, id);
    if (!this.access.recordsForPetitioners(principal)) throw RECORDING_REFUSED;
    return petition;
  }

  /**
   * The way the petition has gone through its processes so far: for the root process and each unit's
   * called process, the activities passed and the ones it waits at now (for the diagram on the task page).
   */
  async pathForCaller(principal: Principal, id: string): Promise<PetitionPath[]> {
    const petition = await this.requireReadable(principal, id);
    if (!petition.processInstanceId) return [];
    // Every instance the petition's process called, and those they called in turn (a hearing from a review).
    const instances = [petition.processInstanceId];
    for (let i = 0; i < instances.length; i++) {
      for (const called of await this.camunda.calledProcessInstances(instances[i])) instances.push(called.id);
    }
    const paths: PetitionPath[] = [];
    for (const instanceId of instances) {
      const activities = await this.camunda.activityInstances(instanceId);
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
    const petition = await this.petitions.find(id);
    if (!petition) throw petitionNotFound(id);
    const [events, handOvers, reviews] = await Promise.all([
      this.events.find({ where: { petitionId: id }, order: { occurredAt: 'ASC' } }),
      this.handOvers.find({ where: { petitionId: id }, order: { seq: 'ASC' } }),
      this.reviews.find({ where: { petitionId: id }, order: { requestedAt: 'ASC' } }),
    ]);
    const holders = holdersOf(handOvers, reviews);
    if (!(await this.access.canReadPetition(principal, petition, holders))) throw petitionNotFound(id);
    const [petitioners, directReports, supervision, openTasks, earlier, ratings, hearings, opinions] = await Promise.all([
      this.petitioners.findBy({ petitionId: id }),
      this.directReports.findBy({ petitionId: id }),
      this.supervision.find({ where: { petitionId: id }, order: { issuedAt: 'ASC' } }),
      this.openTasks.find({ where: { petitionId: id }, order: { due: 'ASC' } }),
      petition.repeatOfId ? this.petitions.find(petition.repeatOfId) : null,
      this.ratings.find({ where: { petitionId: id }, order: { replyRound: 'ASC' } }),
      this.hearings.find({ where: { petitionId: id }, order: { requestedAt: 'ASC' } }),
      this.opinions.find({ where: { petitionId: id }, order: { recordedAt: 'ASC' } }),
    ]);
    const representativeIds = [...new Set([...opinions.map((o) => o.representativeId), ...hearings.flatMap((h) => h.representativeIds ?? [])])];
    const representatives = representativeIds.length > 0 ? await this.representatives.findBy({ id: In(representativeIds) }) : [];
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const usernames = [...new Set([...events.flatMap(peopleOf), ...handOvers.map((h) => h.actor), ...openTasks.flatMap((t) => (t.assignee ? [t.assignee] : []))])];
    const people = new Map(
      (usernames.length > 0 ? await this.users.find({ select: { username: true, displayName: true }, where: { username: In(usernames) } }) : []).map((u) => [u.username, u.displayName]),
    );
    return petitionView({
      petition,
      petitioners,
      events,
      handOvers,
      directReports,
      supervision,
      openTasks,
      repeatOfNumber: earlier?.number ?? null,
      ratings,
      reviews,
      hearings,
      opinions,
      representatives,
      units,
      people,
      region: await this.org.region(petition.regionCode),
      showContent: await this.access.canReadContent(principal, petition),
      showPersonalData: this.access.seesPersonalData(principal, petition),
      cipher: this.cipher,
    });
  }

  /**
   * Case search (卷宗检索): the petitions the caller may see (AccessPolicy.scope) that meet the query,
   * newest first unless another order is asked. A name or ID number is matched by its keyed hash and
   * only among cases whose petitioners the caller sees in clear; a keyword never matches text the
   * caller may not read.
   */
  async listForCaller(principal: Principal, query: PetitionListQueryDto): Promise<{ total: number; totalCapped: boolean; items: PetitionSummary[] }> {
    const scope = await this.access.scope(principal);
    if (!scope) return { total: 0, totalCapped: false, items: [] };
    let petitioner: PetitionSearchFilter['petitioner'];
    if (query.name || query.idNumber) {
      const reach = this.access.personalDataReach(principal);
      if (!reach) throw PETITIONER_SEARCH_REFUSED;
      petitioner = {
        nameHash: query.name ? petitionerNameHash(this.cipher, query.name) : undefined,
        idNumberHash: query.idNumber ? this.cipher.hash(query.idNumber) : undefined,
        reach,
      };
    }
    const receivedFrom = query.receivedFrom ? startOf(query.receivedFrom) : undefined;
    const receivedBefore = query.receivedTo ? endOf(query.receivedTo) : undefined;
    if (receivedFrom && receivedBefore && receivedFrom >= receivedBefore) throw RECEIVED_RANGE_EMPTY;
    const words = query.q ? [...new Set(query.q.split(/\s+/).filter(Boolean))].slice(0, 5) : undefined;
    const now = this.clock.now();
    const { rows, total, totalCapped } = await this.petitions.search(
      scope,
      {
        status: query.status,
        category: query.category,
        channel: query.channel,
        tier: query.tier,
        unitCode: query.unitCode,
        number: query.number?.trim().toUpperCase(),
        words,
        accusationContentUnit: words ? await this.access.accusationContentUnit(principal) : null,
        tokenScopes: words ? [...new Set((await this.org.regions()).map((r) => tokenScope(r.code)))] : undefined,
        petitioner,
        receivedFrom,
        receivedBefore,
        overdue: query.overdue,
        overdueAt: query.overdue === undefined ? undefined : now,
        repeat: query.repeat,
        collective: query.collective,
        levelSkip: query.levelSkip,
      },
      { firstResult: query.firstResult ?? 0, maxResults: query.maxResults ?? 50, sort: query.sort },
    );
    const units = new Map((await this.org.units()).map((u) => [u.code, u]));
    const items: PetitionSummary[] = [];
    for (const { petition: p, due, firstPetitionerName } of rows) {
      const name = firstPetitionerName ?? '';
      items.push({
        id: p.id,
        number: p.number,
        subject: (await this.access.canReadContent(principal, p)) ? p.subject : WITHHELD_CONTENT,
        category: p.category,
        status: p.status,
        receivedAt: p.receivedAt.toISOString(),
        region: { code: p.regionCode, name: (await this.org.region(p.regionCode))?.name ?? p.regionCode },
        currentUnit: unitRef(p.competentUnitCode, units),
        channel: p.channel,
        tier: p.entryLevel,
        petitioner: this.access.seesPersonalData(principal, p) ? name : maskName(name),
        due: due ? due.toISOString() : null,
        overdue: !!due && due.getTime() < now.getTime(),
        repeat: p.repeatOfId !== null,
        collective: p.collective,
        levelSkip: p.levelSkip,
      });
    }
    return { total, totalCapped, items };
  }
}

/** A day (2026-11-29) starts at midnight China time; an instant is itself. */
function startOf(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
}

/** The moment after a day (inclusive) or an instant. */
function endOf(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(new Date(value).getTime() + 1);
  return new Date(new Date(`${value}T00:00:00+08:00`).getTime() + 86_400_000);
}

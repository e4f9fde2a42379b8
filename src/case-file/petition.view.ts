import { TIME_LIMITS, TimeLimitName } from '../clocks/time-limits';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../crypto/masking';
import type { PersonalDataCipher } from '../crypto/personal-data.cipher';
import type { Region } from '../org/region.entity';
import type { Unit } from '../org/unit.entity';
import type { PetitionRating } from '../rating/petition-rating.entity';
import type { PetitionReview } from '../review/petition-review.entity';
import type { Hearing } from '../hearing/hearing.entity';
import type { RepresentativeOpinion } from '../representatives/representative-opinion.entity';
import type { PublicRepresentative } from '../representatives/public-representative.entity';
import type { Petition } from '../petitions/petition.entity';
import type { PetitionEvent } from '../petitions/petition-event.entity';
import type { Petitioner } from '../petitions/petitioner.entity';
import type { HandOver } from '../routing/hand-over.entity';
import type { DirectReport } from '../petitions/direct-report.entity';
import type { SupervisionRecord } from '../supervision/supervision-record.entity';
import type { OpenTask } from '../tasks/index/open-task.entity';
import { CLOCKS, STEP_CLOCKS } from '../clocks/task-clock';
import { WITHHELD_CONTENT } from '../access/access-policy';

export interface UnitRef {
  code: string;
  name: string;
}

export interface DeadlineView {
  name: TimeLimitName | 'committed';
  dueAt: string;
  days: number;
  article: string;
  description: string;
  metAt: string | null;
}


export function unitRef(code: string | null, units: Map<string, Unit>): UnitRef | null {
  if (!code) return null;
  return { code, name: units.get(code)?.name ?? code };
}

export function deadlinesOf(petition: Petition): DeadlineView[] {
  const row = (name: TimeLimitName, dueAt: Date | null, metAt: Date | null): DeadlineView[] =>
    dueAt
      ? [
          {
            name,
            dueAt: dueAt.toISOString(),
            days: TIME_LIMITS[name].days,
            article: TIME_LIMITS[name].article,
            description: TIME_LIMITS[name].description,
            metAt: metAt?.toISOString() ?? null,
          },
        ]
      : [];
  const handling = row(petition.simplified ? 'simplified' : 'handling', petition.handleDueAt, petition.repliedAt).map((d) =>
    petition.extensionDays > 0
      ? { ...d, days: d.days + petition.extensionDays, description: `${d.description}; extended by ${petition.extensionDays} days (Art. 34)` }
      : d,
  );
  const committed: DeadlineView[] =
    petition.committedAt && petition.handleDueAt
      ? [
          {
            name: 'committed',
            dueAt: petition.committedAt.toISOString(),
            days: Math.round((petition.committedAt.getTime() - (petition.decidedAt ?? petition.committedAt).getTime()) / 86_400_000),
            article: '承诺办理期限（不得超过法定期限，信访工作条例 第三十四条）',
            description: 'the date the unit committed to when accepting',
            metAt: petition.repliedAt?.toISOString() ?? null,
          },
        ]
      : [];
  return [...row('acceptance', petition.acceptDueAt, petition.decidedAt), ...handling, ...committed];
}

/** Masked unless the caller's work needs the person in full (AccessPolicy.seesPersonalData). */
export function petitionerView(petitioner: Petitioner, cipher: PersonalDataCipher, inClear: boolean) {
  const idNumber = cipher.decrypt(petitioner.idNumberCipher);
  const phone = petitioner.phoneCipher ? cipher.decrypt(petitioner.phoneCipher) : null;
  const address = petitioner.addressCipher ? cipher.decrypt(petitioner.addressCipher) : null;
  return {
    name: inClear ? petitioner.name : maskName(petitioner.name),
    idNumber: inClear ? idNumber : maskIdNumber(idNumber),
    phone: phone === null ? null : inClear ? phone : maskPhone(phone),
    address: address === null ? null : inClear ? address : maskAddress(address),
    masked: !inClear,
  };
}

/** A person on the record by name: `system` for the engine's own steps, the username when no longer on the register. */
export interface PersonRef {
  username: string;
  name: string | null;
}

export function personRef(username: string | null, people: Map<string, string>): PersonRef | null {
  if (!username) return null;
  if (username === 'system') return { username, name: null };
  return { username, name: people.get(username) ?? null };
}

/** Data keys that hold a unit code: the clerk reads the unit's name, the audit log keeps the code. */
const UNIT_KEYS = ['from', 'to', 'unit', 'unitCode', 'toUnitCode', 'fromUnitCode', 'reviewingUnit', 'reviewedUnit', 'addressedTo'];

/** Data keys that hold a username (the desk's hand-overs): the clerk reads the person's name. */
export const PERSON_KEYS = ['holder', 'assignee', 'delegate', 'owner'];

/**
 * Data kept with an entry that is not the timeline's to show: what a delegate entered in the step's
 * form (the task page gives it to the task's owner, within the content rules).
 */
const PRIVATE_KEYS = ['input'];

/**
 * What the UI words an entry with: its data's scalar values, unit codes resolved to names (`toName`
 * next to `to`), usernames to people's names (`delegateName` next to `delegate`), so that
 * "按路由规则交由 东湖区第一办理室 办理" needs no second look-up.
 */
export function timelineParams(
  event: Pick<PetitionEvent, 'data' | 'unitCode'>,
  units: Map<string, Unit>,
  people: Map<string, string> = new Map(),
): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(event.data ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = value;
    if (typeof value === 'string' && UNIT_KEYS.includes(key)) params[`${key}Name`] = units.get(value)?.name ?? value;
    if (typeof value === 'string' && PERSON_KEYS.includes(key)) params[`${key}Name`] = people.get(value) ?? value;
  }
  if (event.unitCode) params.unitName = units.get(event.unitCode)?.name ?? event.unitCode;
  return params;
}

export function timelineView(events: PetitionEvent[], units: Map<string, Unit>, people: Map<string, string> = new Map()) {
  return events.map((event) => ({
    kind: event.kind,
    at: event.occurredAt.toISOString(),
    unit: unitRef(event.unitCode, units),
    /** The username, as before (the audit trail's word); `by` carries the name. */
    actor: event.actor,
    by: personRef(event.actor, people),
    note: event.note,
    data: publicData(event.data),
    params: timelineParams(event, units, people),
  }));
}

function publicData(data: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!data || !PRIVATE_KEYS.some((key) => key in data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !PRIVATE_KEYS.includes(key)));
}

/** The usernames an entry names: its actor and the people its data holds. */
export function peopleOf(event: Pick<PetitionEvent, 'actor' | 'data'>): string[] {
  const named = PERSON_KEYS.map((key) => event.data?.[key]).filter((v): v is string => typeof v === 'string');
  return [event.actor, ...named];
}

/** The open tasks on the case, with who may take them: the page links to a task its viewer may act on. */
export function openTasksView(tasks: OpenTask[], units: Map<string, Unit>, people: Map<string, string>) {
  return tasks.map((t) => ({
    taskId: t.taskId,
    step: t.step,
    unit: unitRef(t.unitCode, units),
    assignee: personRef(t.assignee, people),
    dueAt: t.due?.toISOString() ?? null,
    createdAt: t.created.toISOString(),
  }));
}

export function handOverView(handOvers: HandOver[], units: Map<string, Unit>, people: Map<string, string> = new Map()) {
  return handOvers.map((h) => ({
    seq: h.seq,
    kind: h.kind,
    from: unitRef(h.fromUnitCode, units),
    to: unitRef(h.toUnitCode, units),
    reason: h.reason,
    actor: h.actor,
    by: personRef(h.actor, people),
    at: h.occurredAt.toISOString(),
    dueAt: h.dueAt?.toISOString() ?? null,
  }));
}

/** The open tasks' due dates, each with the limit and article it comes from. */
export function taskDeadlinesView(tasks: OpenTask[], petition: Petition, units: Map<string, Unit>) {
  return tasks.map((t) => {
    const clock = STEP_CLOCKS[t.step];
    const limitName: TimeLimitName = clock === 'handle' && petition.simplified ? 'simplified' : CLOCKS[clock];
    const limit = TIME_LIMITS[limitName];
    return {
      step: t.step,
      unit: unitRef(t.unitCode, units),
      dueAt: t.due?.toISOString() ?? null,
      limit: limitName,
      days: limit.days + (clock === 'handle' ? petition.extensionDays : 0),
      unitOfDays: limit.unit,
      article: limit.article,
    };
  });
}

/** Reminders, supervision notices and disciplinary recommendations the statutory clocks issued. */
export function supervisionView(records: SupervisionRecord[], units: Map<string, Unit>) {
  return records.map((r) => ({
    kind: r.kind,
    step: r.step,
    clock: r.clockName,
    dueAt: r.dueAt.toISOString(),
    unit: unitRef(r.unitCode, units),
    issuedBy: unitRef(r.issuedByUnitCode, units),
    addressedTo: unitRef(r.addressedToUnitCode, units),
    recipients: r.recipients,
    feedbackDueAt: r.feedbackDueAt?.toISOString() ?? null,
    issuedAt: r.issuedAt.toISOString(),
    issuer: r.issuedBy,
    feedback: r.feedbackAt ? { text: r.feedbackText, by: r.feedbackBy, at: r.feedbackAt.toISOString() } : null,
  }));
}

export function petitionView(input: {
  petition: Petition;
  petitioners: Petitioner[];
  events: PetitionEvent[];
  handOvers: HandOver[];
  directReports: DirectReport[];
  supervision: SupervisionRecord[];
  openTasks: OpenTask[];
  repeatOfNumber: string | null;
  ratings: PetitionRating[];
  reviews: PetitionReview[];
  hearings: Hearing[];
  opinions: RepresentativeOpinion[];
  representatives: PublicRepresentative[];
  units: Map<string, Unit>;
  /** Staff usernames to display names, for the timeline and the open tasks. */
  people?: Map<string, string>;
  region: Region | undefined;
  showContent: boolean;
  showPersonalData: boolean;
  cipher: PersonalDataCipher;
}) {
  const { petition: p, units } = input;
  return {
    id: p.id,
    number: p.number,
    status: p.status,
    channel: p.channel,
    category: p.category,
    matterScope: p.matterScope,
    subject: input.showContent ? p.subject : WITHHELD_CONTENT,
    content: input.showContent ? p.content : WITHHELD_CONTENT,
    region: { code: p.regionCode, name: input.region?.name ?? p.regionCode },
    collective: p.collective,
    personCount: p.personCount,
    entryLevel: p.entryLevel,
    levelSkip: p.levelSkip,
    repeatOf: input.repeatOfNumber,
    legalRoute: p.legalRoute,
    bound: p.bound,
    returnCount: p.returnCount,
    assignedBy: unitRef(p.assignedByUnitCode, units),
    assignDueAt: p.assignDueAt?.toISOString() ?? null,
    directReports: input.directReports.map((r) => ({ to: unitRef(r.toUnitCode, units), at: r.reportedAt.toISOString() })),
    receivingUnit: unitRef(p.receivingUnitCode, units),
    currentUnit: unitRef(p.competentUnitCode, units),
    processInstanceId: p.processInstanceId,
    petitioners: input.petitioners.sort((a, b) => a.position - b.position).map((x) => petitionerView(x, input.cipher, input.showPersonalData)),
    decision: p.decision,
    declineReason: p.declineReason,
    replyOutcome: p.replyOutcome,
    replyText: input.showContent ? p.replyText : p.replyText === null ? null : WITHHELD_CONTENT,
    receivedAt: p.receivedAt.toISOString(),
    registeredAt: p.registeredAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    servedAt: p.servedAt?.toISOString() ?? null,
    serviceMethod: p.serviceMethod,
    ratings: input.ratings.map((r) => ({
      replyRound: r.replyRound,
      handlingUnit: r.handlingUnit,
      petitionOffice: r.petitionOffice,
      ratedUnit: unitRef(r.handlingUnitCode, units),
      comment: input.showContent ? r.comment : r.comment === null ? null : WITHHELD_CONTENT,
      channel: r.channel,
      at: r.recordedAt.toISOString(),
    })),
    reviews: input.reviews.map((r) => ({
      stage: r.stage,
      replyRound: r.replyRound,
      channel: r.channel,
      reasons: input.showContent ? r.reasons : WITHHELD_CONTENT,
      requestedAt: r.requestedAt.toISOString(),
      reviewedUnit: unitRef(r.reviewedUnitCode, units),
      reviewingUnit: unitRef(r.reviewingUnitCode, units),
      dueAt: r.dueAt?.toISOString() ?? null,
      outcome: r.outcome,
      opinion: input.showContent ? r.opinion : r.opinion === null ? null : WITHHELD_CONTENT,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    hearings: hearingsView(input),
    representativeOpinions: input.opinions.map((o) => ({
      representative: representativeRef(o.representativeId, input.representatives),
      hearingId: o.hearingId,
      opinion: input.showContent ? o.opinion : WITHHELD_CONTENT,
      at: o.recordedAt.toISOString(),
    })),
    concludedAt: p.concludedAt?.toISOString() ?? null,
    conclusionGround: p.conclusionGround,
    deadlines: deadlinesOf(p),
    handOvers: handOverView(input.handOvers, units, input.people),
    supervision: supervisionView(input.supervision, units),
    taskDeadlines: taskDeadlinesView(input.openTasks, p, units),
    timeline: timelineView(input.events, units, input.people),
    openTasks: openTasksView(input.openTasks, units, input.people ?? new Map()),
  };
}

export type PetitionView = ReturnType<typeof petitionView>;

/** A representative on a case: name and kind, never the contact. */
function representativeRef(id: string, representatives: PublicRepresentative[]) {
  const found = representatives.find((r) => r.id === id);
  return { id, name: found?.name ?? null, kind: found?.kind ?? null };
}

/** Each hearing with its schedule, minutes and the time its caller's clock stood still (Art. 36). */
function hearingsView(input: { hearings: Hearing[]; representatives: PublicRepresentative[]; units: Map<string, Unit>; showContent: boolean }) {
  return input.hearings.map((h) => ({
    id: h.id,
    stage: h.stage,
    unit: unitRef(h.unitCode, input.units),
    initiatedBy: h.initiatedBy,
    reason: input.showContent ? h.reason : WITHHELD_CONTENT,
    requestedAt: h.requestedAt.toISOString(),
    scheduledAt: h.scheduledAt?.toISOString() ?? null,
    place: h.place,
    presidingOfficer: h.presidingOfficer,
    public: h.public,
    closedReason: h.closedReason,
    participants: h.participants ?? [],
    representatives: (h.representativeIds ?? []).map((id) => representativeRef(id, input.representatives)),
    minutes: input.showContent ? h.minutes : h.minutes === null ? null : WITHHELD_CONTENT,
    conclusion: input.showContent ? h.conclusion : h.conclusion === null ? null : WITHHELD_CONTENT,
    closedAt: h.closedAt?.toISOString() ?? null,
    /** The caller's clock stood still from the decision to hold it until its minutes were recorded. */
    clockStopped: h.closedAt ? { from: h.requestedAt.toISOString(), until: h.closedAt.toISOString(), ms: h.closedAt.getTime() - h.requestedAt.getTime() } : null,
  }));
}

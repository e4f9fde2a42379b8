// 听证 and 群众代表: the rules of the hearing forms and of the register, kept out of the views so that
// they can be tested on their own. The API checks everything again and has the last word.
import type { FieldError, HearingView, ParticipantRole, RepresentativeInput, RepresentativeKind, RepresentativeRef } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHINA_OFFSET_MS = 8 * HOUR;

/** The steps a hearing may be held in (调查核实, 复查, 复核), and where representatives take part in the handling. */
export const HEARING_STEPS = ['handle-petition', 'decide-review', 'decide-re-review'];
/** The parties are told at least this many days before the hearing (provincial hearing rule). */
export const HEARING_NOTICE_DAYS = 7;
export const PARTICIPANT_ROLES: ParticipantRole[] = ['petitioner', 'handling-unit', 'lawyer', 'expert', 'other'];
export const MAX_PARTICIPANTS = 50;
export const MAX_INVITED_REPRESENTATIVES = 20;
export const REPRESENTATIVE_KINDS: RepresentativeKind[] = ['deputy', 'cppcc-member', 'community'];

export const LIMITS = {
  reason: 2000,
  place: 200,
  presidingOfficer: 64,
  closedReason: 500,
  participantName: 64,
  minutes: 20_000,
  conclusion: 5000,
  opinion: 2000,
  purpose: 500,
  representativeName: 64,
  organisation: 128,
} as const;

// ---- schedule ----

export interface ParticipantInput {
  role: ParticipantRole | '';
  name: string;
}

export interface ScheduleInput {
  /** China wall-clock time as the picker gives it: "YYYY-MM-DD HH:mm". */
  scheduledAt: string;
  place: string;
  presidingOfficer: string;
  public: boolean;
  closedReason: string;
  participants: ParticipantInput[];
  representativeIds: string[];
}

export function emptySchedule(): ScheduleInput {
  return { scheduledAt: '', place: '', presidingOfficer: '', public: true, closedReason: '', participants: [], representativeIds: [] };
}

/** "2026-12-10 09:30" (China time) → "2026-12-10T09:30:00+08:00"; null when it is no such moment. */
export function chinaIso(local: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  // Date.parse rolls 2026-02-30 over to March: refuse it.
  if (new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 16) !== `${m[1]}T${m[2]}:${m[3]}`) return null;
  return iso;
}

/** The earliest moment a hearing may be held: now plus the notice period. */
export function earliestHearing(now: Date = new Date()): Date {
  return new Date(now.getTime() + HEARING_NOTICE_DAYS * DAY);
}

/** The earliest hearing day, "YYYY-MM-DD" in China time (days before it are greyed out in the picker). */
export function earliestHearingDay(now: Date = new Date()): string {
  return new Date(earliestHearing(now).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Problems of a schedule, each with an i18n key as its message (`workbench.hearing.*`). */
export function scheduleProblems(input: ScheduleInput, now: Date = new Date()): FieldError[] {
  const problems: FieldError[] = [];
  const required = (field: string, value: string) => {
    if (!value.trim()) problems.push({ field, message: 'workbench.task.required' });
  };
  if (!input.scheduledAt.trim()) required('scheduledAt', '');
  else {
    const iso = chinaIso(input.scheduledAt);
    if (!iso) problems.push({ field: 'scheduledAt', message: 'workbench.hearing.scheduledAtFormat' });
    else if (Date.parse(iso) < earliestHearing(now).getTime()) problems.push({ field: 'scheduledAt', message: 'workbench.hearing.tooSoon' });
  }
  required('place', input.place);
  required('presidingOfficer', input.presidingOfficer);
  if (!input.public) required('closedReason', input.closedReason);
  input.participants.forEach((p, i) => {
    if (!p.role && !p.name.trim()) return; // an empty row is left out
    if (!p.role) problems.push({ field: `participants[${i}].role`, message: 'workbench.task.required' });
    if (!p.name.trim()) problems.push({ field: `participants[${i}].name`, message: 'workbench.task.required' });
  });
  if (input.representativeIds.length > MAX_INVITED_REPRESENTATIVES) problems.push({ field: 'representativeIds', message: 'workbench.hearing.tooManyRepresentatives' });
  return problems;
}

/** The body completing schedule-hearing: trimmed, empty rows and an unused closed reason left out. */
export function scheduleBody(input: ScheduleInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    scheduledAt: chinaIso(input.scheduledAt) ?? input.scheduledAt,
    place: input.place.trim(),
    presidingOfficer: input.presidingOfficer.trim(),
    public: input.public,
  };
  if (!input.public) body.closedReason = input.closedReason.trim();
  const participants = input.participants
    .filter((p) => p.role && p.name.trim())
    .map((p) => ({ role: p.role, name: p.name.trim() }));
  if (participants.length) body.participants = participants;
  const ids = [...new Set(input.representativeIds)];
  if (ids.length) body.representativeIds = ids;
  return body;
}

// ---- record ----

export interface RecordInput {
  minutes: string;
  conclusion: string;
  /** Opinion by representative id; blank ones are not sent. */
  opinions: Record<string, string>;
}

/** The hearing under way (not yet closed), if any. */
export function openHearing(hearings: HearingView[] | undefined | null): HearingView | null {
  return (hearings ?? []).find((h) => h.closedAt === null) ?? null;
}

export function recordProblems(input: RecordInput): FieldError[] {
  const problems: FieldError[] = [];
  if (!input.minutes.trim()) problems.push({ field: 'minutes', message: 'workbench.task.required' });
  if (!input.conclusion.trim()) problems.push({ field: 'conclusion', message: 'workbench.task.required' });
  return problems;
}

/** The body completing record-hearing: opinions only of the representatives invited to this hearing, and only filled ones. */
export function recordBody(input: RecordInput, invited: RepresentativeRef[]): Record<string, unknown> {
  const body: Record<string, unknown> = { minutes: input.minutes.trim(), conclusion: input.conclusion.trim() };
  const opinions = invited
    .map((r) => ({ representativeId: r.id, opinion: (input.opinions[r.id] ?? '').trim() }))
    .filter((o) => o.opinion !== '');
  if (opinions.length) body.opinions = opinions;
  return body;
}

// ---- clock ----

/** How long a step's clock stood still, in whole days and hours (rounded down). */
export function stoppedFor(ms: number): { days: number; hours: number } {
  const hours = Math.max(0, Math.floor(ms / HOUR));
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}

// ---- register ----

const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
const CONTACT = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export function emptyRepresentative(): RepresentativeInput {
  return { regionCode: '', name: '', kind: '', organisation: '', contact: '' };
}

export function representativeProblems(input: RepresentativeInput): FieldError[] {
  const problems: FieldError[] = [];
  const required = (field: string, value: string) => {
    if (!value.trim()) problems.push({ field, message: 'workbench.task.required' });
  };
  if (!input.regionCode.trim()) required('regionCode', '');
  else if (!REGION_CODE.test(input.regionCode.trim())) problems.push({ field: 'regionCode', message: 'workbench.representatives.regionFormat' });
  required('name', input.name);
  required('kind', input.kind);
  const contact = input.contact.replace(/\s+/g, '');
  if (!contact) required('contact', '');
  else if (!CONTACT.test(contact)) problems.push({ field: 'contact', message: 'workbench.representatives.contactFormat' });
  return problems;
}

export function representativeBody(input: RepresentativeInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    regionCode: input.regionCode.trim(),
    name: input.name.trim(),
    kind: input.kind,
    contact: input.contact.replace(/\s+/g, ''),
  };
  if (input.organisation.trim()) body.organisation = input.organisation.trim();
  return body;
}

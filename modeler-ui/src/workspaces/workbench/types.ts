// Shapes of the API answers the workbench reads (see src/tasks, src/petitions, src/org in the API).
// Written notices have theirs in @/notices/types, shared with supervision.
import type { NoticeChannel, NoticeServiceMethod } from '@/notices/types';

export type TaskFilter = 'mine' | 'unclaimed' | 'all';

/** A unit, a region or an office as the API names it in passing. */
export interface UnitRef {
  code: string;
  name: string;
}

/** A petition as a row of a list names it. */
export interface PetitionRef {
  id: string;
  number: string;
  subject: string;
  status: string;
}

export interface TaskItem {
  id: string;
  name: string | null;
  step: string;
  created: string;
  due: string | null;
  assignee: string | null;
  unit: UnitRef;
  petition: (PetitionRef & { category: string }) | null;
}

export interface TaskList {
  total: number;
  items: TaskItem[];
}

export interface TaskDetail extends TaskItem {
  options: Record<string, unknown>;
}

/** GET /api/tasks/:id/form: a Camunda Form deployed with the process, or the step's own form. */
export type TaskForm =
  | { kind: 'camunda-form'; key: string; version?: number; schema: Record<string, unknown> }
  | { kind: 'step' };

export interface PetitionerView {
  name: string;
  idNumber: string;
  phone: string | null;
  /** 住址: in clear for those who may see the person, masked like the phone for the others. */
  address?: string | null;
  masked: boolean;
}

export interface DeadlineView {
  name: string;
  dueAt: string;
  days: number;
  article: string;
  description: string;
  metAt: string | null;
}

export interface TaskDeadlineView {
  step: string;
  unit: UnitRef | null;
  dueAt: string | null;
  limit: string;
  days: number;
  unitOfDays: string;
  article: string;
}

export interface TimelineEntry {
  kind: string;
  at: string;
  unit: UnitRef | null;
  actor: string | null;
  note: string | null;
}

export interface SupervisionEntry {
  kind: string;
  step: string;
  dueAt: string;
  unit: UnitRef | null;
  issuedBy: UnitRef | null;
  issuedAt: string;
  feedbackDueAt: string | null;
  feedback: { text: string | null; by: string | null; at: string } | null;
}

/** 满意度评价 of one reply (null values: 未评价). */
export interface RatingView {
  replyRound: number;
  handlingUnit: string | null;
  petitionOffice: string | null;
  ratedUnit: UnitRef | null;
  comment: string | null;
  channel: string | null;
  at: string;
}

/** 复查 / 复核: the request and, once decided, the written opinion. */
export interface ReviewView {
  stage: 'review' | 're-review' | string;
  replyRound: number;
  channel: string | null;
  reasons: string;
  requestedAt: string;
  reviewedUnit: UnitRef | null;
  reviewingUnit: UnitRef | null;
  dueAt: string | null;
  outcome: string | null;
  opinion: string | null;
  decidedAt: string | null;
}

export type RepresentativeKind = 'deputy' | 'cppcc-member' | 'community';

/** A public representative on a case: name and kind, never the contact (null when no longer on the register). */
export interface RepresentativeRef {
  id: string;
  name: string | null;
  kind: RepresentativeKind | string | null;
}

export type ParticipantRole = 'petitioner' | 'handling-unit' | 'lawyer' | 'expert' | 'other';

export interface HearingParticipant {
  role: ParticipantRole | string;
  name: string;
}

/** 听证: requested, scheduled, held (minutes and conclusion); the step's clock stands still meanwhile (Art. 36). */
export interface HearingView {
  id: string;
  stage: 'handling' | 'review' | 're-review' | string;
  unit: UnitRef | null;
  initiatedBy: 'petitioner' | 'body' | string;
  reason: string;
  requestedAt: string;
  scheduledAt: string | null;
  place: string | null;
  presidingOfficer: string | null;
  public: boolean | null;
  closedReason: string | null;
  participants: HearingParticipant[];
  representatives: RepresentativeRef[];
  minutes: string | null;
  conclusion: string | null;
  closedAt: string | null;
  clockStopped: { from: string; until: string; ms: number } | null;
}

export interface RepresentativeOpinionView {
  representative: RepresentativeRef;
  hearingId: string | null;
  opinion: string;
  at: string;
}

export interface PetitionDetail {
  id: string;
  number: string;
  status: string;
  channel: string;
  category: string;
  matterScope: string;
  subject: string;
  content: string;
  region: UnitRef;
  collective: boolean;
  personCount: number;
  currentUnit: UnitRef | null;
  receivingUnit: UnitRef | null;
  petitioners: PetitionerView[];
  deadlines: DeadlineView[];
  taskDeadlines: TaskDeadlineView[];
  supervision: SupervisionEntry[];
  timeline: TimelineEntry[];
  // After the reply (older answers may lack them).
  servedAt?: string | null;
  serviceMethod?: string | null;
  ratings?: RatingView[];
  reviews?: ReviewView[];
  concludedAt?: string | null;
  conclusionGround?: 're-reviewed' | 'review-lapsed' | 're-review-lapsed' | string | null;
  hearings?: HearingView[];
  representativeOpinions?: RepresentativeOpinionView[];
}

/** A row of the 群众代表名册 (GET /api/representatives); the contact is always masked. */
export interface Representative {
  id: string;
  regionCode: string;
  regionName: string;
  name: string;
  kind: RepresentativeKind;
  organisation: string | null;
  contact: string;
  active: boolean;
}

export interface RepresentativeInput {
  regionCode: string;
  name: string;
  kind: RepresentativeKind | '';
  organisation: string;
  contact: string;
}

export interface Region {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
}

export interface OrgUnit {
  code: string;
  name: string;
  kind: string;
  regionCode: string;
  active: boolean;
}

export interface FieldError {
  field: string;
  code?: string;
  message: string;
}

export interface PetitionerInput {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  email: string;
  /** 告知方式; '' leaves the API's default (SMS with a phone, else e-mail with an address, else a letter). */
  contactPreference: NoticeChannel | '';
}

export interface RegistrationInput {
  channel: string;
  category: string;
  matterScope: string;
  subject: string;
  content: string;
  regionCode: string;
  personCount: number;
  petitioners: PetitionerInput[];
}

export interface Registered {
  id: string;
  number: string;
  queryCode?: string;
  status: string;
  /** A new case repeating a concluded matter (answered "not accepted again", Art. 36). */
  repeatOf?: string;
  /** No new case: the same matter of the same petitioner is still open and was recorded there. */
  repeat?: 'recorded-on-open-case';
}

/** The print queue's three lists: 待打印, 已打印, 已邮寄. */
export type PrintState = 'to-print' | 'printed' | 'posted';

/** The body of POST /api/notices/:id/resend. */
export interface ResendBody {
  channel?: NoticeChannel;
  phone?: string;
  email?: string;
}

/** The body of POST /api/notices/:id/served: the day (China time) and how. */
export interface ServedBody {
  servedOn: string;
  method?: NoticeServiceMethod;
}

// ---- 卷宗 (the case page): what GET /api/petitions/:id adds for it (declaration merging keeps the
// shapes above as they are for their other readers).

/** A person on the record: `system` for the engine's own steps; `name` null when not on the register. */
export interface PersonRef {
  username: string;
  name: string | null;
}

export interface TimelineEntry {
  /** The actor by name (the API's `actor` stays the username). */
  by?: PersonRef | null;
  /** The entry's parameters with unit codes resolved to names (`toName`, `fromName`, `unitName`). */
  params?: Record<string, string | number | boolean>;
  data?: Record<string, unknown> | null;
}

export interface HandOverView {
  seq: number;
  kind: string;
  from: UnitRef | null;
  to: UnitRef | null;
  reason: string | null;
  actor: string;
  by?: PersonRef | null;
  at: string;
  dueAt: string | null;
}

export interface CaseOpenTask {
  taskId: string;
  step: string;
  unit: UnitRef | null;
  assignee: PersonRef | null;
  dueAt: string | null;
  createdAt: string;
}

export interface PetitionDetail {
  handOvers?: HandOverView[];
  openTasks?: CaseOpenTask[];
  decision?: string | null;
  declineReason?: string | null;
  replyOutcome?: string | null;
  replyText?: string | null;
  receivedAt?: string;
  registeredAt?: string | null;
  closedAt?: string | null;
  repeatOf?: string | null;
  legalRoute?: string | null;
  entryLevel?: string | null;
  directReports?: { to: UnitRef | null; at: string }[];
}

// 办件台 (desk): who holds a task, how it changes hands, what the caller has done.
/** A colleague on the desk: always on the register, so always named. */
export interface DeskPerson extends PersonRef {
  name: string;
}

export type DeskTaskState = 'unclaimed' | 'claimed' | 'delegated' | 'awaiting-approval';
export type DeskSort = 'due' | '-due' | 'received' | '-received';

/** GET /api/tasks items, with the desk's fields. */
export interface DeskTaskItem extends TaskItem {
  receivedAt: string;
  petitioner: string | null;
  assignedTo: DeskPerson | null;
  owner: DeskPerson | null;
  state: DeskTaskState;
}

export interface DeskTaskDetail extends DeskTaskItem {
  options: Record<string, unknown>;
  /** What the investigation found, and the petitioners' addresses for those who may see them. */
  context?: { findings: string | null; addresses: { name: string; address: string | null }[] };
  /** What a delegate entered in the step's form before handing the task back (委托); the form starts from it. */
  delegateInput?: DelegateInput | null;
}

export interface DelegateInput {
  by: DeskPerson;
  at: string;
  /** The form as the delegate sent it; null when the caller may not read the case's content. */
  values: Record<string, unknown> | null;
}

/** GET /api/tasks/:id/page: what the task page shows of the task, in one answer. */
export interface TaskPage {
  task: DeskTaskDetail;
  form: TaskForm;
  units: OrgUnit[];
}

/** A row of 已办: a task the caller completed. */
export interface DoneTask extends Pick<TaskItem, 'id' | 'name' | 'step'> {
  completedAt: string | null;
  petition: PetitionRef | null;
}

/** A row of 卷宗检索 (GET /api/petitions). */
export interface PetitionHit extends PetitionRef {
  category: string;
  receivedAt: string;
  region: UnitRef;
  currentUnit: UnitRef | null;
  channel: string;
  tier: string | null;
  petitioner: string;
  due: string | null;
  overdue: boolean;
  repeat: boolean;
  collective: boolean;
  levelSkip: boolean;
}

export interface PetitionHits {
  total: number;
  /** A keyword search counts up to 1000 matches: `total` is then "1000+". */
  totalCapped?: boolean;
  items: PetitionHit[];
}

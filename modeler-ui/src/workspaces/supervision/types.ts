// Shapes of the supervision APIs (GET /api/reports/overdue, GET/POST /api/supervision).

export type Level = 'city' | 'county' | 'township' | 'village';
export const LEVELS: Level[] = ['city', 'county', 'township', 'village'];

/** The user task keys the report can show (Chinese names in supervision.steps). */
export { STEP_KEYS as STEPS } from '@/api/steps';

export const AGEING_BUCKETS = ['0-3', '4-7', '8-15', '16-30', '>30'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface UnitRef {
  code: string;
  name: string;
}

export type OverdueStatus = 'overdue' | 'near-due';

export interface OverdueItem {
  taskId: string;
  step: string;
  /** subject: withheld text for an accusation the caller may not read; null if the case record is missing. */
  petition: { id: string; number: string; subject: string | null };
  unit: UnitRef;
  level: Level;
  due: string;
  status: OverdueStatus;
  /** floor((report time - due) / day): overdue by that many days when >= 0; near-due: -daysOverdue days left. */
  daysOverdue: number;
  assignee: string | null;
}

export interface Counts {
  overdue: number;
  nearDue: number;
}

export interface OverdueReport {
  at: string;
  windowDays: number;
  scope: { unitCode: string | null; regionCode: string | null };
  totals: Counts;
  byUnit: ({ unit: UnitRef; level: Level } & Counts)[];
  byLevel: ({ level: Level } & Counts)[];
  byStep: ({ step: string } & Counts)[];
  ageing: { bucket: AgeingBucket; overdue: number }[];
  total: number;
  items: OverdueItem[];
}

export interface OverdueFilters {
  level?: Level | '';
  unitCode?: string;
  step?: string;
  minDaysOverdue?: number | null;
  window?: number | null;
}

export interface OrgUnit {
  code: string;
  name: string;
  regionCode?: string;
  active?: boolean;
}

export interface OrgRegion {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

export type NoticeKind = 'reminder' | 'supervision' | 'discipline';

export interface SupervisionNotice {
  id: string;
  kind: NoticeKind;
  petition: { id: string; number: string | null };
  step: string;
  dueAt: string;
  unit: UnitRef;
  issuedBy: UnitRef;
  addressedTo: UnitRef;
  issuedAt: string;
  issuer: string;
  feedbackDueAt: string | null;
  feedback: { text: string; by: string; at: string } | null;
}

export interface NoticeList {
  total: number;
  items: SupervisionNotice[];
}

// The workbench's pure rules: due-date colouring, the resident ID check, each step's form, the region tree.
import type { Region } from './types';

const DAY = 86_400_000;
/** Tasks due within this many days are "near due". */
export const NEAR_DUE_DAYS = 3;

export type DueLevel = 'none' | 'overdue' | 'soon' | 'ok';

export function dueLevel(due: string | null | undefined, now: Date = new Date()): DueLevel {
  if (!due) return 'none';
  const at = Date.parse(due);
  if (Number.isNaN(at)) return 'none';
  if (at < now.getTime()) return 'overdue';
  if (at - now.getTime() <= NEAR_DUE_DAYS * DAY) return 'soon';
  return 'ok';
}

export interface DueCounts {
  total: number;
  overdue: number;
  soon: number;
}

export function countDue(items: { due: string | null }[], now: Date = new Date()): DueCounts {
  const levels = items.map((i) => dueLevel(i.due, now));
  return {
    total: items.length,
    overdue: levels.filter((l) => l === 'overdue').length,
    soon: levels.filter((l) => l === 'soon').length,
  };
}

/** A date/time as shown in China, to the minute (YYYY-MM-DD HH:mm, UTC+8). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDate(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

/** Today's date in China (YYYY-MM-DD, UTC+8). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A local calendar day (as a date picker hands it over) as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// ---- resident ID (GB 11643-1999), the same rule as the API's src/common/resident-id.ts ----

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'format' | 'birth-date' | 'check-digit';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function residentIdProblem(value: string, today: Date = new Date()): ResidentIdProblem | null {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > today.getTime()
  ) {
    return 'birth-date';
  }
  return value[17]!.toUpperCase() === checkCharacter(value.slice(0, 17)) ? null : 'check-digit';
}

/** i18n key of the message for a resident ID problem. */
export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  format: 'workbench.register.idFormat',
  'birth-date': 'workbench.register.idBirthDate',
  'check-digit': 'workbench.register.idCheckDigit',
};

// ---- steps and their forms ----

export { STEP_KEYS } from '@/api/steps';

/** Steps on the handling deadline: the handler may ask for an extension (Art. 34). */
export const EXTENSION_STEPS = ['handle-petition', 'reply-petition'];

export type FieldKind = 'radio' | 'textarea' | 'text' | 'unit' | 'select' | 'date' | 'datetime' | 'switch';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Choices of a radio or select: values, labelled by `workbench.values.<name>.<value>`. */
  choices?: string[];
  /** Whether the field must be filled in the current model. */
  required?: (model: StepModel) => boolean;
  /** Whether the field is shown in the current model (default: always). */
  visible?: (model: StepModel) => boolean;
  /** i18n key of what is wrong with a filled value, or null (the API checks again). */
  check?: (value: string, now: Date) => string | null;
  /** i18n key of a hint shown under the field. */
  hint?: string;
}

export type StepModel = Record<string, string | boolean | undefined>;

export interface StepForm {
  fields: FieldSpec[];
  initial: StepModel;
}

const always = () => true;
const LEGAL_ROUTES = ['litigation', 'arbitration', 'administrative-review'];
const REPLY_OUTCOMES = ['support', 'explain', 'reject'];
/** 送达方式 of the reply: handed over at the desk (the default), by post, by SMS, online. */
export const SERVICE_METHODS = ['in-person', 'post', 'sms', 'online'];
/** A reply is served today or on a day within the next 15 days (a posted letter on its way). */
export const LATEST_SERVICE_DAYS = 15;

/**
 * What is wrong with a service date (送达日期), the API's rule: today (China time), or a later day
 * whose noon is no more than 15 days away.
 */
export function servedOnProblem(value: string, now: Date = new Date()): string | null {
  if (!value) return null;
  const wrong = 'workbench.task.servedOnRange';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return wrong;
  if (value === chinaToday(now)) return null;
  const noon = Date.parse(`${value}T12:00:00+08:00`);
  if (Number.isNaN(noon) || noon < now.getTime() || noon > now.getTime() + LATEST_SERVICE_DAYS * DAY) return wrong;
  return null;
}
/** 复查 / 复核 decisions: 维持, 变更, 撤销并责令重新办理. */
export const REVIEW_OUTCOMES = ['uphold', 'change', 'revoke'];

/** The form of a step, from the API's form class of that step and the task's `options`. */
export function buildStepForm(step: string, options: Record<string, unknown> = {}): StepForm {
  switch (step) {
    case 'forward-to-township':
      return { fields: [{ name: 'note', kind: 'textarea' }], initial: { note: '' } };
    case 'accept-decision': {
      const decisions = Array.isArray(options.decisions) ? options.decisions.filter((d): d is string => typeof d === 'string') : [];
      const is = (...values: string[]) => (m: StepModel) => values.includes(String(m.decision));
      return {
        fields: [
          { name: 'decision', kind: 'radio', choices: decisions, required: always },
          { name: 'reason', kind: 'textarea', required: (m) => !!m.decision && m.decision !== 'accept', visible: (m) => !!m.decision && m.decision !== 'accept' },
          { name: 'targetUnitCode', kind: 'unit', required: is('transfer', 'assign-down'), visible: is('transfer', 'assign-down') },
          { name: 'legalRoute', kind: 'select', choices: LEGAL_ROUTES, required: is('divert-legal'), visible: is('divert-legal') },
          { name: 'dueDate', kind: 'datetime', required: is('assign-down'), visible: is('assign-down') },
          { name: 'committedDate', kind: 'date', visible: is('accept') },
          { name: 'simplified', kind: 'switch', visible: is('accept') },
        ],
        initial: { decision: decisions.includes('accept') ? 'accept' : (decisions[0] ?? ''), reason: '', targetUnitCode: '', legalRoute: '', dueDate: '', committedDate: '', simplified: false },
      };
    }
    case 'handle-petition':
      return { fields: [{ name: 'findings', kind: 'textarea', required: always }], initial: { findings: '' } };
    case 'reply-petition':
      return {
        fields: [
          { name: 'replyOutcome', kind: 'radio', choices: REPLY_OUTCOMES, required: always },
          { name: 'replyText', kind: 'textarea', required: always },
          { name: 'serviceMethod', kind: 'radio', choices: SERVICE_METHODS, required: always },
          { name: 'servedOn', kind: 'date', check: servedOnProblem, hint: 'workbench.task.servedOnHint' },
        ],
        initial: { replyOutcome: '', replyText: '', serviceMethod: 'in-person', servedOn: '' },
      };
    case 'review-completion-report':
    case 'approve-extension':
      return {
        fields: [
          { name: 'approved', kind: 'radio', choices: ['true', 'false'], required: always },
          { name: 'reason', kind: 'textarea', required: (m) => m.approved === 'false' },
        ],
        initial: { approved: 'true', reason: '' },
      };
    case 'decide-dispute-county':
    case 'decide-dispute-city':
      return {
        fields: [
          { name: 'unitCode', kind: 'unit', required: always },
          { name: 'reason', kind: 'textarea', required: always },
        ],
        initial: { unitCode: '', reason: '' },
      };
    case 'decide-review':
    case 'decide-re-review':
      return {
        fields: [
          { name: 'outcome', kind: 'radio', choices: REVIEW_OUTCOMES, required: always },
          { name: 'opinion', kind: 'textarea', required: always },
        ],
        initial: { outcome: '', opinion: '' },
      };
    default:
      return { fields: [], initial: {} };
  }
}

export function isVisible(field: FieldSpec, model: StepModel): boolean {
  return (field.visible ?? always)(model);
}

/** Names of the visible required fields left empty. */
export function missingFields(form: StepForm, model: StepModel): string[] {
  return form.fields
    .filter((f) => isVisible(f, model) && f.required?.(model))
    .filter((f) => model[f.name] === undefined || (typeof model[f.name] === 'string' && String(model[f.name]).trim() === ''))
    .map((f) => f.name);
}

/** The filled, visible fields whose value the client already knows to be wrong, with the i18n key of why. */
export function invalidFields(form: StepForm, model: StepModel, now: Date = new Date()): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const f of form.fields) {
    const value = model[f.name];
    if (!f.check || !isVisible(f, model) || typeof value !== 'string' || value.trim() === '') continue;
    const problem = f.check(value.trim(), now);
    if (problem) out.push({ field: f.name, message: problem });
  }
  return out;
}

/** The request body of POST /api/tasks/:id/complete: visible, filled fields only, typed as the API expects. */
export function stepBody(form: StepForm, model: StepModel): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (!isVisible(field, model)) continue;
    const value = model[field.name];
    if (value === undefined || value === '') continue;
    if (field.name === 'approved') body.approved = value === true || value === 'true';
    else if (field.kind === 'switch') {
      if (value === true) body[field.name] = true;
    } else if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '') body[field.name] = trimmed;
    }
  }
  return body;
}

// ---- regions ----

export interface RegionOption {
  value: string;
  label: string;
  leaf?: boolean;
  children?: RegionOption[];
}

/** The region list as a tree for a cascading picker (city → county → township → village). */
export function regionTree(regions: Region[]): RegionOption[] {
  const byParent = new Map<string | null, Region[]>();
  for (const r of regions) {
    const key = r.parentCode ?? null;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  const codes = new Set(regions.map((r) => r.code));
  const build = (parent: string | null): RegionOption[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((r) => {
        const children = build(r.code);
        return children.length ? { value: r.code, label: r.name, children } : { value: r.code, label: r.name, leaf: true };
      });
  // Roots: no parent, or a parent not in the list.
  const roots = regions.filter((r) => !r.parentCode || !codes.has(r.parentCode));
  return roots
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => {
      const children = build(r.code);
      return children.length ? { value: r.code, label: r.name, children } : { value: r.code, label: r.name, leaf: true };
    });
}

/** The path of codes from the root down to `code`, for the picker's value. */
export function regionPath(regions: Region[], code: string): string[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const path: string[] = [];
  for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r.code);
  return path;
}

import { addWorkingDays, subtractWorkingDays } from './deadline';
import type { TimeLimitName } from './time-limits';

/**
 * The deadlines user tasks are due by. Each user task's due date is `${<clock>DueDate}` and it carries
 * three non-interrupting timers — reminder (催办) at `${<clock>RemindAt}`, supervision (督办) at the
 * due date, disciplinary recommendation (追责建议) at `${<clock>DisciplineAt}` — so whoever sets a
 * due date sets all three with clockVariables() (test/unit/process-contract.spec.ts checks the
 * diagrams).
 */
export const CLOCKS = {
  forward: 'agentForwarding',
  decision: 'routing',
  accept: 'acceptance',
  handle: 'handling',
  review: 'completionReview',
  approval: 'extensionApproval',
  reviewOpinion: 'review',
  reReviewOpinion: 'reReview',
  hearing: 'hearing',
} as const satisfies Record<string, TimeLimitName>;
export type ClockName = keyof typeof CLOCKS;

/** The clock each user task runs on (the diagrams say the same: test/unit/process-contract.spec.ts). */
export const STEP_CLOCKS: Record<string, ClockName> = {
  'forward-to-township': 'forward',
  'decide-dispute-county': 'decision',
  'decide-dispute-city': 'decision',
  'accept-decision': 'accept',
  'handle-petition': 'handle',
  'reply-petition': 'handle',
  'review-completion-report': 'review',
  'approve-extension': 'approval',
  'decide-review': 'reviewOpinion',
  'decide-re-review': 'reReviewOpinion',
  'schedule-hearing': 'hearing',
  'record-hearing': 'hearing',
};
export const CLOCK_NAMES = Object.keys(CLOCKS) as ClockName[];

export type ClockKind = 'reminder' | 'supervision' | 'discipline';

export interface ClockPolicy {
  /** Working days before a deadline that the unit is reminded. */
  reminderLeadWorkingDays: number;
  /** Working days after a deadline (and its supervision notice) that a disciplinary recommendation follows. */
  disciplineGraceWorkingDays: number;
}

const policy: ClockPolicy = { reminderLeadWorkingDays: 2, disciplineGraceWorkingDays: 5 };

/** Set once at start-up from the configuration (CLOCK_REMINDER_LEAD_WORKING_DAYS, CLOCK_DISCIPLINE_GRACE_WORKING_DAYS). */
export function configureClockPolicy(configured: ClockPolicy): void {
  Object.assign(policy, configured);
}

export function clockPolicy(): Readonly<ClockPolicy> {
  return policy;
}

/**
 * The due date and the two timer instants of a deadline. A reminder never comes in the first half of
 * the period: for a one-day limit, a two-days-ahead reminder would arrive with the task itself.
 */
export function clockVariables(name: ClockName, start: Date, dueAt: Date): Record<string, Date> {
  const lead = subtractWorkingDays(dueAt, policy.reminderLeadWorkingDays);
  const halfway = new Date(start.getTime() + (dueAt.getTime() - start.getTime()) / 2);
  return {
    [`${name}DueDate`]: dueAt,
    [`${name}RemindAt`]: new Date(Math.max(lead.getTime(), halfway.getTime())),
    [`${name}DisciplineAt`]: addWorkingDays(dueAt, policy.disciplineGraceWorkingDays),
  };
}

// The user task keys of the processes (the API's step names), shared by every workspace.

export const STEP_KEYS = [
  'forward-to-township',
  'accept-decision',
  'handle-petition',
  'reply-petition',
  'review-completion-report',
  'decide-dispute-county',
  'decide-dispute-city',
  'approve-extension',
  'decide-review',
  'decide-re-review',
  'schedule-hearing',
  'record-hearing',
] as const;

export type StepKey = (typeof STEP_KEYS)[number];

/** The process a user task belongs to (its step key is its activity id there). */
export function processOfStep(step: string): 'petition' | 'unit-handling' | 'review' | 'hearing' {
  if (['decide-review', 'decide-re-review'].includes(step)) return 'review';
  if (['schedule-hearing', 'record-hearing'].includes(step)) return 'hearing';
  return ['forward-to-township', 'decide-dispute-county', 'decide-dispute-city'].includes(step) ? 'petition' : 'unit-handling';
}

/**
 * The names shared between the BPMN/DMN files in processes/ and the code.
 * A rename here must be made in the diagrams too (test/unit/process-contract.spec.ts checks both).
 */
export const ProcessKey = {
  petition: 'petition',
  unitHandling: 'unit-handling',
  review: 'review',
  hearing: 'hearing',
  closeAssessmentPeriod: 'close-assessment-period',
} as const;

export const DecisionKey = {
  routing: 'routing',
  assessmentScoring: 'assessment-scoring',
} as const;

export const Topic = {
  register: 'petition-register',
  directReport: 'petition-direct-report',
  route: 'petition-route',
  notify: 'petition-notify',
  publicize: 'petition-publicize',
  assess: 'petition-assess',
  close: 'petition-close',
  deadline: 'petition-deadline',
  ratingLapse: 'petition-rating-lapse',
  reviewOpen: 'petition-review-open',
  conclude: 'petition-conclude',
  hearingOpen: 'petition-hearing-open',
  hearingClose: 'petition-hearing-close',
  closeAssessmentPeriod: 'close-assessment-period',
} as const;
export type TopicName = (typeof Topic)[keyof typeof Topic];

/** User task definition keys: the steps a person completes. */
export const Step = {
  forwardToTownship: 'forward-to-township',
  acceptDecision: 'accept-decision',
  handlePetition: 'handle-petition',
  replyPetition: 'reply-petition',
  reviewCompletionReport: 'review-completion-report',
  // One per lane: the county's or the city's petition office settles a dispute.
  decideDisputeCounty: 'decide-dispute-county',
  decideDisputeCity: 'decide-dispute-city',
  approveExtension: 'approve-extension',
  decideReview: 'decide-review',
  decideReReview: 'decide-re-review',
  scheduleHearing: 'schedule-hearing',
  recordHearing: 'record-hearing',
} as const;
export type StepKey = (typeof Step)[keyof typeof Step];

/** Process variables. The process carries ids and routing facts, never personal data. */
/** Messages the API correlates into running processes. */
export const Message = {
  extensionRequested: 'extension-requested',
  rated: 'petition-rated',
  reviewRequested: 'review-requested',
  reReviewRequested: 're-review-requested',
  hearingRequested: 'hearing-requested',
  // Starts close-assessment-period for a given month (not correlated into a running instance).
  closeAssessmentPeriodRequested: 'close-assessment-period-requested',
} as const;

export const Var = {
  petitionId: 'petitionId',
  category: 'category',
  matterScope: 'matterScope',
  regionCode: 'regionCode',
  countyCode: 'countyCode',
  entryLevel: 'entryLevel',
  receivingUnitCode: 'receivingUnitCode',
  collective: 'collective',
  refuseConcluded: 'refuseConcluded',
  competentLevel: 'competentLevel',
  unitKind: 'unitKind',
  competentUnitCode: 'competentUnitCode',
  levelSkip: 'levelSkip',
  acceptDueDate: 'acceptDueDate',
  forwardDueDate: 'forwardDueDate',
  decision: 'decision',
  bound: 'bound',
  needsDecision: 'needsDecision',
  superiorUnitCode: 'superiorUnitCode',
  superiorLevel: 'superiorLevel',
  decisionDueDate: 'decisionDueDate',
  assignedByUnitCode: 'assignedByUnitCode',
  assignDueDate: 'assignDueDate',
  completionApproved: 'completionApproved',
  handleDueDate: 'handleDueDate',
  reviewDueDate: 'reviewDueDate',
  replyOutcome: 'replyOutcome',
  notice: 'notice',
  ratingClosesAt: 'ratingClosesAt',
  reviewRequestClosesAt: 'reviewRequestClosesAt',
  reReviewRequestClosesAt: 'reReviewRequestClosesAt',
  reviewRequested: 'reviewRequested',
  reviewStage: 'reviewStage',
  reviewingUnitCode: 'reviewingUnitCode',
  reviewOutcome: 'reviewOutcome',
  rehandle: 'rehandle',
  hearingId: 'hearingId',
  hearingUnitCode: 'hearingUnitCode',
  hearingAt: 'hearingAt',
  hearingPlace: 'hearingPlace',
  /** The month an assessment close is for (YYYY-MM). */
  period: 'period',
} as const;

/** What a unit decides when a petition reaches it (unit-handling's first step). */
export const Decision = {
  accept: 'accept',
  decline: 'decline',
  divertLegal: 'divert-legal',
  transfer: 'transfer',
  assignDown: 'assign-down',
  reportUp: 'report-up',
  return: 'return',
  dispute: 'dispute',
} as const;
export type DecisionValue = (typeof Decision)[keyof typeof Decision];
/** Decisions that hand the petition to another unit instead of ending the unit's part. */
export const HAND_OVER_DECISIONS: DecisionValue[] = ['transfer', 'assign-down', 'report-up', 'return', 'dispute'];

export const Notice = {
  decline: 'decline',
  reply: 'reply',
  refuseConcluded: 'refuse-concluded',
  levelSkip: 'level-skip',
  legalRoute: 'legal-route',
  extension: 'extension',
  hearing: 'hearing',
  // Sent by the steps that cause them (in the completion's transaction), not by a BPMN notify task.
  accept: 'accept',
  transfer: 'transfer',
  reviewOpinion: 'review-opinion',
  reReviewOpinion: 're-review-opinion',
} as const;
export type NoticeKind = (typeof Notice)[keyof typeof Notice];

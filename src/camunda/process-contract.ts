/**
 * The names shared between the BPMN/DMN files in processes/ and the code.
 * A rename here must be made in the diagrams too (test/unit/process-contract.spec.ts checks both).
 */
export const ProcessKey = {
  petition: 'petition',
  unitHandling: 'unit-handling',
} as const;

export const DecisionKey = {
  routing: 'routing',
} as const;

export const Topic = {
  register: 'petition-register',
  route: 'petition-route',
  notify: 'petition-notify',
  publicize: 'petition-publicize',
  assess: 'petition-assess',
  close: 'petition-close',
} as const;
export type TopicName = (typeof Topic)[keyof typeof Topic];

/** User task definition keys: the steps a person completes. */
export const Step = {
  acceptDecision: 'accept-decision',
  handlePetition: 'handle-petition',
  replyPetition: 'reply-petition',
} as const;
export type StepKey = (typeof Step)[keyof typeof Step];

/** Process variables. The process carries ids and routing facts, never personal data. */
export const Var = {
  petitionId: 'petitionId',
  category: 'category',
  matterScope: 'matterScope',
  regionCode: 'regionCode',
  competentLevel: 'competentLevel',
  unitKind: 'unitKind',
  competentUnitCode: 'competentUnitCode',
  acceptDueDate: 'acceptDueDate',
  decision: 'decision',
  handleDueDate: 'handleDueDate',
  replyOutcome: 'replyOutcome',
  notice: 'notice',
} as const;

export const Decision = { accept: 'accept', decline: 'decline' } as const;
export type DecisionValue = (typeof Decision)[keyof typeof Decision];

export const Notice = { decline: 'decline', reply: 'reply' } as const;
export type NoticeKind = (typeof Notice)[keyof typeof Notice];

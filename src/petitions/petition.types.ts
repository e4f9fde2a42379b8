export const CHANNELS = ['letter', 'visit', 'online', 'phone', 'fax', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['suggestion', 'accusation', 'complaint'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PETITION_STATUSES = [
  'received',
  'registered',
  'awaiting-forwarding',
  'awaiting-acceptance',
  'awaiting-decision',
  'handling',
  'replied',
  'declined',
  'diverted',
  'refused',
  'closed',
  /** 复查中: a review was requested (Art. 35). */
  'under-review',
  /** 已复查: the review opinion is given; the re-review window runs (Art. 36). */
  'reviewed',
  /** 复核中. */
  'under-re-review',
  /** 终结: re-reviewed, or a review window lapsed unused; the same matter is not accepted again. */
  'concluded',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const REPLY_OUTCOMES = ['support', 'explain', 'reject'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** 送达: how the written reply reached the petitioner; its date starts the review and rating windows. */
export const SERVICE_METHODS = ['in-person', 'post', 'sms', 'online'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** 满意 / 基本满意 / 不满意, given separately for the handling unit and the petition office. */
export const RATING_VALUES = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type RatingValue = (typeof RATING_VALUES)[number];

/** 满意率 counts 满意 and 基本满意 as satisfied. */
export function isSatisfied(value: unknown): boolean {
  return value === 'satisfied' || value === 'basically-satisfied';
}

/** How a rating or a review request reached the system: the public page, or a registrar taking it down. */
export const AFTER_REPLY_CHANNELS = ['online', 'phone', 'in-person'] as const;
export type AfterReplyChannel = (typeof AFTER_REPLY_CHANNELS)[number];

/** 复查 (Art. 35) and 复核 (Art. 36). */
export const REVIEW_STAGES = ['review', 're-review'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** 维持 / 变更 / 撤销并责令重新办理. */
export const REVIEW_OUTCOMES = ['uphold', 'change', 'revoke'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Why a matter is concluded: re-reviewed (Art. 36), or a request window lapsed unused. */
export const CONCLUSION_GROUNDS = ['re-reviewed', 'review-lapsed', 're-review-lapsed'] as const;
export type ConclusionGround = (typeof CONCLUSION_GROUNDS)[number];

/** 5 or more people on one matter make a collective petition; they choose at most 5 representatives (Art. 20). */
export const COLLECTIVE_MIN_PERSONS = 5;
export const MAX_REPRESENTATIVES = 5;

/** What happens to a reply after it is given, in order: each is also shown on the public progress page. */
export const AFTER_REPLY_EVENT_KINDS = [
  'served',
  'rated',
  'rating-lapsed',
  'review-requested',
  'reviewed',
  're-review-requested',
  're-reviewed',
  'concluded',
] as const;

export const EVENT_KINDS = [
  'received',
  'registered',
  'repeat',
  'refused',
  'direct-reported',
  'forwarded',
  'routed',
  'level-skip',
  'claimed',
  'task-unclaimed',
  'task-reassigned',
  'task-delegated',
  'delegation-resolved',
  'accepted',
  'declined',
  'diverted',
  'handed-over',
  'decided',
  'handled',
  'replied',
  'completion-approved',
  'completion-returned',
  'extension-requested',
  'extension-approved',
  'extension-refused',
  'reminded',
  'supervised',
  'discipline-recommended',
  'supervision-feedback',
  'notified',
  'publicized',
  'assessed',
  'closed',
  ...AFTER_REPLY_EVENT_KINDS,
  'new-facts',
  'hearing-requested',
  'hearing-scheduled',
  'hearing-held',
  'representative-invited',
  'representative-opinion',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Where a litigation-related matter belongs instead (诉访分离). */
export const LEGAL_ROUTES = ['litigation', 'arbitration', 'administrative-review'] as const;
export type LegalRoute = (typeof LEGAL_ROUTES)[number];

/** How a petition ended, in one word: declined, diverted, refused, or the reply's outcome. */
export function resultOf(petition: { decision: string | null; replyOutcome: ReplyOutcome | null }): string {
  switch (petition.decision) {
    case 'decline':
      return 'declined';
    case 'divert-legal':
      return 'diverted';
    case 'refuse-concluded':
      return 'refused';
    default:
      return petition.replyOutcome ?? 'closed';
  }
}

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
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const REPLY_OUTCOMES = ['support', 'explain', 'reject'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** 5 or more people on one matter make a collective petition; they choose at most 5 representatives (Art. 20). */
export const COLLECTIVE_MIN_PERSONS = 5;
export const MAX_REPRESENTATIVES = 5;

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

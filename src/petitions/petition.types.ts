export const CHANNELS = ['letter', 'visit', 'online', 'phone', 'fax', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = ['suggestion', 'accusation', 'complaint'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PETITION_STATUSES = [
  'received',
  'registered',
  'awaiting-acceptance',
  'handling',
  'replied',
  'declined',
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
  'routed',
  'claimed',
  'accepted',
  'declined',
  'handled',
  'replied',
  'notified',
  'publicized',
  'assessed',
  'closed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

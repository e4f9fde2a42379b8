// The petition vocabulary the API answers with (src/petitions/petition.types.ts in the API): one list
// for every page that offers these as choices or counts by them, in the order they are shown.

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
  'under-review',
  'reviewed',
  'under-re-review',
  'concluded',
] as const;
export const PETITION_CATEGORIES = ['complaint', 'suggestion', 'accusation'] as const;
/** As listed in filters and reports; the registration form puts 走访 first (its most common case). */
export const PETITION_CHANNELS = ['letter', 'visit', 'online', 'phone', 'fax', 'agent'] as const;

export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export type PetitionCategory = (typeof PETITION_CATEGORIES)[number];
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

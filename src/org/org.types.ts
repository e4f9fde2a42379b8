export const LEVELS = ['city', 'county', 'township', 'village'] as const;
export type Level = (typeof LEVELS)[number];

export const UNIT_KINDS = [
  'petition-office',
  'handling-room',
  'department',
  'discipline-inspection',
  'agent-station',
  // 综治办、司法所、派出所… joined to a township mediation office
  'member-body',
  // 党委政府领导: receives leader direct reports of major and collective matters
  'leadership',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Position in the tree, 0 = city. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

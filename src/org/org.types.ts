export const LEVELS = ['city', 'county', 'township', 'village'] as const;
export type Level = (typeof LEVELS)[number];

export const UNIT_KINDS = [
  'petition-office',
  'handling-room',
  'department',
  'discipline-inspection',
  'agent-station',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Position in the tree, 0 = city. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

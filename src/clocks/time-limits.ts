/**
 * Statutory time limits (信访工作条例, 2022). Timers and task due dates read from here, so changing
 * a limit is one edit.
 */
export interface TimeLimit {
  days: number;
  unit: 'calendar-days';
  /** The article of the regulation the limit comes from. */
  article: string;
  description: string;
}

export const TIME_LIMITS = {
  routing: {
    days: 15,
    unit: 'calendar-days',
    article: '信访工作条例 第二十二条',
    description: 'the petition office transfers, assigns or reports up a registered matter',
  },
  acceptance: {
    days: 15,
    unit: 'calendar-days',
    article: '信访工作条例 第二十三条',
    description: 'acceptance decision and written notice, from receipt by the competent unit',
  },
  handling: {
    days: 60,
    unit: 'calendar-days',
    article: '信访工作条例 第三十四条',
    description: 'handling opinion, from acceptance',
  },
} as const satisfies Record<string, TimeLimit>;

export type TimeLimitName = keyof typeof TIME_LIMITS;

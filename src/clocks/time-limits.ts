/**
 * Statutory time limits (信访工作条例, 2022). Timers and task due dates read from here, so changing
 * a limit is one edit.
 */
export interface TimeLimit {
  days: number;
  unit: 'calendar-days' | 'working-days';
  /** The article of the regulation (or the local rule) the limit comes from. */
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
  return: {
    days: 5,
    unit: 'working-days',
    article: '信访工作条例 第二十三条',
    description: 'a unit that is not competent returns a transferred matter, with reasons',
  },
  agentForwarding: {
    days: 1,
    unit: 'working-days',
    article: '本市信访代办工作规则',
    description: 'the village agent station forwards a filed petition to its township',
  },
  handling: {
    days: 60,
    unit: 'calendar-days',
    article: '信访工作条例 第三十四条',
    description: 'handling opinion, from acceptance',
  },
  simplified: {
    days: 10,
    unit: 'working-days',
    article: '本市信访事项简易办理规定',
    description: 'handling opinion in the simplified path, from acceptance',
  },
  extension: {
    days: 30,
    unit: 'calendar-days',
    article: '信访工作条例 第三十四条',
    description: 'the longest extension of the handling period, approved by the unit head, once',
  },
  completionReview: {
    days: 10,
    unit: 'working-days',
    article: '本市信访事项交办工作规则',
    description: 'the assigning unit reviews a completion report',
  },
  extensionApproval: {
    days: 3,
    unit: 'working-days',
    article: '本市信访工作规则',
    description: 'the unit head decides on a request to extend the handling period',
  },
  supervisionFeedback: {
    days: 5,
    unit: 'working-days',
    article: '信访工作条例 第三十九条',
    description: 'a supervised unit reports back on a supervision notice',
  },
} as const satisfies Record<string, TimeLimit>;

export type TimeLimitName = keyof typeof TIME_LIMITS;

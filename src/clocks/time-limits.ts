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
  reviewRequest: {
    days: 30,
    unit: 'calendar-days',
    article: '信访工作条例 第三十五条',
    description: 'the petitioner may ask the body above the handling unit for a review, from service of the written reply',
  },
  review: {
    days: 30,
    unit: 'calendar-days',
    article: '信访工作条例 第三十五条',
    description: 'the reviewing body gives its written review opinion, from receipt of the request',
  },
  reReviewRequest: {
    days: 30,
    unit: 'calendar-days',
    article: '信访工作条例 第三十六条',
    description: 'the petitioner may ask the body above the reviewing body for a re-review, from receipt of the review opinion',
  },
  reReview: {
    days: 30,
    unit: 'calendar-days',
    article: '信访工作条例 第三十六条',
    description: 'the re-reviewing body gives its written re-review opinion, from receipt of the request; hearing time not counted',
  },
  rating: {
    days: 30,
    unit: 'calendar-days',
    article: '本市信访事项满意度评价办法',
    description: 'the petitioner rates the handling unit and the petition office, from service of the reply; never open past the review-request window',
  },
  hearing: {
    days: 30,
    unit: 'calendar-days',
    article: '省信访听证办法（本地配置）',
    description: 'a hearing is held and its minutes recorded, from the decision to hold it (provincial rule, set by configuration)',
  },
  hearingNotice: {
    days: 7,
    unit: 'calendar-days',
    article: '省信访听证办法（本地配置）',
    description: 'the parties are told of a hearing at least this long before it (provincial rule, set by configuration)',
  },
} as const satisfies Record<string, TimeLimit>;

export type TimeLimitName = keyof typeof TIME_LIMITS;

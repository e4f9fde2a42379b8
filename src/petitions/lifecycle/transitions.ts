import { PETITION_STATUSES, type EventKind, type PetitionStatus } from '../petition.types';

/**
 * Everything that can happen to a petition's status, as a table: the statuses an event may happen
 * in, the status it leaves the petition in, and the timeline entry that records it. The lifecycle
 * (petition-lifecycle.ts) refuses an event from any other status; a new stage of a petition's life
 * is new rows here and a method there.
 */
export interface Transition {
  from: readonly PetitionStatus[];
  /** The status after the event; `same` leaves it as it was (a deadline or holder changes). */
  to: PetitionStatus | 'same';
  timeline: EventKind;
}

/** Every status but the two ends: a unit closing hands on whatever it still holds. */
export const OPEN: readonly PetitionStatus[] = PETITION_STATUSES.filter((status) => status !== 'closed' && status !== 'concluded');

export const TRANSITIONS = {
  /** 登记: the intake rules applied; it enters at a petition office… */
  register: { from: ['received'], to: 'registered', timeline: 'registered' },
  /** …or waits for its village agent station to forward it. */
  registerAtAgentStation: { from: ['received'], to: 'awaiting-forwarding', timeline: 'registered' },
  /** 不再受理: the same matter was concluded before (Art. 36). */
  refuseConcluded: { from: ['received'], to: 'refused', timeline: 'refused' },
  /** 代办转交: the agent station forwards it to its township. */
  forward: { from: ['awaiting-forwarding'], to: 'registered', timeline: 'forwarded' },
  /** 分流: routing.dmn names the competent unit; the acceptance clock starts (Art. 23). */
  route: { from: ['registered'], to: 'awaiting-acceptance', timeline: 'routed' },
  /** 转送 / 交办 / 报请 / 退回: another unit is to decide on acceptance. */
  handOver: { from: ['awaiting-acceptance'], to: 'awaiting-acceptance', timeline: 'handed-over' },
  /** 争议, or a second return: the nearest common superior is to decide who handles it. */
  refer: { from: ['awaiting-acceptance'], to: 'awaiting-decision', timeline: 'handed-over' },
  /** 裁决: the superior's binding choice of a handling unit. */
  decide: { from: ['awaiting-decision'], to: 'awaiting-acceptance', timeline: 'decided' },
  /** 受理: the handling clock starts (Art. 34). */
  accept: { from: ['awaiting-acceptance'], to: 'handling', timeline: 'accepted' },
  /** 不予受理. */
  decline: { from: ['awaiting-acceptance'], to: 'declined', timeline: 'declined' },
  /** 诉访分离: to litigation, arbitration or administrative review. */
  divert: { from: ['awaiting-acceptance'], to: 'diverted', timeline: 'diverted' },
  /** 调查核实. */
  recordFindings: { from: ['handling'], to: 'same', timeline: 'handled' },
  /** 延期 (Art. 34): the handling deadline moves once, by at most 30 days. */
  extend: { from: ['handling', 'replied'], to: 'same', timeline: 'extension-approved' },
  /** 答复 (Art. 32), and its service (送达), which opens the rating and review windows. */
  reply: { from: ['handling'], to: 'replied', timeline: 'replied' },
  /** 送达 recorded after the reply (a posted letter's return receipt): the windows count from it. */
  serve: { from: ['replied'], to: 'same', timeline: 'served' },
  /** …and of the review opinion: the re-review window counts from it (Art. 36). */
  serveReviewOpinion: { from: ['reviewed'], to: 'same', timeline: 'served' },
  /** 满意度评价: one per reply, while the window is open and no review was asked for. */
  rate: { from: ['replied'], to: 'same', timeline: 'rated' },
  /** 未评价: the rating window ended (or a review was asked for) without a rating. */
  lapseRating: { from: ['replied', 'under-review', 'reviewed', 'under-re-review', 'concluded'], to: 'same', timeline: 'rating-lapsed' },
  /** 复查: the body above the one that replied takes the request up (Art. 35). */
  openReview: { from: ['replied'], to: 'under-review', timeline: 'review-requested' },
  /** 维持 / 变更: the written review opinion; the re-review window opens (Art. 36). */
  decideReview: { from: ['under-review'], to: 'reviewed', timeline: 'reviewed' },
  /** 复核: the body above the reviewing body takes the request up (Art. 36). */
  openReReview: { from: ['reviewed'], to: 'under-re-review', timeline: 're-review-requested' },
  /** 维持 / 变更 on re-review: the matter is concluded (Art. 36). */
  decideReReview: { from: ['under-re-review'], to: 'concluded', timeline: 're-reviewed' },
  /** 撤销, 责令重新办理: the unit that replied handles the matter again, on a new deadline. */
  revokeOnReview: { from: ['under-review'], to: 'handling', timeline: 'reviewed' },
  revokeOnReReview: { from: ['under-re-review'], to: 'handling', timeline: 're-reviewed' },
  /** 听证 held: the clock of the step that called it moves by the time it took (Art. 36). */
  resumeAfterHearing: {
    from: ['handling', 'replied', 'under-review', 'reviewed', 'under-re-review', 'concluded'],
    to: 'same',
    timeline: 'hearing-held',
  },
  /** 终结: a review or re-review window lapsed unused. */
  lapse: { from: ['replied', 'reviewed'], to: 'concluded', timeline: 'concluded' },
  /** The assigning unit accepts the completion report… */
  approveCompletion: { from: ['replied'], to: 'same', timeline: 'completion-approved' },
  /** …or sends it back to be handled again. */
  returnCompletion: { from: ['replied'], to: 'handling', timeline: 'completion-returned' },
  /** 办结归档: the process ends; the case stays readable. */
  close: { from: ['replied', 'declined', 'diverted', 'refused'], to: 'closed', timeline: 'closed' },
  /** 撤并: the unit holding it closed; its successor takes over (a link on the chain like any other). */
  succeed: { from: OPEN, to: 'same', timeline: 'handed-over' },
} as const satisfies Record<string, Transition>;

export type LifecycleEvent = keyof typeof TRANSITIONS;
export const LIFECYCLE_EVENTS = Object.keys(TRANSITIONS) as LifecycleEvent[];

/** The status an event leaves a petition in, or null when the event may not happen in `status`. */
export function nextStatus(status: PetitionStatus, event: LifecycleEvent): PetitionStatus | null {
  const transition: Transition = TRANSITIONS[event];
  if (!transition.from.includes(status)) return null;
  return transition.to === 'same' ? status : transition.to;
}

import { deadlineFor } from './deadline';
import { TIME_LIMITS } from './time-limits';

/**
 * The windows that open when a written opinion reaches the petitioner: rating the reply, asking for a
 * review of it (Art. 35), asking for a re-review of the review opinion (Art. 36). The timers in
 * petition.bpmn are set from these instants and the API refuses a late request by them, so both
 * close at the same moment.
 */

/** The request window that opens with an opinion: a review after the reply, a re-review after the review. */
export function requestWindow<Stage extends 'review' | 're-review'>(stage: Stage, opinionServedAt: Date): { stage: Stage; closesAt: Date; article: string } {
  const limit = stage === 'review' ? 'reviewRequest' : 'reReviewRequest';
  return { stage, closesAt: deadlineFor(limit, opinionServedAt), article: TIME_LIMITS[limit].article };
}

/**
 * A service known by its day only (a return receipt's date, a letter expected on a later day): noon,
 * China time, so that the day is the same wherever the moment is read.
 */
export function servedOnDay(day: string): Date {
  return new Date(`${day}T12:00:00+08:00`);
}

/** The instants petition.bpmn's after-reply timers are set from, for a reply served at `servedAt`. */
export function replyWindows(servedAt: Date): { ratingClosesAt: Date; reviewRequestClosesAt: Date } {
  return { ratingClosesAt: ratingClosesAt(servedAt), reviewRequestClosesAt: requestWindow('review', servedAt).closesAt };
}

/** The rating window never outlasts the review window: once that closes, the reply is final. */
export function ratingClosesAt(servedAt: Date): Date {
  const rating = deadlineFor('rating', servedAt);
  const review = requestWindow('review', servedAt).closesAt;
  return rating < review ? rating : review;
}

import { ApiError, createApiClient, messageFromBody, type FetchLike } from '@/api/client';
import { currentLocale, translate } from '@/i18n';
import { normalizePetitionNumber, normalizeQueryCode, retryAfterSeconds } from './queryCode';

export interface PublicProgress {
  number: string;
  status: string;
  receivedAt: string;
  currentUnit: string | null;
  committedDate: string | null;
  deadlines: { name: string; dueAt: string; article: string; metAt: string | null }[];
  timeline: { step: string; at: string; unit: string | null }[];
  result: { result: string; unit: string; summary: string; publishedAt: string } | null;
  /** What follows the reply (served, rating, review and re-review, conclusion); null until the reply is served. */
  afterReply?: AfterReply | null;
}

/** 满意 / 基本满意 / 不满意 */
export type Rating = 'satisfied' | 'basically-satisfied' | 'dissatisfied';
export const RATINGS: readonly Rating[] = ['satisfied', 'basically-satisfied', 'dissatisfied'];

/** 复查 (Art. 35, first paragraph) or 复核 (second paragraph). */
export type ReviewStage = 'review' | 're-review';
export type ReviewOutcome = 'uphold' | 'change' | 'revoke';

export interface GivenRating {
  handlingUnit: Rating;
  petitionOffice: Rating;
  ratedAt: string;
}

export interface ReviewEntry {
  stage: ReviewStage;
  requestedAt: string;
  dueAt: string;
  reviewingUnit: string | null;
  outcome: ReviewOutcome | null;
  opinion: string | null;
  decidedAt: string | null;
}

export interface AfterReply {
  servedAt: string;
  serviceMethod: 'in-person' | 'post' | 'sms' | 'online';
  /** 答复意见: the reply's text as the API publishes it (redacted); null or absent when not shown. */
  replyText?: string | null;
  rating: {
    open: boolean;
    closesAt: string;
    given: GivenRating | null;
    /** The rating window ended without a rating (未评价). */
    lapsed: boolean;
  };
  reviewRequest: {
    /** The request the petitioner may make now; null: no further request is possible. */
    stage: ReviewStage | null;
    open: boolean;
    closesAt: string | null;
    article: string;
  };
  reviews: ReviewEntry[];
  conclusion: { at: string; ground: 're-reviewed' | 'review-lapsed' | 're-review-lapsed' } | null;
}

export interface RatingInput {
  handlingUnit: Rating;
  petitionOffice: Rating;
  comment?: string;
}

export interface ReviewRequested {
  stage: ReviewStage;
  dueAt: string;
  reviewingUnit: string | null;
}

/** A refused lookup: 404 (no such number and code) or 429 (too many attempts, with the wait). */
export class ProgressError extends ApiError {
  constructor(
    message: string,
    status: number | null,
    readonly retryAfter: number | null = null,
  ) {
    super(message, status === null ? 'network' : 'http', status);
  }
}

/** GET /api/public/progress without a token (the page is for signed-out petitioners). */
export async function fetchProgress(
  number: string,
  code: string,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<PublicProgress> {
  const query = new URLSearchParams({ number: normalizePetitionNumber(number), code: normalizeQueryCode(code) });
  let response: Response;
  let text: string;
  try {
    response = await doFetch(`/api/public/progress?${query}`, { headers: { Accept: 'application/json', 'Accept-Language': currentLocale() } });
    text = await response.text();
  } catch {
    throw new ProgressError(translate('errors.network'), null);
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status === 429) {
    const seconds = retryAfterSeconds(response.headers.get('Retry-After'));
    const message = seconds !== null ? translate('publicPage.errors.tooMany', { seconds }) : translate('publicPage.errors.tooManyLater');
    throw new ProgressError(message, 429, seconds);
  }
  if (!response.ok) {
    const fallback = response.status === 404 ? translate('publicPage.errors.notFound') : translate('errors.http', { status: response.status });
    throw new ProgressError(messageFromBody(body) ?? fallback, response.status);
  }
  if (!body || typeof body !== 'object') throw new ProgressError(translate('errors.badResponse'), response.status);
  return body as PublicProgress;
}

/**
 * The petitioner's own requests (rating, review request): POST without a token, identified by the number
 * and query code; failures become ApiError with the API's localized message, as everywhere else.
 */
function publicClient(doFetch?: FetchLike) {
  return createApiClient({ baseUrl: '/api', translate, getLocale: currentLocale, fetch: doFetch });
}

/** POST /api/public/rating → {ratedAt}. */
export function submitRating(number: string, code: string, input: RatingInput, doFetch?: FetchLike): Promise<{ ratedAt: string }> {
  const body: Record<string, unknown> = {
    number: normalizePetitionNumber(number),
    code: normalizeQueryCode(code),
    handlingUnit: input.handlingUnit,
    petitionOffice: input.petitionOffice,
  };
  const comment = input.comment?.trim();
  if (comment) body.comment = comment;
  return publicClient(doFetch).post<{ ratedAt: string }>('/public/rating', body);
}

/** POST /api/public/review-request → {stage, dueAt, reviewingUnit}; 409 when no request may be made now. */
export function requestReview(number: string, code: string, reasons: string, doFetch?: FetchLike): Promise<ReviewRequested> {
  return publicClient(doFetch).post<ReviewRequested>('/public/review-request', {
    number: normalizePetitionNumber(number),
    code: normalizeQueryCode(code),
    reasons: reasons.trim(),
  });
}

import { ApiError, messageFromBody } from '@/api/client';
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

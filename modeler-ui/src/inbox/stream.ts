// The inbox's live stream (GET /api/inbox/stream): read with fetch so that it carries the bearer token,
// parsed frame by frame, and made again with a growing pause whenever it ends or fails.
import type { FetchLike } from '@/api/client';
import { createSseParser, type SseEvent } from './sse';

export type StreamState = 'connecting' | 'open' | 'waiting' | 'stopped';

export interface InboxStreamOptions {
  getToken: () => string | null | undefined;
  onEvent: (event: SseEvent) => void;
  /** The API refused the token (401): the stream stops for good. */
  onUnauthorized?: () => void;
  onState?: (state: StreamState) => void;
  /** Called with the pause before each new attempt (tests watch the back-off through it). */
  onReconnect?: (delayMs: number, attempt: number) => void;
  url?: string;
  getLocale?: () => string;
  /** Defaults to the global fetch. Tests pass a fake. */
  fetch?: FetchLike;
  /** The first pause after a failure; it doubles with each failure in a row, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Nothing received for this long, not even a heartbeat: the connection is taken for dead and made again. 0 disables. */
  idleTimeoutMs?: number;
  /** Spreads the reconnections of many browsers after an outage; tests pass () => 0.5 (no spread). */
  random?: () => number;
}

export interface InboxStream {
  stop(): void;
}

/** The pause before attempt `attempt` (0 = the first after a failure): doubling, capped, ±20 %. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Opens the stream now and keeps it open until `stop()` (or a 401, or the token is gone). */
export function connectInboxStream(options: InboxStreamOptions): InboxStream {
  const {
    url = '/api/inbox/stream',
    initialDelayMs = 1_000,
    maxDelayMs = 60_000,
    idleTimeoutMs = 90_000,
    random = Math.random,
  } = options;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  let stopped = false;
  let attempt = 0;
  let serverRetry: number | null = null;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (state: StreamState) => options.onState?.(state);

  function armIdle(): void {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    if (idleTimeoutMs > 0) idleTimer = setTimeout(() => controller?.abort(), idleTimeoutMs);
  }

  function stopIdle(): void {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
  }

  async function run(): Promise<void> {
    if (stopped) return;
    const token = options.getToken();
    if (!token) return stop();
    controller = new AbortController();
    setState('connecting');
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
      const locale = options.getLocale?.();
      if (locale) headers['Accept-Language'] = locale;
      armIdle();
      const response = await doFetch(url, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) {
        stop();
        options.onUnauthorized?.();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setState('open');
      const parser = createSseParser({
        onEvent: (event) => {
          attempt = 0; // the server answers: the next failure starts from the shortest pause again
          if (!stopped) options.onEvent(event);
        },
        onRetry: (ms) => (serverRetry = ms),
      });
      const reader = response.body.getReader();
      // An abort (idle, stop) ends the read even where the body does not follow the fetch's signal.
      controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || stopped) break;
          armIdle();
          parser.push(decoder.decode(value, { stream: true }));
        }
        parser.push(decoder.decode());
      } finally {
        parser.end();
      }
    } catch {
      // a network failure, an error answer, or our own abort (idle, stop): made again below unless stopped
    } finally {
      stopIdle();
    }
    if (!stopped) scheduleRetry();
  }

  function scheduleRetry(): void {
    const delay = backoffDelay(attempt, serverRetry ?? initialDelayMs, maxDelayMs, random);
    options.onReconnect?.(delay, attempt);
    attempt++;
    setState('waiting');
    retryTimer = setTimeout(() => void run(), delay);
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    stopIdle();
    controller?.abort();
    setState('stopped');
  }

  void run();
  return { stop };
}

import { ReadableStream } from 'node:stream/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, connectInboxStream, type InboxStream } from '@/inbox/stream';
import type { SseEvent } from '@/inbox/sse';

// GET /api/inbox/stream read with fetch (EventSource cannot send the bearer token), made again with a
// growing pause when it ends or fails, and stopped on sign-out or a 401.

/** A stream body the test writes to. */
function body() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    stream,
    /** Writes; a no-op once the reader went away (as the network would drop it). */
    write: (text: string) => {
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        // cancelled by the reader
      }
    },
    close: () => controller.close(),
  };
}

const answer = (status: number, stream: unknown = null) => ({ ok: status >= 200 && status < 300, status, body: stream }) as unknown as Response;

let stream: InboxStream | null = null;
afterEach(() => {
  stream?.stop();
  stream = null;
  vi.useRealTimers();
});

describe('the back-off', () => {
  it('doubles from the first pause up to the cap, spread by at most a fifth either way', () => {
    const flat = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 1000, 30_000, flat))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(0, 1000, 30_000, () => 0)).toBe(800);
    expect(backoffDelay(0, 1000, 30_000, () => 1)).toBe(1200);
  });
});

describe('the inbox stream', () => {
  it('sends the token and the language in headers, never in the URL, and hands over each event', async () => {
    const b = body();
    const fetch = vi.fn(async () => answer(200, b.stream));
    const events: SseEvent[] = [];
    stream = connectInboxStream({ getToken: () => 'tok', getLocale: () => 'zh-CN', fetch, onEvent: (e) => events.push(e) });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0]! as unknown as [string, RequestInit];
    expect(url).toBe('/api/inbox/stream');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', Accept: 'text/event-stream', 'Accept-Language': 'zh-CN' });

    b.write('event: unread\ndata: {"unread":2}\n\n: ping\n\nevent: inb');
    b.write('ox\ndata: {"unread":3,"item":{"id":"n1","title":"t"}}\n\n');
    await vi.waitFor(() => expect(events.map((e) => e.event)).toEqual(['unread', 'inbox']));
    expect(JSON.parse(events[1]!.data).unread).toBe(3);
  });

  it('connects again with a growing pause while the stream fails, and from the shortest pause once it answers again', async () => {
    vi.useFakeTimers();
    const pauses: number[] = [];
    const live = body();
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(answer(503)),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(answer(200, live.stream)),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ];
    const fetch = vi.fn(() => answers.shift()!());
    const events: SseEvent[] = [];
    stream = connectInboxStream({
      getToken: () => 'tok',
      fetch,
      onEvent: (e) => events.push(e),
      onReconnect: (ms) => pauses.push(ms),
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
      idleTimeoutMs: 0,
      random: () => 0.5,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(pauses).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(pauses).toEqual([1000, 2000]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(pauses).toEqual([1000, 2000, 4000]);
    await vi.advanceTimersByTimeAsync(3999);
    expect(fetch).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(4);

    // the fourth attempt answers; an event proves the connection good, then the server ends it
    live.write('event: unread\ndata: {"unread":1}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toHaveLength(1);
    live.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(pauses).toEqual([1000, 2000, 4000, 1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(5);
    expect(pauses).toEqual([1000, 2000, 4000, 1000, 2000]);
  });

  it('takes a stream silent beyond the idle time for dead and connects again', async () => {
    vi.useFakeTimers();
    const first = body();
    const second = body();
    const streams = [first.stream, second.stream];
    const fetch = vi.fn(async () => answer(200, streams.shift()));
    stream = connectInboxStream({ getToken: () => 'tok', fetch, onEvent: () => undefined, idleTimeoutMs: 5000, initialDelayMs: 100, random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    first.write(': heartbeat\n\n');
    await vi.advanceTimersByTimeAsync(4000);
    first.write(': heartbeat\n\n'); // a heartbeat keeps it alive
    await vi.advanceTimersByTimeAsync(4000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1100); // 5 s of silence, then the 100 ms pause
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('stops for good on a 401 and tells, and when stopped (signed out)', async () => {
    vi.useFakeTimers();
    const onUnauthorized = vi.fn();
    const fetch = vi.fn(async () => answer(401));
    stream = connectInboxStream({ getToken: () => 'old', fetch, onEvent: () => undefined, onUnauthorized, initialDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    const b = body();
    const events: SseEvent[] = [];
    const fetch2 = vi.fn(async () => answer(200, b.stream));
    const states: string[] = [];
    const second = connectInboxStream({ getToken: () => 'tok', fetch: fetch2, onEvent: (e) => events.push(e), onState: (s) => states.push(s), initialDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(0);
    second.stop();
    b.write('data: late\n\n');
    await vi.advanceTimersByTimeAsync(1000);
    expect(events).toEqual([]);
    expect(fetch2).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe('stopped');
  });

  it('does not connect without a token', async () => {
    const fetch = vi.fn();
    stream = connectInboxStream({ getToken: () => null, fetch, onEvent: () => undefined });
    await Promise.resolve();
    expect(fetch).not.toHaveBeenCalled();
  });
});

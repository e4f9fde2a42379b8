// A parser of Server-Sent Events frames (text/event-stream, as the HTML standard defines them), for a
// stream read with fetch: EventSource cannot send the Authorization header.

export interface SseEvent {
  /** The `event:` field; "message" when the frame has none. */
  event: string;
  /** The `data:` lines, joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream, if any. */
  id: string | null;
}

export interface SseHandlers {
  onEvent: (event: SseEvent) => void;
  /** A `:` line (the server's heartbeat), without the colon. */
  onComment?: (text: string) => void;
  /** A `retry:` field: the reconnection time the server asks for, in milliseconds. */
  onRetry?: (ms: number) => void;
}

export interface SseParser {
  /** Feeds decoded text, cut anywhere (inside a line, between CR and LF, …). */
  push(chunk: string): void;
  /** The stream ended: an event not closed by a blank line is dropped, as the standard says. */
  end(): void;
}

export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  let atStart = true;
  /** The last chunk ended with CR: a LF at the start of the next one belongs to that line break. */
  let skipLf = false;
  let type = '';
  let data: string[] = [];
  let lastId: string | null = null;

  function dispatch(): void {
    if (data.length === 0) {
      type = '';
      return;
    }
    const event: SseEvent = { event: type || 'message', data: data.join('\n'), id: lastId };
    type = '';
    data = [];
    handlers.onEvent(event);
  }

  function line(text: string): void {
    if (text === '') return dispatch();
    if (text.startsWith(':')) {
      handlers.onComment?.(text.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
      // unknown fields are ignored
    }
  }

  function push(chunk: string): void {
    if (!chunk) return;
    if (atStart) {
      atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    buffer += chunk;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (skipLf) {
        skipLf = false;
        if (c === '\n') {
          start = i + 1;
          continue;
        }
      }
      if (c === '\r' || c === '\n') {
        line(buffer.slice(start, i));
        start = i + 1;
        if (c === '\r') skipLf = true;
      }
    }
    buffer = buffer.slice(start);
  }

  function end(): void {
    buffer = '';
    type = '';
    data = [];
    skipLf = false;
  }

  return { push, end };
}

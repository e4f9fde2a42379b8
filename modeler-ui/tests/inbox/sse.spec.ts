import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '@/inbox/sse';

// The frames of GET /api/inbox/stream, however the network cuts them.

function parse(chunks: string[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments, retries };
}

/** Every way of cutting `text` in two, and one character at a time. */
function cuts(text: string): string[][] {
  const ways = [[text], [...text]];
  for (let i = 1; i < text.length; i++) ways.push([text.slice(0, i), text.slice(i)]);
  return ways;
}

const STREAM = 'event: unread\ndata: {"unread":3}\n\n: heartbeat\n\nevent: inbox\ndata: {"unread":4,\ndata: "item":{"id":"n1","title":"新任务"}}\n\n';

describe('the SSE frame parser', () => {
  it('reads named events, joins multi-line data with newlines and passes comments aside', () => {
    const { events, comments } = parse([STREAM]);
    expect(events).toEqual([
      { event: 'unread', data: '{"unread":3}', id: null },
      { event: 'inbox', data: '{"unread":4,\n"item":{"id":"n1","title":"新任务"}}', id: null },
    ]);
    expect(JSON.parse(events[1]!.data)).toEqual({ unread: 4, item: { id: 'n1', title: '新任务' } });
    expect(comments).toEqual(['heartbeat']);
  });

  it('gives the same events however the chunks are cut', () => {
    const expected = parse([STREAM]).events;
    for (const chunks of cuts(STREAM)) expect(parse(chunks).events, JSON.stringify(chunks)).toEqual(expected);
  });

  it('accepts CRLF and lone CR line ends, also with the CR and LF in different chunks', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const cr = STREAM.replace(/\n/g, '\r');
    const expected = parse([STREAM]).events;
    for (const text of [crlf, cr]) {
      for (const chunks of cuts(text)) expect(parse(chunks).events, JSON.stringify(chunks)).toEqual(expected);
    }
    // a CR closing one chunk and the LF opening the next make one line break, not an empty line
    expect(parse(['data: a\r', '\ndata: b\r\n\r\n']).events).toEqual([{ event: 'message', data: 'a\nb', id: null }]);
  });

  it('treats a frame without event: as "message", strips one space after the colon only, and keeps ids', () => {
    const { events } = parse(['id: 7\ndata:  two spaces\ndata\ndata:x\n\n', 'data: next\n\n']);
    expect(events).toEqual([
      { event: 'message', data: ' two spaces\n\nx', id: '7' },
      { event: 'message', data: 'next', id: '7' },
    ]);
  });

  it('ignores frames without data, unknown fields and a byte-order mark, and reports retry:', () => {
    const { events, comments, retries } = parse(['\uFEFF: hi\n', 'event: unread\n\n', 'foo: bar\nretry: 5000\nretry: soon\ndata: 1\n\n']);
    expect(comments).toEqual(['hi']);
    expect(retries).toEqual([5000]);
    // the "unread" name of the frame without data does not stick to the next one
    expect(events).toEqual([{ event: 'message', data: '1', id: null }]);
  });

  it('drops an event the stream ended before its blank line', () => {
    expect(parse(['event: inbox\ndata: {"unread":1}\n']).events).toEqual([]);
    expect(parse(['data: done\n\ndata: cut']).events).toEqual([{ event: 'message', data: 'done', id: null }]);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeFailure, send } from '../../src/camunda/engine-http';

/** A real HTTP server on loopback: `answer` decides what each request gets. */
async function serve(answer: (body: string, respond: (status: number, type: string, text: string) => void) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => answer(body, (status, type, text) => res.writeHead(status, { 'content-type': type }).end(text)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the engine HTTP call', () => {
  it('sends the body and headers and gives back the status, the content type and the text', async () => {
    // given an engine that echoes what it got
    const { url, server } = await serve((body, respond) => respond(404, 'application/json', JSON.stringify({ got: body })));
    try {
      // when a JSON body is posted
      const answer = await send(`${url}/task`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"信访"}', timeoutMs: 5_000 });
      // then a refusal is an answer, not a failure, with its body read whole
      expect(answer).toEqual({ status: 404, contentType: 'application/json', text: JSON.stringify({ got: '{"a":"信访"}' }) });
    } finally {
      server.close();
    }
  });

  it('gives up on an engine that does not answer within the time allowed, and says it timed out', async () => {
    // given an engine that takes the request and never answers
    const { url, server } = await serve(() => undefined);
    try {
      const failure = await send(`${url}/engine`, { method: 'GET', headers: {}, timeoutMs: 200 }).catch((error: unknown) => error);
      expect(describeFailure(failure)).toBe('timed out');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('names a refused connection by its code', async () => {
    // given a port nothing listens on any more
    const { url, server } = await serve(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const failure = await send(`${url}/engine`, { method: 'GET', headers: {}, timeoutMs: 2_000 }).catch((error: unknown) => error);
    expect(describeFailure(failure)).toBe('ECONNREFUSED');
  });

  it('describes what it does not know by its message', () => {
    expect(describeFailure(new Error('other side closed'))).toBe('other side closed');
    expect(describeFailure(Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET' }))).toBe('socket');
    expect(describeFailure(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe('ECONNRESET');
    expect(describeFailure('down')).toBe('down');
    // A rejection with nothing in it still gets words, not a TypeError of its own.
    expect(describeFailure(null)).toBe('null');
    expect(describeFailure(undefined)).toBe('undefined');
  });
});

import { Agent, request, type Dispatcher } from 'undici';

/**
 * The engine's HTTP: undici's request API over one keep-alive pool. The global fetch cost three to
 * four times the CPU per call (its web streams, and a timeout signal for each request), and the API
 * calls the engine several times for every petition.
 */
const agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: 10_000 } });

export interface EngineAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface EngineCall {
  method: string;
  headers: Record<string, string>;
  body?: string | FormData;
  /** For the answer's headers, and again for each pause while its body arrives. */
  timeoutMs: number;
}

/** One call; throws undici's error when no answer came (refused, reset, timed out). */
export async function send(url: string, call: EngineCall): Promise<EngineAnswer> {
  const response = await request(url, {
    method: call.method as Dispatcher.HttpMethod,
    headers: call.headers,
    // undici takes the global FormData (its own, under another type).
    body: call.body as Dispatcher.RequestOptions['body'],
    dispatcher: agent,
    headersTimeout: call.timeoutMs,
    bodyTimeout: call.timeoutMs,
  });
  const text = await response.body.text();
  const type = response.headers['content-type'];
  return { status: response.statusCode, contentType: Array.isArray(type) ? type.join(', ') : (type ?? ''), text };
}

/** What went wrong when no answer came, in the words the outage classifier and the logs use. */
export function describeFailure(error: unknown): string {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out';
  if (code && !code.startsWith('UND_ERR')) return code;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

import { FaultStack } from './support/fault-stack';
import { anonymousRequestsFor, FuzzAnswer, FuzzRequest, OpenApi, operationsOf, requestsFor, send } from './support/fuzz';
import { call, signIn } from './support/http';
import { note, secondsSince } from './support/report';
import { DB } from './support/settings';

/**
 * Who sends an operation's malformed requests: a demo account holding a role the route needs, so
 * that the input gets past the role check to validation and the handler. The first match wins.
 * Accounts that only the fuzz of /api/auth/* uses keep their password changes and sign-outs away
 * from the others.
 */
const CALLERS: [RegExp, string][] = [
  [/^POST \/api\/auth\/logout$/, 'qingshan.registrar'],
  [/^\w+ \/api\/auth\//, 'qingshan.room1'],
  [/^POST \/api\/petitions$/, 'donghu.registrar'],
  [/^POST \/api\/tasks\/\{id\}\/assign$/, 'donghu.room1.head'],
  [/^\w+ \/api\/tasks/, 'donghu.room1'],
  [/^POST \/api\/supervision\/\{id\}\/feedback$/, 'donghu.room1.head'],
  [/^POST \/api\/scores\/close$/, 'city.supervisor'],
  [/^\w+ \/api\/(supervision|reports|kpis|scores)/, 'donghu.supervisor'],
  [/^\w+ \/api\/board\//, 'donghu.supervisor'],
  [/^\w+ \/api\/admin\/users\/\{username\}\/(roles|unlock|password)$/, 'secadmin'],
  [/^\w+ \/api\/admin\//, 'sysadmin'],
  [/^\w+ \/api\/audit/, 'auditor'],
  [/^POST \/api\/processes\/deploy$/, 'admin'],
  [/./, 'city.handler'],
];

/** Operations that answer with a stream that stays open (server-sent events). */
const STREAMS = /^GET \/api\/inbox\/stream$/;

/** Signing out ends the session the request carries: each of those requests gets its own. */
const FRESH_SESSION = /^POST \/api\/auth\/logout$/;

// The API has grown past 2,000 requests with the notices, the inbox and the notice templates, and
// nearly to 3,000 with assessment; the case file's attachments and the desk add about 300. The cap keeps the run bounded.
const MAX_REQUESTS = 3_600;
const CONCURRENCY = 4;

const callerOf = (operation: string) => CALLERS.find(([pattern]) => pattern.test(operation))![1];

/**
 * Every operation of the API's own OpenAPI document, fuzzed with malformed input, by a caller
 * with the roles it needs and by nobody signed in. Nothing a caller sends may make the API fail
 * (no 5xx, no dropped connection), and the audit chain must still verify afterwards.
 */
describe(`every operation of the OpenAPI document fuzzed with malformed input (${DB})`, () => {
  let stack: FaultStack;

  beforeAll(async () => {
    // NODE_ENV=test (the stack's default) keeps /api/docs-json on.
    stack = await FaultStack.start({ name: 'fuzz' });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers every malformed request with a 4xx (0 × 5xx, 0 dropped), and the audit chain verifies intact afterwards', async () => {
    const started = Date.now();
    // given the operations of the API's own document
    const docReply = await call<OpenApi>(stack.apiUrl, 'GET', '/api/docs-json');
    expect(docReply.status).toBe(200);
    const operations = operationsOf(docReply.body);
    const requests: FuzzRequest[] = [];
    for (const info of operations) {
      if (info.public) requests.push(...requestsFor(docReply.body, info, undefined));
      // A signed-in event stream answers 200 and stays open by design: only its refusals are fuzzed.
      else if (!STREAMS.test(info.operation)) requests.push(...requestsFor(docReply.body, info, callerOf(info.operation)));
      requests.push(...anonymousRequestsFor(info));
    }
    expect(operations.length).toBeGreaterThan(40);
    expect(requests.length).toBeLessThanOrEqual(MAX_REQUESTS);
    const tokens = new Map<string, string>();
    for (const user of new Set(requests.map((r) => r.as).filter((u): u is string => !!u))) tokens.set(user, await signIn(stack.apiUrl, user));

    // when each is sent, 4 at a time
    const answers: { request: FuzzRequest; answer: FuzzAnswer }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          const token = request.as
            ? FRESH_SESSION.test(request.operation)
              ? await signIn(stack.apiUrl, request.as)
              : tokens.get(request.as)
            : undefined;
          answers.push({ request, answer: await send(stack.apiUrl, request, token) });
        }
      }),
    );

    // then nothing it answers is a server error, and every request gets an answer
    const describe = ({ request, answer }: (typeof answers)[number]) => ({
      request: `${request.method} ${request.path.length > 120 ? request.path.slice(0, 120) + '…' : request.path}`,
      as: request.as ?? 'anonymous',
      input: request.input,
      status: answer.status,
      body: answer.body.slice(0, 300),
    });
    const serverErrors = answers.filter((a) => typeof a.answer.status !== 'number' || a.answer.status >= 500).map(describe);
    // (and the callers were right: no signed-in request was refused for want of a role)
    const roleRefusals = answers.filter((a) => a.request.as && a.answer.status === 403 && a.answer.body.includes('needs one of these roles')).map(describe);
    const health = await call(stack.apiUrl, 'GET', '/api/health');
    // and the audit chain, which recorded the attempts, is intact
    const verify = await call(stack.apiUrl, 'GET', '/api/audit/verify', { token: await signIn(stack.apiUrl, 'auditor') });

    const byStatus: Record<string, number> = {};
    for (const { answer } of answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    note('fuzz', {
      operations: operations.length,
      requests: answers.length,
      byStatus,
      serverErrors: serverErrors.length,
      slowestMs: Math.max(...answers.map((a) => a.answer.ms)),
      seconds: secondsSince(started),
    });
    // (one comparison, so that a failure shows every finding at once)
    expect({ serverErrors, roleRefusals, health: health.status, audit: { status: verify.status, body: verify.body } }).toEqual({
      serverErrors: [],
      roleRefusals: [],
      health: 200,
      audit: { status: 200, body: expect.objectContaining({ ok: true }) },
    });
  }, 600_000);
});

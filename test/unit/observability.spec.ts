import { isSaneRequestId, requestIdFor } from '../../src/logging/request-id';
import { methodLabel, routeTemplate } from '../../src/logging/route-template';
import { petitionFieldsOf } from '../../src/logging/log-context.interceptor';
import { requestLogging, requestSummary } from '../../src/logging/request-logging';
import { EventEmitter } from 'node:events';
import { loadMetricsConfig } from '../../src/metrics/metrics-config';
import { poolUse } from '../../src/metrics/database-pool-metrics';
import { observeTask, workerTaskDuration, workerTaskFailures } from '../../src/metrics/task-metrics';
import { metricsRegistry } from '../../src/metrics/metrics-registry';
import {
  BACKLOG_MIN_SPAN_MS,
  BACKLOG_MIN_WAITING,
  BacklogSample,
  backlogGrowth,
  decideReadiness,
  ReadinessInput,
} from '../../src/health/readiness';
import { toDate } from '../../src/health/work-signals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { attachLogContext, runWithLogContext } from '../../src/logging/log-context';
import { REDACTED_PATHS } from '../../src/logging/root-logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request id', () => {
  it.each(['a1b2c3', 'req-42', '4bf92f3577b34da6a3ce929d0e0e4736', 'trace:span.1', 'A'.repeat(128)])('keeps a sane incoming id %s', (id) => {
    expect(isSaneRequestId(id)).toBe(true);
    expect(requestIdFor(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'A'.repeat(129)],
    ['a space', 'abc def'],
    ['a line break (log forging)', 'abc\n{"level":"error"}'],
    ['JSON', '{"id":1}'],
    ['a leading dash', '-abc'],
    ['an ID number', '11010519491231002X 13800138000'],
    ['Chinese text', '张三'],
  ])('replaces an incoming id with %s by a new one', (_what, id) => {
    expect(isSaneRequestId(id)).toBe(false);
    expect(requestIdFor(id)).toMatch(UUID);
  });

  it('makes a new id when none comes, and takes the first of repeated headers', () => {
    expect(requestIdFor(undefined)).toMatch(UUID);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
    expect(requestIdFor(['first-1', 'second-2'])).toBe('first-1');
  });
});

describe('the route template (log lines and metric labels)', () => {
  it('names a matched route as declared, never with its ids or query', () => {
    expect(routeTemplate({ route: { path: '/api/petitions/:id' }, originalUrl: '/api/petitions/6f1c?idNumber=110105' })).toBe('/api/petitions/:id');
    expect(routeTemplate({ route: { path: '/:id' }, baseUrl: '/api/tasks', originalUrl: '/api/tasks/42' })).toBe('/api/tasks/:id');
  });

  it('names what no route took by where it went, not by its URL', () => {
    expect(routeTemplate({ originalUrl: '/api/no-such/13800138000' })).toBe('(unmatched)');
    expect(routeTemplate({ originalUrl: '/api' })).toBe('(unmatched)');
    expect(routeTemplate({ url: '/api?x=1' })).toBe('(unmatched)');
    expect(routeTemplate({ originalUrl: '/assets/index-abc.js' })).toBe('(static)');
    expect(routeTemplate({ originalUrl: '/apiary' })).toBe('(static)');
    expect(routeTemplate({})).toBe('(static)');
  });

  it('lets no invented method become a label', () => {
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map(methodLabel)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(methodLabel('PROPFIND')).toBe('OTHER');
    expect(methodLabel(undefined)).toBe('OTHER');
  });

  it("writes the caller and the route in a request's closing line, nothing from the URL", () => {
    const request = {
      method: 'GET',
      route: { path: '/api/petitions/:id' },
      originalUrl: '/api/petitions/abc?phone=13800138000',
      headers: { authorization: 'Bearer secret' },
      principal: { username: 'donghu.room1', unitCode: 'U-1' },
    } as unknown as IncomingMessage;
    const summary = requestSummary(request, { statusCode: 200 } as ServerResponse);
    expect(summary).toEqual({ method: 'GET', route: '/api/petitions/:id', status: 200, user: 'donghu.room1', unit: 'U-1' });
  });
});

describe("a request's log lines", () => {
  function captured(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { logger: pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream), lines };
  }

  it('never copy the request itself, not even into a logger nobody writes with', async () => {
    const { logger, lines } = captured();
    let read = 0;
    const request = { method: 'POST', url: '/api/petitions', headers: { authorization: 'Bearer secret' } } as Record<string, unknown>;
    // Anything that serializes the request reads every enumerable property, this one too.
    Object.defineProperty(request, 'socket', { enumerable: true, get: () => ++read });
    const response = Object.assign(new EventEmitter(), { statusCode: 201, setHeader: () => undefined, getHeader: () => undefined });
    const next = jest.fn();

    requestLogging(logger)(request as never, response as never, next);
    response.emit('finish');
    await new Promise((resolve) => setImmediate(resolve));

    expect(next).toHaveBeenCalled();
    expect(read).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', status: 201, msg: 'POST (unmatched) 201' });
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});

describe('the petition fields a log line takes from an answer', () => {
  it('takes the number and process instance at the top of an answer', () => {
    expect(petitionFieldsOf({ id: 'x', number: 'XF-990102-2026-000017', processInstanceId: '5c2b6a1e-0f3e-11ef-9d1a-0242ac120002' })).toEqual({
      petitionNumber: 'XF-990102-2026-000017',
      processInstanceId: '5c2b6a1e-0f3e-11ef-9d1a-0242ac120002',
    });
  });

  it('takes nothing that is not shaped like them, and nothing from lists or nested objects', () => {
    expect(petitionFieldsOf({ number: '13800138000', processInstanceId: 'a b' })).toEqual({ petitionNumber: undefined, processInstanceId: undefined });
    expect(petitionFieldsOf([{ number: 'XF-990102-2026-000017' }])).toEqual({});
    expect(petitionFieldsOf({ petition: { number: 'XF-990102-2026-000017' } })).toEqual({ petitionNumber: undefined, processInstanceId: undefined });
    expect(petitionFieldsOf(undefined)).toEqual({});
    expect(petitionFieldsOf('XF-990102-2026-000017')).toEqual({});
  });
});

describe('where metrics are served', () => {
  it('serves nothing unless a port is set, on loopback unless told otherwise', () => {
    expect(loadMetricsConfig('api', {})).toEqual({ port: null, host: '127.0.0.1' });
    expect(loadMetricsConfig('api', { METRICS_PORT: '0' })).toEqual({ port: null, host: '127.0.0.1' });
    expect(loadMetricsConfig('api', { METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toEqual({ port: 9464, host: '0.0.0.0' });
  });

  it('reads the worker port from its own variable', () => {
    expect(loadMetricsConfig('worker', { METRICS_PORT: '9464' })).toEqual({ port: null, host: '127.0.0.1' });
    expect(loadMetricsConfig('worker', { WORKER_METRICS_PORT: '9465' })).toEqual({ port: 9465, host: '127.0.0.1' });
  });

  it.each(['abc', '-1', '65536', '80.5'])('refuses the port %s with the variable named', (port) => {
    expect(() => loadMetricsConfig('api', { METRICS_PORT: port })).toThrow(/METRICS_PORT must be a port number/);
    expect(() => loadMetricsConfig('worker', { WORKER_METRICS_PORT: port })).toThrow(/WORKER_METRICS_PORT must be a port number/);
  });
});

describe("the database pool's use", () => {
  it('reads a mysql2 pool', () => {
    const pool = { _allConnections: { length: 7 }, _freeConnections: { length: 3 }, _connectionQueue: { length: 2 }, config: { connectionLimit: 20 } };
    expect(poolUse(pool)).toEqual({ max: 20, open: 7, idle: 3, waiting: 2 });
  });

  it('reads nothing where there is no pool (SQLite, not connected)', () => {
    expect(poolUse(undefined)).toBeNull();
    expect(poolUse({})).toBeNull();
  });
});

describe('a worker task observed', () => {
  const count = async (name: string, labels: Record<string, string>) => {
    const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name)!;
    return metric.values.filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value)).reduce((sum, v) => sum + v.value, 0);
  };

  it('times a success by topic and passes its result on', async () => {
    await expect(observeTask({ topicName: 't-ok', businessKey: 'XF-1', processInstanceId: 'p1' }, async () => 42)).resolves.toBe(42);
    expect(workerTaskDuration).toBeDefined();
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/petition_worker_task_duration_seconds_count\{[^}]*topic="t-ok"[^}]*outcome="success"[^}]*\} 1/);
    expect(text).not.toMatch(/petition_worker_task_failures_total\{[^}]*topic="t-ok"/);
  });

  it('counts a failure by its kind and throws it on unchanged', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const bug = new TypeError('x is undefined');
    await expect(observeTask({ topicName: 't-fail' }, async () => Promise.reject(outage))).rejects.toBe(outage);
    await expect(observeTask({ topicName: 't-fail' }, async () => Promise.reject(bug))).rejects.toBe(bug);
    await expect(observeTask({ topicName: 't-fail' }, async () => Promise.reject(bug))).rejects.toBe(bug);
    expect(workerTaskFailures).toBeDefined();
    expect(await count('petition_worker_task_failures_total', { topic: 't-fail', kind: 'transient' })).toBe(1);
    expect(await count('petition_worker_task_failures_total', { topic: 't-fail', kind: 'definite' })).toBe(2);
    expect(await metricsRegistry.metrics()).toMatch(/petition_worker_task_duration_seconds_count\{[^}]*topic="t-fail"[^}]*outcome="failure"[^}]*\} 3/);
  });
});

describe('a growing backlog', () => {
  const now = 10 * 60_000;
  const series = (...points: [minutesAgo: number, waiting: number][]): BacklogSample[] =>
    points.map(([ago, waiting]) => ({ at: now - ago * 60_000, waiting }));

  it('is one that never fell and ended higher, over minutes, past a few tasks', () => {
    expect(backlogGrowth(series([4, 10], [3, 15], [2, 15], [1, 30], [0, 40]), now)).toEqual({ from: 10, to: 40, overMs: 4 * 60_000 });
    expect(backlogGrowth(series([3, 0], [1.5, 5], [0, BACKLOG_MIN_WAITING]), now)).toEqual({ from: 0, to: BACKLOG_MIN_WAITING, overMs: 3 * 60_000 });
  });

  it('is not one that fell at any point: the workers are catching up', () => {
    expect(backlogGrowth(series([4, 10], [3, 50], [2, 45], [1, 60], [0, 70]), now)).toBeNull();
  });

  it('is not one that stayed level, nor one too small to matter', () => {
    expect(backlogGrowth(series([4, 30], [2, 30], [0, 30]), now)).toBeNull();
    expect(backlogGrowth(series([4, 0], [2, 3], [0, BACKLOG_MIN_WAITING - 1]), now)).toBeNull();
  });

  it('is not judged from too few samples, from samples too close together, or from old ones', () => {
    expect(backlogGrowth(series([4, 10], [0, 40]), now)).toBeNull();
    const close = BACKLOG_MIN_SPAN_MS / 60_000 - 0.5;
    expect(backlogGrowth(series([close, 10], [close / 2, 20], [0, 40]), now)).toBeNull();
    // growth that ended more than five minutes ago says nothing about now
    expect(backlogGrowth(series([9, 10], [8, 20], [7, 40], [6, 80]), now)).toBeNull();
  });
});

describe('readiness', () => {
  const up: ReadinessInput = { database: true, migrated: true, engine: true, incidents: 0, backlog: null };

  it('is ready when the database answers, is migrated and the engine answers', () => {
    expect(decideReadiness(up)).toEqual({ httpStatus: 200, status: 'ready', reasons: [] });
    // incidents that could not be counted do not make it less ready: the engine answered its probe
    expect(decideReadiness({ ...up, incidents: null })).toEqual({ httpStatus: 200, status: 'ready', reasons: [] });
  });

  it('is not ready (503) with every reason when a store is down or the schema is behind', () => {
    expect(decideReadiness({ ...up, database: false, migrated: null, engine: false })).toEqual({
      httpStatus: 503,
      status: 'not-ready',
      reasons: ['database unreachable', 'engine unreachable'],
    });
    expect(decideReadiness({ ...up, migrated: false })).toEqual({ httpStatus: 503, status: 'not-ready', reasons: ['database migrations pending'] });
    // a store down outweighs incidents
    expect(decideReadiness({ ...up, engine: false, incidents: 3 }).status).toBe('not-ready');
  });

  it('is degraded but serving (200) while incidents wait or the backlog grows', () => {
    expect(decideReadiness({ ...up, incidents: 3 })).toEqual({ httpStatus: 200, status: 'degraded', reasons: ['incidents open: 3'] });
    expect(decideReadiness({ ...up, incidents: 1, backlog: { from: 10, to: 40, overMs: 4 * 60_000 } })).toEqual({
      httpStatus: 200,
      status: 'degraded',
      reasons: ['incidents open: 1', 'backlog growing: 10 → 40 waiting external tasks in 4 min'],
    });
  });
});

describe('a datetime read back from the outbox', () => {
  it('is read as UTC from SQLite text and as is from a Date', () => {
    expect(toDate('2026-11-30 01:02:03.456')?.toISOString()).toBe('2026-11-30T01:02:03.456Z');
    expect(toDate('2026-11-30T01:02:03.456Z')?.toISOString()).toBe('2026-11-30T01:02:03.456Z');
    const date = new Date('2026-11-30T01:02:03Z');
    expect(toDate(date)).toBe(date);
  });

  it('is nothing when there is none', () => {
    expect(toDate(null)).toBeNull();
    expect(toDate('')).toBeNull();
    expect(toDate('not a date')).toBeNull();
  });
});

describe('the fields log lines carry', () => {
  /** A pino logger writing into an array, and Nest's logger (as handlers use it) reading the same context. */
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const base = pino({ base: null, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    const nest = new PinoLogger({ pinoHttp: { logger: base } });
    return { lines, base, nest };
  }

  it("gives a worker task's lines its topic, petition number and process instance", async () => {
    const { lines, base, nest } = capture();
    await runWithLogContext({ topic: 'petition-route', petitionNumber: 'XF-990102-2026-000017', processInstanceId: 'pi-1' }, async () => nest.info('routed'), base);
    nest.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'routed', topic: 'petition-route', petitionNumber: 'XF-990102-2026-000017', processInstanceId: 'pi-1' });
    expect(lines.find((l) => l.msg === 'outside')).not.toHaveProperty('petitionNumber');
  });

  it("adds a request's petition to its later lines and to its closing line, and does nothing outside a request", () => {
    const { lines, base, nest } = capture();
    const request = base.child({ requestId: 'r-1' });
    const closing = base.child({ requestId: 'r-1' });
    storage.run(new Store(request, closing), () => {
      nest.info('before');
      attachLogContext({ petitionNumber: 'XF-990102-2026-000018', processInstanceId: undefined });
      nest.info('after');
    });
    closing.info('POST /api/petitions 201');
    expect(() => attachLogContext({ petitionNumber: 'XF-1' })).not.toThrow();
    expect(lines.find((l) => l.msg === 'before')).toEqual(expect.not.objectContaining({ petitionNumber: expect.anything() }));
    expect(lines.find((l) => l.msg === 'after')).toMatchObject({ requestId: 'r-1', petitionNumber: 'XF-990102-2026-000018' });
    expect(lines.find((l) => l.msg === 'POST /api/petitions 201')).toMatchObject({ requestId: 'r-1', petitionNumber: 'XF-990102-2026-000018' });
    expect(lines.find((l) => l.msg === 'after')).not.toHaveProperty('processInstanceId');
  });

  it('redacts personal data and credentials should anything log an object holding them', () => {
    const { lines, base } = capture();
    base.info({ req: { headers: { authorization: 'Bearer t', cookie: 's=1' } }, petitioner: { idNumber: '11010519491231002X', phone: '13800138000', address: '柳岸小区' }, password: 'p' }, 'x');
    const written = JSON.stringify(lines[0]);
    for (const secret of ['Bearer t', 's=1', '11010519491231002X', '13800138000', '柳岸小区', '"p"']) expect(written).not.toContain(secret);
  });
});

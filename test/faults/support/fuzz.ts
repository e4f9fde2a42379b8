import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

/**
 * Malformed requests for every operation of an OpenAPI 3 document: broken and hostile JSON,
 * wrong types, deep nesting, huge strings, unpaired surrogates, NUL bytes, hostile path and query
 * parameters, unknown fields, empty bodies and wrong content types. Each operation gets the same
 * families of input, derived from its own parameters and body schema.
 */

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  format?: string;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: Schema; required?: boolean };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
};
export type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

export interface FuzzRequest {
  /** `METHOD /path/template` of the operation. */
  operation: string;
  method: string;
  /** Sent as is: already percent-encoded where it has to be, with `../` left raw. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What is malformed, for the failure message. */
  input: string;
  /** Who sends it: a demo user name, or undefined for nobody signed in. */
  as?: string;
}

export interface OperationInfo {
  operation: string;
  method: string;
  template: string;
  op: Operation;
  public: boolean;
}

export function operationsOf(doc: OpenApi): OperationInfo[] {
  const list: OperationInfo[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      // The document marks every operation that needs a token with a security requirement.
      list.push({ operation: `${upper} ${template}`, method: upper, template, op, public: !op.security || op.security.length === 0 });
    }
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Path parameter values that are well-formed but name nothing that exists (or only what may be read). */
const PLAUSIBLE: Record<string, string> = {
  year: '2099',
  id: randomUUID(),
  key: 'petition',
  code: '990199',
  username: 'fuzz.nobody',
};

/** Hostile path parameter values, percent-encoded as a client would send them (`../` raw). */
const HOSTILE_PATH: [string, string][] = [
  ['-1', 'negative number'],
  ['0', 'zero'],
  ['x%00y', 'NUL byte'],
  ['..%2F..%2F..%2Fetc%2Fpasswd', 'encoded path traversal'],
  ['../', 'raw ../'],
  ['a'.repeat(5_000), 'overlong id (5,000 characters)'],
  ['%ED%A0%80', 'unpaired surrogate as UTF-8 bytes'],
  ['%', 'broken percent-encoding'],
  ['%F0%9F%92%A9%E5%BC%A0', 'emoji and CJK'],
  ["1'%20OR%20'1'%3D'1", 'SQL injection'],
  ['99999999999999999999999', 'number beyond 64 bits'],
  ['%20', 'blank'],
];

const HUGE = 'x'.repeat(200_000);

function resolve(doc: OpenApi, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; current.$ref && i < 10; i++) current = doc.components?.schemas?.[current.$ref.split('/').pop()!] ?? {};
  return current;
}

/** A value that passes the schema's shape (example, default, first enum value, or a filler). */
function sample(doc: OpenApi, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'string':
      return 'fuzz';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [sample(doc, schema.items, depth + 1)];
    default: {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (depth <= 4) out[name] = sample(doc, property, depth + 1);
      }
      return out;
    }
  }
}

/** Replaces every leaf of `value` (strings, or every leaf) by what `change` makes of it. */
function mapLeaves(value: unknown, change: (leaf: unknown) => unknown, onlyStrings = false): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, change, onlyStrings));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, change, onlyStrings)]));
  }
  if (onlyStrings && typeof value !== 'string') return value;
  return change(value);
}

function deepArray(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** The JSON bodies: [input description, body, content type]. */
function jsonBodies(doc: OpenApi, schema: Schema): [string, Buffer, string][] {
  const base = sample(doc, schema);
  const CT = 'application/json';
  const bodies: [string, Buffer, string][] = [
    ['malformed JSON', Buffer.from('{"a":'), CT],
    ['empty body', Buffer.alloc(0), CT],
    ['null', Buffer.from('null'), CT],
    ['an array', Buffer.from('[]'), CT],
    ['a string', Buffer.from('"fuzz"'), CT],
    ['a number', Buffer.from('12345'), CT],
    ['5,000 nested arrays', Buffer.from(deepArray(5_000)), CT],
    ['5,000 nested objects', Buffer.from(deepObject(5_000)), CT],
    ['the sample body', json(base), CT],
    ['unpaired surrogates in every string', Buffer.from(JSON.stringify(mapLeaves(base, (v) => `张${v}`, true)).replace(/张/g, '\\ud800')), CT],
    ['invalid UTF-8 bytes in every string', invalidUtf8(base), CT],
    ['NUL bytes in every string', json(mapLeaves(base, (v) => `a\u0000${v}\u0000`, true)), CT],
    ['whitespace-only strings', json(mapLeaves(base, () => '\u3000\u3000\t  \u3000', true)), CT],
    ['200,000-character strings', json(mapLeaves(base, () => HUGE, true)), CT],
    ['a body over the 1 MB limit', json({ ...(isObject(base) ? base : {}), padding: 'x'.repeat(2_100_000) }), CT],
    ['every field a number', json(mapLeaves(base, () => 1e308)), CT],
    ['every field an object', json(mapLeaves(base, () => ({ $gt: '' }))), CT],
    ['every field a nested array', json(mapLeaves(base, () => [[['x']]])), CT],
    ['every field null', json(mapLeaves(base, () => null)), CT],
    ['every field a negative fraction', json(mapLeaves(base, () => -1.5)), CT],
    // (bodies without arrays skip these: they would be the sample body again)
    ...(hasArray(base)
      ? ([
          ['every array 10,000 long', json(expandArrays(base)), CT],
          ['every array holding arrays', json(nestArrays(base)), CT],
        ] as [string, Buffer, string][])
      : []),
    [
      'unknown fields and prototype keys',
      Buffer.from(
        JSON.stringify({ ...(isObject(base) ? base : {}), unknownField: 1 }).replace(/^\{/, '{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}},'),
      ),
      CT,
    ],
    ['JSON sent as text/plain', json(base), 'text/plain'],
    ['a form instead of JSON', Buffer.from('a=1&b[c]=2&__proto__[x]=1'), 'application/x-www-form-urlencoded'],
    ['a broken multipart body', Buffer.from('--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'), 'multipart/form-data; boundary=zz'],
    ['JSON declared as UTF-16', json(base), 'application/json; charset=utf-16'],
    ['XML', Buffer.from('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'), 'application/xml'],
  ];
  return bodies;
}

/** Arrays whose elements are arrays instead of what they should hold (`{"days": [[…]]}`). */
function nestArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => [nestArrays(v)]);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nestArrays(v)]));
  return value;
}

/** The sample body with every string made of bytes that are not UTF-8 (a surrogate's CESU-8 form, 0xFF). */
function invalidUtf8(base: unknown): Buffer {
  const marker = 'INVALID-UTF8-MARKER';
  const parts = JSON.stringify(mapLeaves(base, () => marker, true)).split(marker);
  const bad = Buffer.from([0xed, 0xa0, 0x80, 0xff]);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [bad, Buffer.from(part)])));
}

function hasArray(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  return isObject(value) && Object.values(value).some(hasArray);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function expandArrays(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from({ length: 10_000 }, () => value[0] ?? 'x');
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandArrays(v)]));
  return value;
}

/** Bodies for a multipart upload (process deployment). */
function multipartBodies(): [string, Buffer, string][] {
  const boundary = 'fuzzboundary';
  const part = (name: string, filename: string, content: string | Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const CT = `multipart/form-data; boundary=${boundary}`;
  return [
    ['empty multipart', Buffer.from(`--${boundary}--\r\n`), CT],
    ['multipart without its end', Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.bpmn"\r\n\r\n<x`), CT],
    ['a .bpmn that is not XML', part('files', 'a.bpmn', '{"not":"xml"}'), CT],
    ['a .bpmn with an external entity', part('files', 'a.bpmn', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><definitions>&e;</definitions>'), CT],
    ['a .bpmn 5,000 elements deep', part('files', 'a.bpmn', '<a>'.repeat(5_000) + '</a>'.repeat(5_000)), CT],
    ['a .form that is not JSON', part('files', 'a.form', '{"id":'), CT],
    ['a .dmn of NUL bytes', part('files', 'a.dmn', Buffer.alloc(1_000)), CT],
    ['a file name with ../ and NUL', part('files', '../../x\u0000.bpmn', '<x/>'), CT],
    ['an unknown file type', part('files', 'a.exe', 'MZ'), CT],
    ['a file under another field name', part('other', 'a.bpmn', '<x/>'), CT],
    ['a 3 MB file', part('files', 'big.bpmn', 'x'.repeat(3_000_000)), CT],
    ['JSON instead of multipart', json({ files: ['a.bpmn'] }), 'application/json'],
    ['a multipart without boundary', Buffer.from('x'), 'multipart/form-data'],
  ];
}

/** Hostile query strings for the operation's query parameters (already encoded). */
function hostileQueries(params: Parameter[]): [string, string][] {
  const names = params.filter((p) => p.in === 'query').map((p) => p.name);
  const first = names[0] ?? 'q';
  const all = (value: string) => names.map((n) => `${n}=${value}`).join('&') || `q=${value}`;
  return [
    [all('abc'), 'every parameter a word'],
    [all('-1'), 'every parameter -1'],
    [all('1e309'), 'every parameter 1e309'],
    [all('9'.repeat(400)), 'every parameter a 400-digit number'],
    [all('a'.repeat(5_000)), 'every parameter 5,000 characters'],
    [all('x%00y'), 'NUL bytes'],
    [all('%ED%A0%80'), 'unpaired surrogate bytes'],
    [all('%'), 'broken percent-encoding'],
    [`${first}=a&${first}=b`, 'a parameter given twice'],
    [`${first}[x]=1&${first}[y][z]=2`, 'a parameter as a nested object'],
    ['__proto__[polluted]=1&constructor[prototype][x]=1', 'prototype keys'],
    ['unknownField=1', 'an unknown parameter'],
  ];
}

// ---------------------------------------------------------------------------------------------
// Requests

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? PLAUSIBLE[name] ?? 'fuzz');
}

/** The malformed requests of one operation, for one caller (a demo user name, or undefined). */
export function requestsFor(doc: OpenApi, info: OperationInfo, as: string | undefined): FuzzRequest[] {
  const { op, method, template, operation } = info;
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
  const plausiblePath = fillPath(template, {});
  const out: FuzzRequest[] = [];
  const add = (input: string, path: string, body?: Buffer, contentType?: string) =>
    out.push({
      operation,
      method,
      path,
      input,
      as,
      body,
      headers: contentType ? { 'Content-Type': contentType } : {},
    });

  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const multipart = content['multipart/form-data'];
  const baseBody = jsonSchema ? json(sample(doc, jsonSchema)) : undefined;

  for (const name of pathParams) {
    for (const [value, what] of HOSTILE_PATH) {
      add(`path {${name}} = ${what}`, fillPath(template, { [name]: value }), baseBody, baseBody ? 'application/json' : undefined);
    }
  }
  if (params.some((p) => p.in === 'query')) {
    for (const [query, what] of hostileQueries(params)) add(`query: ${what}`, `${plausiblePath}?${query}`);
  }
  if (jsonSchema) {
    for (const [what, body, type] of jsonBodies(doc, jsonSchema)) add(`body: ${what}`, plausiblePath, body, type);
  } else if (multipart) {
    for (const [what, body, type] of multipartBodies()) add(`body: ${what}`, plausiblePath, body, type);
  } else if (method !== 'GET') {
    // Operations that take no body still get one.
    add('body: 5,000 nested arrays where none is expected', plausiblePath, Buffer.from(deepArray(5_000)), 'application/json');
    add('body: malformed JSON where none is expected', plausiblePath, Buffer.from('{"a":'), 'application/json');
  }
  if (out.length < 6) {
    // Few parameters: a few more hostile queries, as every GET gets.
    for (const [query, what] of hostileQueries([]).slice(0, 6)) add(`query: ${what}`, `${plausiblePath}?${query}`);
  }
  // Hostile headers, on the plausible request.
  const headers: [string, Record<string, string>][] = [
    ['a 4,000-character Accept-Language', { 'Accept-Language': `zh-CN,${'x'.repeat(4_000)};q=0.9` }],
    ['Accept: application/xml only', { Accept: 'application/xml' }],
    ['a malformed X-Forwarded-For', { 'X-Forwarded-For': '999.1.1.1, ::ffff:zz, , unknown' }],
  ];
  for (const [what, extra] of headers) {
    out.push({ operation, method, path: plausiblePath, input: `header: ${what}`, as, body: baseBody, headers: { ...(baseBody ? { 'Content-Type': 'application/json' } : {}), ...extra } });
  }
  if (method === 'GET') add('body: 5,000 nested arrays on a GET', plausiblePath, Buffer.from(deepArray(5_000)), 'application/json');
  return out;
}

/** What nobody signed in sends to an operation that needs a session: no token, broken and forged ones. */
export function anonymousRequestsFor(info: OperationInfo): FuzzRequest[] {
  const path = fillPath(info.template, {});
  const forged = [
    Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
    Buffer.from('{"sub":"admin","sid":"x","roles":["system-admin"]}').toString('base64url'),
    '',
  ].join('.');
  const tokens: [string, string | undefined][] = [
    ['no token', undefined],
    ['a token that is not a JWT', 'Bearer x.y.z'],
    ['an unsigned (alg: none) token', `Bearer ${forged}`],
    ['a 5,000-character token', `Bearer ${'a'.repeat(5_000)}`],
    ['Basic credentials of the engine', `Basic ${Buffer.from('demo:demo').toString('base64')}`],
  ];
  const out: FuzzRequest[] = tokens.map(([what, authorization]) => ({
    operation: info.operation,
    method: info.method,
    path,
    input: `anonymous: ${what}`,
    headers: authorization ? { Authorization: authorization } : ({} as Record<string, string>),
  }));
  out.push({
    operation: info.operation,
    method: info.method,
    path,
    input: 'anonymous: 5,000 nested arrays',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(deepArray(5_000)),
  });
  return out;
}

export interface FuzzAnswer {
  status: number | 'no answer';
  body: string;
  ms: number;
}

/** Sends one request as is (node:http: no URL normalisation, so `../` and `%` reach the server raw). */
export function send(baseUrl: string, r: FuzzRequest, token: string | undefined, timeoutMs = 30_000): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolveAnswer) => {
    const headers: Record<string, string | number> = { 'Accept-Language': 'en', ...r.headers };
    if (token && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
    if (r.body) headers['Content-Length'] = r.body.length;
    let settled = false;
    const finish = (answer: FuzzAnswer) => {
      if (!settled) {
        settled = true;
        resolveAnswer(answer);
      }
    };
    let req;
    try {
      req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, timeout: timeoutMs, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.length < 64 && chunks.push(chunk));
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 400), ms: Date.now() - started }));
        res.on('error', (error) => finish({ status: 'no answer', body: error.message, ms: Date.now() - started }));
      });
    } catch (error) {
      // The client library refused to send it (e.g. a character Node will not put in a path).
      finish({ status: 'no answer', body: `not sent: ${(error as Error).message}`, ms: 0 });
      return;
    }
    req.on('timeout', () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (error) => finish({ status: 'no answer', body: error.message, ms: Date.now() - started }));
    req.end(r.body);
  });
}

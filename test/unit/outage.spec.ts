import { classifyFailure, EngineUnavailableError, outageOf, RecordsPending } from '../../src/common/outage';
import { isBlankText, isWellFormedText, toWellFormedText } from '../../src/common/text';

describe('telling an outage from a refusal or a bug', () => {
  it('names the engine when it did not answer', () => {
    const error = new EngineUnavailableError('ECONNREFUSED');
    expect(outageOf(error)).toBe('engine');
    // the reason reaches the log line of the 503
    expect(error.message).toBe('The process engine is unavailable: ECONNREFUSED');
  });

  it('names the database for connection failures as mysql2, TypeORM and SQLite report them', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 });
    expect(outageOf(refused)).toBe('database');
    expect(outageOf({ message: 'Query failed', driverError: { code: 'PROTOCOL_CONNECTION_LOST' } })).toBe('database');
    expect(outageOf({ message: 'lock wait', driverError: { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 } })).toBe('database');
    expect(outageOf(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe('database');
    expect(outageOf(Object.assign(new Error('Connection is not established with mysql database'), { name: 'ConnectionIsNotSetError' }))).toBe('database');
    expect(outageOf(new Error('Connection lost: The server closed the connection.'))).toBe('database');
    expect(outageOf(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ETIMEDOUT' }) }))).toBe('database');
  });

  it('names nothing for a bug or a refusal', () => {
    expect(outageOf(new TypeError("Cannot read properties of undefined (reading 'startsWith')"))).toBeNull();
    expect(outageOf({ message: 'Duplicate entry', driverError: { code: 'ER_DUP_ENTRY', errno: 1062 } })).toBeNull();
    expect(outageOf(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
    expect(outageOf(undefined)).toBeNull();
    expect(outageOf('a string')).toBeNull();
  });

  it('treats a petition whose records are still being written as a moment to wait, naming the petition', () => {
    const pending = new RecordsPending('P-42');
    expect(classifyFailure(pending)).toEqual({ kind: 'transient', reason: 'RECORDS_PENDING' });
    // the message is what the worker's log and, after the budget, the incident show an operator
    expect(pending.message).toBe('The records of petition P-42 are still being written after a task completion');
  });

  it('does not loop on an error that is its own cause', () => {
    const error = new Error('self') as Error & { cause?: unknown };
    error.cause = error;
    expect(outageOf(error)).toBeNull();
  });
});

describe('text that can be stored', () => {
  it('tells well-formed text from text with an unpaired surrogate', () => {
    expect(isWellFormedText('张三😀')).toBe(true);
    expect(isWellFormedText('\ud800x')).toBe(false);
    expect(isWellFormedText('x\udc00')).toBe(false);
  });

  it('replaces each unpaired surrogate with U+FFFD, as a UTF-8 encoder stores it', () => {
    expect(toWellFormedText('张\uD800三')).toBe('张\uFFFD三');
    expect(Buffer.from(toWellFormedText('\ud800x')).toString()).toBe(Buffer.from('\ud800x').toString());
    expect(toWellFormedText('😀')).toBe('😀');
  });

  it('counts ideographic spaces, tabs and the BOM as blank', () => {
    expect(isBlankText('\u3000\u3000\t  \u3000')).toBe(true);
    expect(isBlankText('\ufeff\n')).toBe(true);
    expect(isBlankText(' 张 ')).toBe(false);
  });
});

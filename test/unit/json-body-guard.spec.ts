import type { NextFunction, Request, Response } from 'express';
import { bodyProblemError, findBodyProblem, jsonBodyGuard, MAX_JSON_DEPTH } from '../../src/hardening/json-body-guard';
import { LocalizedHttpError, ValidationFailedException } from '../../src/common/errors';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

describe('what the API refuses in a JSON body before anything reads it', () => {
  it('lets ordinary bodies through, Chinese text, emoji and empty values included', () => {
    expect(findBodyProblem({ subject: '小区外墙脱落😀', petitioners: [{ name: '张三', phone: null }], n: 1, ok: true, list: [] })).toBeNull();
    expect(findBodyProblem(undefined)).toBeNull();
    expect(findBodyProblem('text')).toBeNull();
  });

  it('refuses an unpaired surrogate anywhere and names where it is', () => {
    expect(findBodyProblem({ username: '\ud800x', password: 'x' })).toEqual({ kind: 'malformed-text', path: 'username' });
    expect(findBodyProblem({ petitioners: [{ name: '张三' }, { name: '张\uD800三' }] })).toEqual({
      kind: 'malformed-text',
      path: 'petitioners[1].name',
    });
    expect(findBodyProblem({ note: 'tail \udfff' })).toEqual({ kind: 'malformed-text', path: 'note' });
    // a low surrogate first and a high one after it is not a pair
    expect(findBodyProblem({ note: '\udc00\ud800' })).toEqual({ kind: 'malformed-text', path: 'note' });
    expect(findBodyProblem(['ok', '\ud83d'])).toEqual({ kind: 'malformed-text', path: '[1]' });
  });

  it('names the shallowest problem, the first of its level as sent', () => {
    expect(findBodyProblem({ a: ['ok', '\ud800'], b: '\udc00', c: [{ d: '\ud801' }] })).toEqual({ kind: 'malformed-text', path: 'b' });
    expect(findBodyProblem(['ok', '\ud800', '\udc00'])).toEqual({ kind: 'malformed-text', path: '[1]' });
    expect(findBodyProblem({ a: 'ok', b: '\ud800', c: '\udc00' })).toEqual({ kind: 'malformed-text', path: 'b' });
  });

  it('names a whole body that is malformed text as the body', () => {
    expect(findBodyProblem('\ud800')).toEqual({ kind: 'malformed-text', path: '' });
    expect((bodyProblemError({ kind: 'malformed-text', path: '' }) as ValidationFailedException).problems).toEqual([
      { field: 'body', code: 'malformedText' },
    ]);
  });

  it('as middleware, passes a good body or none on and hands a bad one to the error handler', () => {
    const run = (body: unknown) => {
      const next = jest.fn();
      jsonBodyGuard({ body } as Request, {} as Response, next as unknown as NextFunction);
      expect(next).toHaveBeenCalledTimes(1);
      return next.mock.calls[0][0] as unknown;
    };
    expect(run(undefined)).toBeUndefined();
    expect(run({ subject: '外墙' })).toBeUndefined();
    expect(run({ subject: '\ud800' })).toBeInstanceOf(ValidationFailedException);
    expect(run(JSON.parse('['.repeat(50) + ']'.repeat(50)))).toBeInstanceOf(LocalizedHttpError);
  });

  it('refuses a malformed key too, and names it in well-formed text', () => {
    const problem = findBodyProblem({ ['k\ud800']: 1 });
    expect(problem).toEqual({ kind: 'malformed-text', path: 'k\uFFFD' });
  });

  it(`allows ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    expect(findBodyProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(findBodyProblem(nested(MAX_JSON_DEPTH + 1))?.kind).toBe('too-deep');
  });

  it('judges a body nested 200,000 levels deep without running out of stack', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(findBodyProblem(deep)?.kind).toBe('too-deep');
  });

  it('answers a malformed text with a field problem and deep nesting with a 400 in both languages', () => {
    const text = bodyProblemError({ kind: 'malformed-text', path: 'subject' });
    expect(text).toBeInstanceOf(ValidationFailedException);
    expect((text as ValidationFailedException).problems).toEqual([{ field: 'subject', code: 'malformedText' }]);
    const deep = bodyProblemError({ kind: 'too-deep', path: '' }) as LocalizedHttpError;
    expect(deep.status).toBe(400);
    expect(deep.messages['zh-CN']).toContain('嵌套层级过深');
    expect(deep.messages.en).toContain('nested too deeply');
  });
});

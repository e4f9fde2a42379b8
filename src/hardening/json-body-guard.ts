import type { NextFunction, Request, Response } from 'express';
import { LocalizedHttpError, ValidationFailedException } from '../common/errors';
import { isWellFormedText, toWellFormedText } from '../common/text';

/** Deeper than any body the API takes (a petition with its petitioners is 3 levels). */
export const MAX_JSON_DEPTH = 20;

export type BodyProblem = { kind: 'too-deep'; path: string } | { kind: 'malformed-text'; path: string };

/**
 * Finds the first thing in a parsed JSON body that the API must refuse before anything reads it:
 * nesting deeper than MAX_JSON_DEPTH (recursive validators would overflow the stack on it) and text
 * that is not well-formed Unicode (an unpaired surrogate, which a JSON `\ud800` escape can carry).
 * Such text cannot be stored as it is — UTF-8 has no encoding for it, so the database would keep
 * U+FFFD instead, and whatever was hashed or compared before storing would no longer match.
 *
 * Iterative, so a body nested 500,000 levels deep is judged without recursion. The queue holds at
 * most every value of a body already accepted by BODY_LIMIT.
 */
export function findBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): BodyProblem | null {
  // Breadth first, so the problem named is the shallowest one, and the first of its level as sent.
  const queue: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  for (let next = 0; next < queue.length; next++) {
    const { value, path, depth } = queue[next];
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return { kind: 'malformed-text', path };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'too-deep', path };
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) queue.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (!isWellFormedText(key)) return { kind: 'malformed-text', path: toWellFormedText(child) };
      queue.push({ value: item, path: child, depth: depth + 1 });
    }
  }
  return null;
}

export function bodyProblemError(problem: BodyProblem): Error {
  if (problem.kind === 'too-deep') {
    return new LocalizedHttpError(400, {
      'zh-CN': `请求内容的嵌套层级过深（超过 ${MAX_JSON_DEPTH} 层），请检查提交的数据`,
      en: `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels); check what was sent`,
    });
  }
  return new ValidationFailedException([{ field: problem.path || 'body', code: 'malformedText' }]);
}

/** Express middleware, after the JSON body parser. */
export function jsonBodyGuard(request: Request, _response: Response, next: NextFunction): void {
  const problem = findBodyProblem(request.body);
  next(problem ? bodyProblemError(problem) : undefined);
}

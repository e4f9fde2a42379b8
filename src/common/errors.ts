import { BadRequestException, ValidationError } from '@nestjs/common';
import type { FieldProblem } from './i18n/validation-messages';

/** A 400 whose problems are put into words in the caller's language by ApiExceptionFilter. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super({ message: 'Validation failed', problems });
  }
}

/** A 4xx/5xx whose message exists in both languages. */
export class LocalizedHttpError extends Error {
  constructor(
    readonly status: number,
    readonly messages: { 'zh-CN': string; en: string },
  ) {
    super(messages.en);
  }
}

const PARAM_NAMES: Record<string, string[]> = {
  maxLength: ['max'],
  minLength: ['min'],
  min: ['min'],
  max: ['max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
  isIn: ['values'],
};

// When a field breaks several rules, the one a person should fix first: "required" before "too long".
const PRIORITY = ['whitelistValidation', 'isNotEmpty', 'isDefined', 'isNotBlank', 'isString', 'isInt', 'isIn', 'isArray'];

function firstProblem(codes: string[]): string | undefined {
  return [...codes].sort((a, b) => rank(a) - rank(b))[0];
}

function rank(code: string): number {
  const index = PRIORITY.indexOf(code);
  return index === -1 ? PRIORITY.length : index;
}

/** Flattens class-validator's nested errors into field problems, one per field. */
export function problemsFrom(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = isIndex ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const code = firstProblem(Object.keys(constraints));
    if (code) {
      const params: Record<string, string | number> = {};
      const metadata = (error.contexts ?? {})[code] as Record<string, string | number> | undefined;
      Object.assign(params, metadata ?? {});
      const names = PARAM_NAMES[code];
      if (names) {
        const match = /(\d+)/.exec(constraints[code]);
        if (code === 'isIn') {
          const list = /: (.*)$/.exec(constraints[code]);
          if (list) params.values = list[1];
        } else if (match) {
          params[names[0]] = Number(match[1]);
        }
      }
      problems.push({ field, code, params, fallback: constraints[code] });
    }
    if (error.children?.length) problems.push(...problemsFrom(error.children, field));
  }
  return problems;
}

import type { FieldError } from './types';

/**
 * The message a form shows at one field: its own check's problem first (a translation key, put into
 * words by `t`), else what the API said about the field; '' when neither found anything.
 */
export function fieldMessage(field: string, client: FieldError[], server: FieldError[], t: (key: string) => string): string {
  const problem = client.find((e) => e.field === field);
  if (problem) return t(problem.message);
  return server.find((e) => e.field === field)?.message ?? '';
}

/** The fields a form found empty, as problems of its own check. */
export function missingFields(fields: string[]): FieldError[] {
  return fields.map((field) => ({ field, message: 'workbench.task.required' }));
}

import type { HandlerResult } from './topic-handler.decorator';

/**
 * A handler's result without the variables its task was sent with the same value. The engine
 * writes every variable a completion names, changed or not (an update of its row, a read and an
 * update of its history row), so handing a value back unchanged costs statements and changes nothing.
 * Only variables the task was sent are compared: one the handler did not declare is written as given.
 */
export function withoutUnchanged(result: HandlerResult, sent: Record<string, unknown>): HandlerResult {
  if (!result) return result;
  const changed: NonNullable<HandlerResult> = {};
  for (const [name, value] of Object.entries(result)) {
    if (!Object.hasOwn(sent, name) || !same(sent[name], value)) changed[name] = value;
  }
  return changed;
}

function same(before: unknown, after: unknown): boolean {
  if (before instanceof Date || after instanceof Date) {
    return before instanceof Date && after instanceof Date && before.getTime() === after.getTime();
  }
  // undefined is "not set" to the runtime (toTypedVariables drops it), never "set to the same".
  return after !== undefined && before === after;
}

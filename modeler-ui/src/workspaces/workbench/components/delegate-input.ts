// 委托: a delegate hands the task back with what they entered in the step's form; the owner's form
// starts from it. Pure functions, so that the mapping is tested without a browser.

/**
 * The step form's model from a completion body the delegate sent: only the form's own fields, each
 * in the shape its input binds (a radio of 'true'/'false' holds a string, a switch a boolean).
 */
export function prefilledModel<M extends Record<string, unknown>>(initial: M, values: Record<string, unknown> | null | undefined): M {
  const model: Record<string, unknown> = { ...initial };
  if (!values) return model as M;
  for (const [name, start] of Object.entries(initial)) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    if (typeof start === 'boolean') model[name] = value === true || value === 'true';
    else if (typeof start === 'string') model[name] = typeof value === 'string' ? value : String(value);
    else model[name] = value;
  }
  return model as M;
}

import type { FieldError } from '../types';

/** A field of a Camunda Form: the key its value is submitted under and the label it is drawn with. */
export interface CamundaFormField {
  key: string;
  label: string;
}

interface Component {
  key?: unknown;
  label?: unknown;
  /** A datetime field is labelled by its date and time parts instead. */
  dateLabel?: unknown;
  timeLabel?: unknown;
  type?: unknown;
  components?: unknown;
}

/**
 * The input fields of a form-js schema, groups included, in the order they are drawn. Buttons and
 * texts carry no value; a dynamic list's rows are not fields of the completion body either.
 */
export function camundaFormFields(schema: Record<string, unknown>): CamundaFormField[] {
  const fields: CamundaFormField[] = [];
  const walk = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const c of components as Component[]) {
      if (!c || typeof c !== 'object') continue;
      if (c.type === 'group') walk(c.components);
      else if (typeof c.key === 'string' && c.type !== 'button' && c.type !== 'dynamiclist') {
        const label = [c.label, c.dateLabel, c.timeLabel].find((l): l is string => typeof l === 'string' && l.trim() !== '');
        fields.push({ key: c.key, label: label ?? c.key });
      }
    }
  };
  walk(schema.components);
  return fields;
}

/**
 * The completion body from what form-js submitted: only the form's own fields, text trimmed, and an
 * empty field left out so that the API's validation sees an optional field as absent, not as ''.
 */
export function completionBody(schema: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { key } of camundaFormFields(schema)) {
    let value = data[key];
    if (typeof value === 'string') value = value.trim();
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[key] = value;
  }
  return body;
}

/** The API's field errors with the labels the form draws those fields with (an unknown field keeps its name). */
export function labelledErrors(schema: Record<string, unknown>, errors: FieldError[]): { label: string; message: string }[] {
  const fields = camundaFormFields(schema);
  return errors.map((e) => {
    const field = fields.find((f) => e.field === f.key || e.field.startsWith(`${f.key}.`));
    return { label: field?.label ?? e.field, message: e.message };
  });
}

/** form-js reports its own validation errors per field id; any entry means the form is not ready to send. */
export function hasErrors(errors: Record<string, unknown> | undefined): boolean {
  return !!errors && Object.values(errors).some((list) => !Array.isArray(list) || list.length > 0);
}

/**
 * form-js words its validation messages in English only: the ones the shipped forms can raise are
 * said in the workbench's language instead (others are shown as form-js words them).
 */
export function localizedValidationMessage(message: string, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (message === 'Field is required.') return t('workbench.task.required');
  const max = /^Field must have maximum length of (\d+)\.$/.exec(message);
  if (max) return t('workbench.task.maxLength', { n: Number(max[1]) });
  const min = /^Field must have minimum length of (\d+)\.$/.exec(message);
  if (min) return t('workbench.task.minLength', { n: Number(min[1]) });
  return message;
}

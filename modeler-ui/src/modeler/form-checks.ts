// What keeps a Camunda Form from being deployed or from working in a task: the engine files a
// form under its schema `id` (the form key a user task refers to with camunda:formRef), and the
// viewer submits each input under its `key`, so two inputs with one key overwrite each other.
import type { FormComponent, FormSchema } from './templates';

export type FormProblemCode =
  | 'formId'
  | 'formIdMismatch'
  | 'schemaVersion'
  | 'missingKey'
  | 'duplicateKey'
  | 'invalidJson';

export interface FormProblem {
  code: FormProblemCode;
  /** Component id (empty for form-level problems). */
  componentId: string;
  /** Label of the component, or the key / id concerned. */
  label: string;
  /** The form key, input key or version the message names. */
  value: string;
}

/**
 * Components that hold a value and so need a `key`. form-js 1.23 types that only lay out or
 * display (text, html, image, spacer, separator, group, button …) have none.
 */
export const INPUT_TYPES = new Set([
  'textfield',
  'textarea',
  'number',
  'datetime',
  'expression',
  'filepicker',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
]);

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Every component, nested ones (groups, dynamic lists) included, in document order. */
export function allComponents(components: FormComponent[] | undefined): FormComponent[] {
  const out: FormComponent[] = [];
  const visit = (list: FormComponent[] | undefined): void => {
    for (const component of list ?? []) {
      out.push(component);
      visit(component.components);
    }
  };
  visit(components);
  return out;
}

/** Parses form JSON text; null when it is not a JSON object. */
export function parseFormSchema(text: string): FormSchema | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as FormSchema) : null;
  } catch {
    return null;
  }
}

/**
 * Problems of a form schema. `expectedId` is the key of the deployed form being edited: a new
 * version must keep it, else the engine files the upload as another form.
 */
export function checkForm(schema: FormSchema | null | undefined, expectedId?: string | null): FormProblem[] {
  if (!schema) return [{ code: 'invalidJson', componentId: '', label: '', value: '' }];
  const problems: FormProblem[] = [];
  const formLevel = (code: FormProblemCode, value: string): void => {
    problems.push({ code, componentId: '', label: '', value });
  };
  if (!hasText(schema.id)) formLevel('formId', '');
  else if (expectedId && schema.id !== expectedId) formLevel('formIdMismatch', expectedId);
  if (typeof schema.schemaVersion !== 'number' || !Number.isInteger(schema.schemaVersion)) formLevel('schemaVersion', '');

  const byKey = new Map<string, number>();
  const inputs = allComponents(schema.components).filter((c) => INPUT_TYPES.has(String(c.type)));
  for (const input of inputs) if (hasText(input.key)) byKey.set(input.key, (byKey.get(input.key) ?? 0) + 1);
  const reported = new Set<string>();
  for (const input of inputs) {
    const label = hasText(input.label) ? input.label : (input.id ?? String(input.type));
    if (!hasText(input.key)) {
      problems.push({ code: 'missingKey', componentId: input.id ?? '', label, value: '' });
    } else if ((byKey.get(input.key) ?? 0) > 1 && !reported.has(input.key)) {
      reported.add(input.key);
      problems.push({ code: 'duplicateKey', componentId: input.id ?? '', label, value: input.key });
    }
  }
  return problems;
}

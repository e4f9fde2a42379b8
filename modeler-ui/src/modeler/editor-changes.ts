// "Changes against the deployed version" for decision tables and forms, in the same form as the
// BPMN editor's (diff.ts): a signature per element id, compared with the imported baseline. Each
// element's signature holds its own data only (contained elements with ids count on their own), so
// editing one rule changes one entry, not the table and the decision around it as well.
import type { DmnNode } from './dmn-checks';
import type { FormComponent, FormSchema } from './templates';

function isNode(value: unknown): value is DmnNode {
  return !!value && typeof value === 'object' && typeof (value as DmnNode).$type === 'string';
}

/** Diagram interchange only moves shapes; like the BPMN editor, layout is not a change. */
function isDiagram(node: DmnNode): boolean {
  return node.$type.startsWith('dmndi:') || node.$type.startsWith('dc:');
}

function read(node: DmnNode, name: string): unknown {
  return node.get ? node.get(name) : node[name];
}

/** Signatures of the elements of a DMN definitions tree, by id. */
export function dmnSignatures(definitions: DmnNode | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const own = (node: DmnNode): Record<string, unknown> => {
    const data: Record<string, unknown> = { $type: node.$type };
    for (const property of node.$descriptor?.properties ?? []) {
      if (property.name === 'dmnDI') continue;
      const value = read(node, property.name);
      if (value === undefined || value === null || (Array.isArray(value) && !value.length)) continue;
      data[property.name] = normalize(value, !!property.isReference);
    }
    const attrs = (node as { $attrs?: Record<string, unknown> }).$attrs ?? {};
    for (const key of Object.keys(attrs).sort()) data[`@${key}`] = attrs[key];
    return data;
  };
  const normalize = (value: unknown, reference: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => normalize(v, reference));
    if (!isNode(value)) return value;
    if (reference || value.id) return `#${value.id ?? ''}`;
    return own(value);
  };
  const visit = (node: DmnNode): void => {
    if (isDiagram(node)) return;
    if (node.id) out.set(node.id, JSON.stringify(own(node)));
    for (const property of node.$descriptor?.properties ?? []) {
      if (property.isReference || property.name === 'dmnDI') continue;
      const value = read(node, property.name);
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child);
    }
  };
  if (definitions) visit(definitions);
  return out;
}

/** Key of the form itself among the component ids. */
export const FORM_ENTRY = '$form';

/**
 * form-js stamps random row ids (layout.row) on every component on its first layout pass, and a
 * component without one sits in a row of its own: what counts is whether a component shares the
 * row of the one before it.
 */
function joinsPreviousRow(list: FormComponent[]): Set<FormComponent> {
  const out = new Set<FormComponent>();
  list.forEach((component, index) => {
    const row = (component.layout as { row?: unknown } | undefined)?.row;
    const previous = index > 0 ? (list[index - 1]!.layout as { row?: unknown } | undefined)?.row : undefined;
    if (row !== undefined && row !== null && row === previous) out.add(component);
  });
  return out;
}

/** Signatures of a form schema: the form's own settings and each component, by id. */
export function formSignatures(schema: FormSchema | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!schema) return out;
  const own = (item: FormSchema | FormComponent, joined = false): string => {
    const { components, layout, ...rest } = item;
    const data: Record<string, unknown> = { ...rest, components: (components ?? []).map((c) => `#${c.id ?? ''}`) };
    const cell = Object.entries((layout ?? {}) as Record<string, unknown>).filter(
      ([name, value]) => name !== 'row' && value !== null && value !== undefined,
    );
    if (joined) cell.push(['joinsPreviousRow', true]);
    if (cell.length) data.layout = Object.fromEntries(cell.sort(([a], [b]) => a.localeCompare(b)));
    return JSON.stringify(data);
  };
  // the editor stamps its own exporter; that is not the administrator's change
  const { exporter: _exporter, ...form } = schema;
  void _exporter;
  out.set(FORM_ENTRY, own(form));
  const visit = (list: FormComponent[] | undefined): void => {
    const joined = joinsPreviousRow(list ?? []);
    list?.forEach((component, index) => {
      out.set(component.id || `${component.type}#${index}`, own(component, joined.has(component)));
      visit(component.components);
    });
  };
  visit(schema.components);
  return out;
}

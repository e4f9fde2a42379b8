// What the Camunda 7.24 engine of this product would refuse (or run badly) in a DMN file, checked
// before the deploy button is enabled so that the administrator gets a list instead of a server
// error. The engine runs with enforceHistoryTimeToLive: true (engine/src/main/resources/
// application.yaml), so a decision without a history time to live is an error, not a warning.

/** The slice of a dmn-moddle element these checks read. */
export interface DmnNode {
  $type: string;
  id?: string;
  name?: string;
  label?: string;
  typeRef?: string;
  $descriptor?: { properties: Array<{ name: string; isReference?: boolean }> };
  get?(name: string): unknown;
  [key: string]: unknown;
}

export type DmnProblemCode =
  | 'decisionId'
  | 'decisionName'
  | 'noInput'
  | 'noOutput'
  | 'inputTypeRef'
  | 'outputTypeRef'
  | 'duplicateId'
  | 'historyTimeToLive';

export interface DmnProblem {
  code: DmnProblemCode;
  /** Element to show / select for the problem (the decision for table-level problems). */
  elementId: string;
  /** Decision the element belongs to (opens its table), null for DRD-level elements. */
  decisionId: string | null;
  /** Label of the offending element for the list (name, label or id). */
  label: string;
}

function isNode(value: unknown): value is DmnNode {
  return !!value && typeof value === 'object' && typeof (value as DmnNode).$type === 'string';
}

function prop(node: DmnNode, name: string): unknown {
  const value = node.get ? node.get(name) : undefined;
  return value === undefined ? node[name] : value;
}

/** The engine takes a number of days or an ISO-8601 "P<n>D" period. */
export function isValidTimeToLive(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  if (typeof value !== 'string') return false;
  return /^\d+$/.test(value.trim()) || /^P\d+D$/.test(value.trim());
}

export function historyTimeToLiveOf(decision: DmnNode): unknown {
  const value = prop(decision, 'camunda:historyTimeToLive');
  return value === undefined ? prop(decision, 'historyTimeToLive') : value;
}

/** Every element of the tree (contained, not referenced), the definitions included. */
function walk(node: DmnNode, visit: (node: DmnNode) => void): void {
  visit(node);
  const properties = node.$descriptor?.properties;
  const names = properties
    ? properties.filter((p) => !p.isReference).map((p) => p.name)
    : Object.keys(node).filter((k) => !k.startsWith('$'));
  for (const name of names) {
    const value = prop(node, name);
    if (Array.isArray(value)) value.forEach((v) => isNode(v) && walk(v, visit));
    else if (isNode(value)) walk(value, visit);
  }
}

function labelOf(node: DmnNode): string {
  // columns show their label in the table head; `name` is the output's variable
  return (node.label || node.name || node.id || node.$type).toString();
}

/**
 * Ids the XML reader found twice. dmn-moddle drops the second element (with a warning) instead
 * of failing, so after an import the tree has no duplicates left and saving would silently lose
 * that element: the import warnings are where a duplicate shows.
 */
export function duplicateIdsInWarnings(warnings: ReadonlyArray<unknown> | null | undefined): string[] {
  const ids = new Set<string>();
  for (const warning of warnings ?? []) {
    const text = warning instanceof Error ? warning.message : String((warning as { message?: unknown })?.message ?? warning);
    for (const match of text.matchAll(/duplicate ID <([^>]+)>/g)) ids.add(match[1]!);
  }
  return [...ids];
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Problems of a DMN definitions tree, in document order (duplicates the reader dropped last). */
export function checkDmn(
  definitions: DmnNode | null | undefined,
  importWarnings: ReadonlyArray<unknown> = [],
): DmnProblem[] {
  if (!definitions) return [];
  const problems: DmnProblem[] = [];
  const drg = (prop(definitions, 'drgElement') as DmnNode[] | undefined) ?? [];
  for (const decision of drg) {
    if (decision.$type !== 'dmn:Decision') continue;
    const decisionId = decision.id ?? null;
    const at = (node: DmnNode, code: DmnProblemCode): void => {
      problems.push({ code, elementId: node.id || decisionId || '', decisionId, label: labelOf(node) });
    };
    if (!hasText(decision.id)) at(decision, 'decisionId');
    if (!hasText(decision.name)) at(decision, 'decisionName');
    if (!isValidTimeToLive(historyTimeToLiveOf(decision))) at(decision, 'historyTimeToLive');
    const logic = prop(decision, 'decisionLogic') as DmnNode | undefined;
    if (logic?.$type !== 'dmn:DecisionTable') continue;
    const inputs = (prop(logic, 'input') as DmnNode[] | undefined) ?? [];
    const outputs = (prop(logic, 'output') as DmnNode[] | undefined) ?? [];
    if (!inputs.length) at(decision, 'noInput');
    if (!outputs.length) at(decision, 'noOutput');
    for (const input of inputs) {
      const expression = prop(input, 'inputExpression') as DmnNode | undefined;
      if (!hasText(expression?.typeRef)) at(input, 'inputTypeRef');
    }
    for (const output of outputs) if (!hasText(output.typeRef)) at(output, 'outputTypeRef');
  }

  const seen = new Map<string, DmnNode>();
  const reported = new Set<string>();
  walk(definitions, (node) => {
    if (!hasText(node.id)) return;
    const id = node.id as string;
    if (seen.has(id) && !reported.has(id)) {
      reported.add(id);
      problems.push({ code: 'duplicateId', elementId: id, decisionId: null, label: id });
    }
    seen.set(id, node);
  });
  for (const id of duplicateIdsInWarnings(importWarnings)) {
    if (reported.has(id)) continue;
    problems.push({ code: 'duplicateId', elementId: id, decisionId: null, label: id });
  }
  return problems;
}
